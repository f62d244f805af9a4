package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.ProjectPause;
import org.ripieno.orchestra.staffing.control.SentRequest;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.ProblemException;

/** Pauses or resumes every need of a project. */
@Path("orchestras/{subdomain}/projects/{projectId}/pause")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class ProjectPauseResource {

  /** {@code {"pause": true | false}}. */
  public record PauseInput(Boolean pause) {}

  /** The project's needs after the change, and the requests resuming sent. */
  public record Paused(
      Integer projectId, List<ProjectPause.NeedState> needs, List<SentRequest> requests) {}

  @Inject ProjectPause pause;

  @POST
  @Operation(
      summary = "Pause or resume the project",
      description =
          "pause true: every active need becomes paused (pending requests keep their deadlines;"
              + " no replacement is sent). pause false: every paused need becomes active again and"
              + " one that has requests sends what waited (the replacements its strategy wants);"
              + " a need never sent waits for the admin's send; a completed or archived need is"
              + " never reopened.")
  @RequestBody(content = @Content(schema = @Schema(implementation = PauseInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "The needs' statuses after the change",
      content = @Content(schema = @Schema(implementation = Paused.class)))
  @APIResponse(responseCode = "400", description = "pause is missing")
  @APIResponse(responseCode = "404", description = "No such project")
  public Paused pause(@PathParam("projectId") int projectId, PauseInput input) {
    if (input == null || input.pause() == null) {
      throw ProblemException.badRequest("pause is true or false.", "pause är true eller false.");
    }
    ProjectPause.Changed changed = pause.pause(projectId, input.pause());
    return new Paused(projectId, changed.needs(), changed.requests());
  }
}
