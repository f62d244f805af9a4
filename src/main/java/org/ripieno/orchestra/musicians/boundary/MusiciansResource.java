package org.ripieno.orchestra.musicians.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.musicians.control.MusicianCsv;
import org.ripieno.orchestra.musicians.control.MusicianFilter;
import org.ripieno.orchestra.musicians.control.MusicianStatistics;
import org.ripieno.orchestra.musicians.control.Musicians;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;
import org.ripieno.web.Problem;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * The orchestra's musicians: list with search, filters, sort and pages; create, change, archive,
 * restore and erase; history and statistics; CSV export and import.
 */
@Path("orchestras/{subdomain}/musicians")
// One instance for the application, not one per request: creating and injecting a resource at every
// request was a tenth of the single musician read's CPU. So it keeps no request state in fields
// (the headers come as a parameter where needed).
@ApplicationScoped
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MusiciansResource {

  private static final String CSV = "text/csv";
  private static final Set<String> CSV_TYPES =
      Set.of("text/csv", "text/plain", "application/csv", "application/octet-stream");
  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

  @Inject Musicians musicians;
  @Inject MusicianCsv csv;

  @GET
  public Page<MusicianView> list(
      @QueryParam("search") String search,
      @QueryParam("instrumentId") String instrumentId,
      @QueryParam("positionId") String positionId,
      @QueryParam("status") String status,
      @QueryParam("sort") String sort,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return musicians.list(
        MusicianFilter.of(search, instrumentId, positionId, status, sort), page, size);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The musician",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = MusicianView.class)))
  public Response create(MusicianInput input, @Context UriInfo uri) {
    MusicianView created = musicians.create(MusicianInput.orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @GET
  @Path("{id}")
  public MusicianView get(@PathParam("id") int id) {
    return musicians.get(id);
  }

  @PUT
  @Path("{id}")
  public MusicianView update(@PathParam("id") int id, MusicianInput input) {
    return musicians.update(id, MusicianInput.orEmpty(input));
  }

  @POST
  @Path("{id}/archive")
  public MusicianView archive(@PathParam("id") int id) {
    return musicians.archive(id);
  }

  @POST
  @Path("{id}/restore")
  public MusicianView restore(@PathParam("id") int id) {
    return musicians.restore(id);
  }

  @POST
  @Path("{id}/erase")
  public MusicianView erase(@PathParam("id") int id) {
    return musicians.erase(id);
  }

  @GET
  @Path("{id}/history")
  public List<Musicians.ProjectHistory> history(@PathParam("id") int id) {
    return musicians.history(id);
  }

  @GET
  @Path("{id}/statistics")
  public MusicianStatistics statistics(@PathParam("id") int id) {
    return musicians.statistics(id);
  }

  /**
   * The musicians the list's filters select, as CSV. {@code separator=semicolon} writes {@code ;}
   * and a byte order mark, which is what spreadsheets in Swedish locales open directly.
   */
  @GET
  @Path("export")
  @Produces(CSV + ";charset=UTF-8")
  @APIResponse(
      responseCode = "200",
      description = "The CSV file",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  public Response export(
      @PathParam("subdomain") String subdomain,
      @QueryParam("search") String search,
      @QueryParam("instrumentId") String instrumentId,
      @QueryParam("positionId") String positionId,
      @QueryParam("status") String status,
      @QueryParam("sort") String sort,
      @QueryParam("separator") @DefaultValue("comma") String separator) {
    boolean semicolon =
        switch (separator) {
          case "comma", "," -> false;
          case "semicolon", ";" -> true;
          default ->
              throw ProblemException.badRequest(
                  "separator is comma or semicolon.", "separator är comma eller semicolon.");
        };
    MusicianFilter filter = MusicianFilter.of(search, instrumentId, positionId, status, sort);
    String file = csv.export(musicians.all(filter), semicolon ? ';' : ',');
    return Response.ok((semicolon ? "\uFEFF" : "") + file, CSV + ";charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"musicians-"
                + subdomain
                + "-"
                + LocalDate.now(ZoneOffset.UTC)
                + ".csv\"")
        .build();
  }

  /**
   * Imports a CSV file (the body, UTF-8). Answers the report; when errors keep anything from being
   * imported, as a 400 problem whose members include the report.
   */
  @POST
  @Path("import")
  @Consumes(MediaType.WILDCARD)
  @APIResponse(
      responseCode = "200",
      description = "The report: rows, valid, imported and the errors by line",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ImportReport")))
  @RequestBody(
      description = "The CSV file, UTF-8",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  public Response importFile(
      byte[] body,
      @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
      @QueryParam("importValidRows") @DefaultValue("false") boolean importValidRows,
      @Context HttpHeaders headers) {
    MediaType type = headers.getMediaType();
    if (type != null && !CSV_TYPES.contains(type.getType() + "/" + type.getSubtype())) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          Text.of("Send the file as text/csv.", "Skicka filen som text/csv."));
    }
    Locale locale = locale(headers);
    MusicianCsv.Report report =
        csv.importFile(body == null ? new byte[0] : body, dryRun, importValidRows, locale);
    if (dryRun || report.errors().isEmpty() || importValidRows) {
      return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
    Text detail =
        Text.of(
            "{0} of {1} rows have errors, so nothing was imported; correct them, or import the"
                + " valid rows with importValidRows=true.",
            "{0} av {1} rader har fel, så inget importerades; rätta dem, eller importera de"
                + " giltiga raderna med importValidRows=true.",
            String.valueOf(report.errors().size()),
            String.valueOf(report.rows()));
    JsonObject problem =
        Json.createReader(
                new StringReader(
                    Problem.response(Response.Status.BAD_REQUEST, detail.in(locale))
                        .getEntity()
                        .toString()))
            .readObject();
    JsonObject members = Json.createReader(new StringReader(JSON.toJson(report))).readObject();
    JsonObjectBuilder body400 = Json.createObjectBuilder(problem);
    members.forEach(body400::add);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(Problem.MEDIA_TYPE)
        .entity(body400.build().toString().getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static Locale locale(HttpHeaders headers) {
    List<Locale> languages = headers.getAcceptableLanguages();
    return languages.isEmpty() ? Locale.ENGLISH : languages.get(0);
  }
}
