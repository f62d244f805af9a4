package org.ripieno.orchestra.instruments.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.instruments.control.Instruments;
import org.ripieno.orchestra.instruments.control.Names;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;

/** The orchestra's instruments and, nested under each, the creation and order of its positions. */
@Path("orchestras/{subdomain}/instruments")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InstrumentsResource {

  @Inject Instruments instruments;

  @GET
  public Page<InstrumentView> list(
      @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return instruments.list(includeArchived, page, size);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The instrument with its positions",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = InstrumentView.class)))
  public Response create(InstrumentInput input, @Context UriInfo uri) {
    InstrumentView created = instruments.create(orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  /** The ids of the instruments in their new display order. */
  @PUT
  @Path("order")
  public List<InstrumentView> reorder(OrderInput input) {
    if (input != null && input.positionIds() != null) {
      throw orderField("instrumentIds");
    }
    return instruments.reorder(input == null ? null : input.instrumentIds());
  }

  @GET
  @Path("{id}")
  public InstrumentView get(@PathParam("id") String id) {
    return instruments.get(id(id));
  }

  @PUT
  @Path("{id}")
  public InstrumentView update(@PathParam("id") String id, InstrumentInput input) {
    return instruments.update(id(id), orEmpty(input));
  }

  @POST
  @Path("{id}/archive")
  public InstrumentView archive(@PathParam("id") String id) {
    return instruments.archive(id(id), true);
  }

  @POST
  @Path("{id}/restore")
  public InstrumentView restore(@PathParam("id") String id) {
    return instruments.archive(id(id), false);
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") String id) {
    instruments.delete(id(id));
  }

  @POST
  @Path("{id}/positions")
  @APIResponse(
      responseCode = "201",
      description = "The position",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = PositionView.class)))
  public Response addPosition(
      @PathParam("id") String id, PositionInput input, @Context UriInfo uri) {
    PositionView created =
        instruments.addPosition(id(id), input == null ? new PositionInput(null, null) : input);
    return Response.created(
            uri.getBaseUriBuilder()
                .path("orchestras")
                .path(uri.getPathParameters().getFirst("subdomain"))
                .path("positions")
                .path(created.id().toString())
                .build())
        .entity(created)
        .build();
  }

  /** The ids of the instrument's positions from the most senior down. */
  @PUT
  @Path("{id}/positions/order")
  public InstrumentView reorderPositions(@PathParam("id") String id, OrderInput input) {
    if (input != null && input.instrumentIds() != null) {
      throw orderField("positionIds");
    }
    return instruments.reorderPositions(id(id), input == null ? null : input.positionIds());
  }

  static int id(String id) {
    return Names.id(id, "There is no instrument {0}.", "Det finns inget instrument {0}.");
  }

  private static InstrumentInput orEmpty(InstrumentInput input) {
    return input == null ? new InstrumentInput(null, null, null) : input;
  }

  private static org.ripieno.web.ProblemException orderField(String field) {
    return org.ripieno.web.ProblemException.badRequest(
        "Give the new order as {0}.", "Ange den nya ordningen som {0}.", field);
  }
}
