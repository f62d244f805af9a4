package org.ripieno.datasafety.central.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.SqlErrors;
import org.ripieno.datasafety.central.control.CentralExport;
import org.ripieno.datasafety.central.control.CentralRestore;
import org.ripieno.security.Allow;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.security.control.Authenticator;
import org.ripieno.security.control.SecurityComponents;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * {@code /api/platform/central/export} and {@code /restore}: the command line's {@code central
 * export} and {@code central restore} for the superadmin, on the same rules ({@link CentralExport},
 * {@link CentralRestore}). The body of a restore is the export file (at most 1 MB, as every body;
 * larger files go through {@code ripieno-admin central restore}).
 */
@Path("platform/central")
@Allow(Role.SUPERADMIN)
public class CentralDataResource {

  private static final Logger LOG = Logger.getLogger(CentralDataResource.class.getName());

  @Inject CentralDatabase central;
  @Inject SecurityComponents security;
  @Inject SystemLogWriter systemLog;
  @Inject Authenticator authenticator;
  @Context SecurityContext securityContext;

  @GET
  @Path("export")
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description =
          "The export: kind, formatVersion, exportDate, database, schemaVersion and"
              + " secretsIncluded, then each central table as an array of rows",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class)))
  public Response export(
      @QueryParam("withoutSecrets") @DefaultValue("false") boolean withoutSecrets) {
    JsonObject export;
    try (Connection connection = central.dataSource().getConnection()) {
      export = CentralExport.export(connection, withoutSecrets, security::secrets);
    } catch (SQLException e) {
      throw unavailable(e);
    }
    record("Central exported", Map.of("withoutSecrets", Boolean.toString(withoutSecrets)));
    return Response.ok(JsonDocuments.pretty(export), MediaType.APPLICATION_JSON_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\"ripieno-central-export-"
                + System.currentTimeMillis()
                + ".json\"")
        .build();
  }

  @POST
  @Path("restore")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "The report per table, and ok: whether every table matches the file",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "RestoreReport")))
  public Response restore(
      String body,
      @QueryParam("merge") @DefaultValue("false") boolean merge,
      @QueryParam("confirm") String confirm,
      @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
    JsonObject file;
    try {
      file = JsonDocuments.parseObject(body == null ? "" : body);
    } catch (JsonDocuments.InvalidDocumentException e) {
      throw ProblemException.badRequest(
          "The body is not a central export: {0}",
          "Innehållet är ingen central export: {0}", e.getMessage());
    }
    CentralRestore.Report report;
    try (Connection connection = central.dataSource().getConnection()) {
      String database = connection.getCatalog();
      if (merge && !dryRun && !database.equals(confirm)) {
        throw ProblemException.badRequest(
            "Merging into central needs confirm={0}, the central database's name.",
            "Att slå samman med central kräver confirm={0}, den centrala databasens namn.",
            database);
      }
      report =
          CentralRestore.restore(
              connection, file, new CentralRestore.Options(merge, dryRun), security.secrets());
    } catch (CentralRestore.RestoreRefusedException e) {
      throw refused(e);
    } catch (SQLException e) {
      throw unavailable(e);
    } finally {
      if (!dryRun) {
        // Its rows replace accounts and orchestras: this instance's next request must see them.
        authenticator.forgetRecentAccounts();
      }
    }
    if (!report.ok()) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          Text.of(
              "The restored rows differ from the file; nothing was changed: {0}",
              "De återställda raderna skiljer sig från filen; inget ändrades: {0}",
              report.toJson().getJsonArray("tables").toString()));
    }
    if (!dryRun) {
      record(
          "Central restored", Map.of("format", report.format(), "merge", Boolean.toString(merge)));
    }
    return Response.ok(JsonDocuments.pretty(report.toJson()), MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static ProblemException refused(CentralRestore.RestoreRefusedException e) {
    Text text =
        Text.of(
            "The restore was refused; nothing was changed: {0}",
            "Återställningen avböjdes; inget ändrades: {0}", e.getMessage());
    return new ProblemException(
        e.reason() == CentralRestore.Refusal.INVALID_FILE
            ? Response.Status.BAD_REQUEST
            : Response.Status.CONFLICT,
        text);
  }

  private static ProblemException unavailable(SQLException e) {
    // The log gets the error without the server's Detail, which quotes rows (password hashes,
    // secrets); the client gets what failed in words.
    LOG.warning("Central export or restore failed: " + SqlErrors.describe(e));
    return new ProblemException(
        Response.Status.SERVICE_UNAVAILABLE,
        Text.of(
            "The central database failed; nothing was changed. The server log says why.",
            "Den centrala databasen svarade med fel; inget ändrades. Serverns logg säger varför."));
  }

  private void record(String what, Map<String, String> metadata) {
    Caller caller = (Caller) securityContext.getUserPrincipal();
    systemLog.write(
        new SystemLogWriter.Event(
            "info", "superadmin", what, caller.userId(), null, null, null, metadata));
  }
}
