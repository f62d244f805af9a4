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
import org.ripieno.orchestra.staffing.control.RequestBoard;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** The request board of a project. */
@Path("orchestras/{subdomain}/projects/{projectId}/requests")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class RequestBoardResource {

  @Inject RequestBoard board;

  @GET
  @Operation(
      summary = "The request board",
      description =
          "Every need with its counts, who would be asked next, and every request with its"
              + " musician, status, times, deadline and message history. Needs not started come"
              + " first, then those in progress, then the fully staffed.")
  @APIResponse(
      responseCode = "200",
      description = "The board",
      content = @Content(schema = @Schema(implementation = RequestBoard.Board.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  public RequestBoard.Board board(@PathParam("projectId") int projectId) {
    return board.board(projectId);
  }
}
