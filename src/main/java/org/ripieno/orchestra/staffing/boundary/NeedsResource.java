package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.NeedChange;
import org.ripieno.orchestra.staffing.control.NeedInput;
import org.ripieno.orchestra.staffing.control.NeedStatusChange;
import org.ripieno.orchestra.staffing.control.NeedView;
import org.ripieno.orchestra.staffing.control.Needs;
import org.ripieno.orchestra.staffing.control.Previews;
import org.ripieno.orchestra.staffing.control.StaffingPreview;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;

/** A project's needs: how many players of which position, from which list, asked how. */
@Path("orchestras/{subdomain}/projects/{projectId}/needs")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing", description = "Needs, list options and previews of sending")
public class NeedsResource {

  @Inject Needs needs;
  @Inject StaffingPreview preview;

  @GET
  @Operation(summary = "The project's needs in instrument and position order, with live counts")
  @APIResponse(
      responseCode = "200",
      description = "A page of needs",
      content = @Content(schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  public Page<NeedView> list(
      @PathParam("projectId") int projectId,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return needs.list(projectId, page, size);
  }

  @POST
  @Operation(
      summary = "Create a need",
      description =
          "sequential: quantity 1; parallel: quantity at least 2; first_come: maxRecipients at"
              + " least the quantity. Exactly one of rankingListId (a list of the position) and"
              + " customRankingListId (the project's list for the position, used by no other"
              + " need). Some active musician must be qualified, and the quantity must not exceed"
              + " the musicians on the list who can still be asked. Admin only.")
  @APIResponse(
      responseCode = "201",
      description = "The need, with a NEED### code",
      content = @Content(schema = @Schema(implementation = NeedView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields or list")
  @APIResponse(
      responseCode = "409",
      description = "No active qualified musician, the custom list is used, or too few available")
  public Response create(
      @PathParam("projectId") int projectId, NeedInput input, @Context UriInfo uri) {
    NeedView created = needs.create(projectId, NeedInput.orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @GET
  @Path("{needId}")
  @Operation(summary = "One need with its requests counted by status")
  @APIResponse(
      responseCode = "200",
      description = "The need",
      content = @Content(schema = @Schema(implementation = NeedView.class)))
  @APIResponse(responseCode = "404", description = "No such project or need")
  public NeedView get(@PathParam("projectId") int projectId, @PathParam("needId") int needId) {
    return needs.get(projectId, needId);
  }

  @PUT
  @Path("{needId}")
  @Operation(
      summary = "Change a need",
      description =
          "quantity never below the accepted musicians; requestStrategy, responseTimeHours and"
              + " maxRecipients only while the need has no requests. Admin only.")
  @APIResponse(
      responseCode = "200",
      description = "The need",
      content = @Content(schema = @Schema(implementation = NeedView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(
      responseCode = "409",
      description = "A frozen field (named in detail), quantity below accepted, or archived")
  public NeedView update(
      @PathParam("projectId") int projectId, @PathParam("needId") int needId, NeedChange change) {
    return needs.update(projectId, needId, NeedChange.orEmpty(change));
  }

  @PATCH
  @Path("{needId}")
  @Operation(
      summary = "Pause, resume, complete or archive a need",
      description =
          "{\"status\": \"active\"|\"paused\"|\"completed\"|\"archived\"}; a completed or"
              + " archived need is never reopened. Admin only.")
  @APIResponse(
      responseCode = "200",
      description = "The need",
      content = @Content(schema = @Schema(implementation = NeedView.class)))
  @APIResponse(responseCode = "400", description = "Unknown status")
  @APIResponse(responseCode = "409", description = "A completed or archived need reopened")
  public NeedView changeStatus(
      @PathParam("projectId") int projectId,
      @PathParam("needId") int needId,
      NeedStatusChange change) {
    return needs.changeStatus(projectId, needId, change);
  }

  @DELETE
  @Path("{needId}")
  @Operation(
      summary = "Delete a need, or archive it when it has requests",
      description = "Answers {\"result\": \"deleted\"} or {\"result\": \"archived\", \"need\"}.")
  @APIResponse(
      responseCode = "200",
      description = "What happened",
      content = @Content(schema = @Schema(implementation = NeedView.Removal.class)))
  public NeedView.Removal delete(
      @PathParam("projectId") int projectId, @PathParam("needId") int needId) {
    return needs.delete(projectId, needId);
  }

  @GET
  @Path("{needId}/preview")
  @Operation(
      summary = "What sending this need would do",
      description =
          "toSend, recipients, nextInQueue and every list member with one reason; a paused,"
              + " completed or archived need sends nothing and says so in nothingToSendBecause.")
  @APIResponse(
      responseCode = "200",
      description = "The need's preview",
      content = @Content(schema = @Schema(implementation = Previews.NeedPreview.class)))
  public Previews.NeedPreview preview(
      @PathParam("projectId") int projectId, @PathParam("needId") int needId) {
    return preview.need(projectId, needId);
  }
}
