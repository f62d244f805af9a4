package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.RequestBoard;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.ProblemException;

/** What happened in a project's staffing, as a feed to poll. */
@Path("orchestras/{subdomain}/projects/{projectId}/events")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class ProjectEventsResource {

  @Inject RequestBoard board;

  @GET
  @Operation(
      summary = "Staffing events since a time",
      description =
          "The project's communication log (request_sent, response_received, confirmation_sent,"
              + " position_filled_sent, ...) after `since`, oldest first, at most 500; ask again"
              + " from the last timestamp for more.")
  @APIResponse(
      responseCode = "200",
      description = "The events",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = RequestBoard.Event.class)))
  @APIResponse(responseCode = "400", description = "since is not an ISO-8601 instant")
  @APIResponse(responseCode = "404", description = "No such project")
  public List<RequestBoard.Event> events(
      @PathParam("projectId") int projectId,
      @Parameter(description = "An ISO-8601 instant such as 2027-03-08T09:00:00Z; absent: all")
          @QueryParam("since")
          String since) {
    return board.events(projectId, parse(since));
  }

  private static Instant parse(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(since.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "since is an ISO-8601 instant such as 2027-03-08T09:00:00Z.",
          "since är en ISO-8601-tidpunkt som 2027-03-08T09:00:00Z.");
    }
  }
}
