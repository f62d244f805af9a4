package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.Previews;
import org.ripieno.orchestra.staffing.control.StaffingPreview;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** What sending the whole project would do. */
@Path("orchestras/{subdomain}/projects/{projectId}/preview")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class ProjectPreviewResource {

  @Inject StaffingPreview preview;

  @GET
  @Operation(
      summary = "What sending the whole project would do",
      description =
          "Every need in instrument and position order; a musician chosen for one need is not"
              + " chosen for a later one.")
  @APIResponse(
      responseCode = "200",
      description = "The project's preview",
      content = @Content(schema = @Schema(implementation = Previews.ProjectPreview.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  public Previews.ProjectPreview preview(@PathParam("projectId") int projectId) {
    return preview.project(projectId);
  }
}
