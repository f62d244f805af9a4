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
import org.ripieno.orchestra.staffing.control.Dispatch;
import org.ripieno.orchestra.staffing.control.SentRequest;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** Sends a project's requests, as its preview showed. */
@Path("orchestras/{subdomain}/projects/{projectId}/send")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class SendResource {

  /** {@code {"needId"?}}: one need, or the whole project when absent. */
  public record SendInput(Integer needId) {}

  /** The requests the send created. */
  public record Sent(List<SentRequest> requests) {}

  @Inject Dispatch dispatch;

  @POST
  @Operation(
      summary = "Send requests",
      description =
          "Asks the musicians the preview names: one need, or every active need of the project in"
              + " instrument and position order. Each request gets a REQ code, an answer link"
              + " valid for the need's response time and its mail in the outbox, in one"
              + " transaction. A paused, completed or archived need is never sent.")
  @RequestBody(
      required = false,
      content = @Content(schema = @Schema(implementation = SendInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "The requests sent (none when nobody is to be asked now)",
      content = @Content(schema = @Schema(implementation = Sent.class)))
  @APIResponse(responseCode = "404", description = "No such project or need")
  @APIResponse(responseCode = "409", description = "The need is paused, completed or archived")
  public Sent send(@PathParam("projectId") int projectId, SendInput input) {
    return new Sent(dispatch.send(projectId, input == null ? null : input.needId()));
  }
}
