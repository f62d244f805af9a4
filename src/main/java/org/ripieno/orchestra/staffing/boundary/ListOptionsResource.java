package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.ListOptions;
import org.ripieno.orchestra.staffing.control.NeedListOptions;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.ProblemException;

/** The lists a new need of the project could use for a position (the need dialog's helper). */
@Path("orchestras/{subdomain}/projects/{projectId}/list-options")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class ListOptionsResource {

  @Inject NeedListOptions options;

  @GET
  @Operation(
      summary = "Standard and custom lists for a position of the project",
      description =
          "The position's A/B/C lists with their active and still available musicians and"
              + " their use by the project's needs, plus the project's custom list for the"
              + " position.")
  @APIResponse(
      responseCode = "200",
      description = "The options",
      content = @Content(schema = @Schema(implementation = ListOptions.class)))
  @APIResponse(responseCode = "400", description = "positionId missing or unknown")
  public ListOptions listOptions(
      @PathParam("projectId") int projectId, @QueryParam("positionId") String positionId) {
    return options.of(projectId, positionId(positionId));
  }

  private static Integer positionId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException notANumber) {
      throw ProblemException.badRequest(
          "positionId is a position's id.", "positionId är en tjänsts id.");
    }
  }
}
