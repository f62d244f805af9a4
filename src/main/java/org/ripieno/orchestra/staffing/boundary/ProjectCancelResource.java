package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.HandActions;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** Cancels a project's staffing. */
@Path("orchestras/{subdomain}/projects/{projectId}/cancel")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class ProjectCancelResource {

  @Inject HandActions hand;

  @POST
  @Operation(
      summary = "Cancel a whole project",
      description =
          "Every pending request of the project becomes cancelled and its musician is told by"
              + " mail (request_cancelled); every active or paused need is archived, so no"
              + " reminder, timeout, replacement or send asks anyone for the project again."
              + " Accepted musicians and completed needs stay as they are. Calling it again"
              + " when nothing is open is 409.")
  @APIResponse(
      responseCode = "200",
      description = "The requests cancelled and the needs' statuses afterwards",
      content = @Content(schema = @Schema(implementation = HandActions.Cancelled.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  @APIResponse(
      responseCode = "409",
      description = "Nothing to cancel: no need is active or paused and no request is pending")
  public HandActions.Cancelled cancel(@PathParam("projectId") int projectId) {
    return hand.cancelProject(projectId);
  }
}
