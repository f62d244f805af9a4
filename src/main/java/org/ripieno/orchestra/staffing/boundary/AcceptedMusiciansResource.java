package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.RequestBoard;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** The musicians who accepted in a project. */
@Path("orchestras/{subdomain}/projects/{projectId}/accepted-musicians")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class AcceptedMusiciansResource {

  @Inject RequestBoard board;

  @GET
  @Operation(
      summary = "Who accepted",
      description = "The accepted requests with their musicians, need by need.")
  @APIResponse(
      responseCode = "200",
      description = "The accepted musicians",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = RequestBoard.Entry.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  public List<RequestBoard.Entry> accepted(@PathParam("projectId") int projectId) {
    return board.accepted(projectId);
  }
}
