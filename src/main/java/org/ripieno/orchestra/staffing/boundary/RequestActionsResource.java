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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.HandActions;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.ProblemException;

/** What a manager does by hand to one request of a project. */
@Path("orchestras/{subdomain}/projects/{projectId}/requests/{requestId}")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class RequestActionsResource {

  /** {@code {"response": "accepted" | "declined", "note"?}}. */
  public record RecordedAnswer(String response, String note) {}

  @Inject HandActions hand;

  @POST
  @Path("answer")
  @Operation(
      summary = "Record an answer given by phone",
      description =
          "Takes the musician's answer on their behalf, with the same rules and consequences as"
              + " an answer through their link: only a pending request before its deadline; on"
              + " accept the confirmation mail, and when the need fills it is completed and"
              + " first_come's other pending requests are cancelled with 'position filled'; on"
              + " decline the replacement goes out by the need's strategy while the need is"
              + " active. The link then answers 409. Logged response_recorded; the audit row"
              + " names the manager and keeps the note.")
  @RequestBody(content = @Content(schema = @Schema(implementation = RecordedAnswer.class)))
  @APIResponse(
      responseCode = "200",
      description = "The request and its need afterwards, with the replacements sent",
      content = @Content(schema = @Schema(implementation = HandActions.Handled.class)))
  @APIResponse(responseCode = "400", description = "response is neither, or the note too long")
  @APIResponse(responseCode = "404", description = "No such project, or no such request in it")
  @APIResponse(
      responseCode = "409",
      description = "Not pending, past its deadline, or an accept when the need is already filled")
  public HandActions.Handled answer(
      @PathParam("projectId") int projectId,
      @PathParam("requestId") int requestId,
      RecordedAnswer input) {
    if (input == null) {
      throw ProblemException.badRequest(
          "response is accepted or declined.", "response är accepted eller declined.");
    }
    boolean accepted = ResponseDesk.parse(input.response());
    return hand.answer(projectId, requestId, accepted, input.note());
  }

  @POST
  @Path("withdraw")
  @Operation(
      summary = "Withdraw a musician who accepted",
      description =
          "For a musician who accepted and then dropped out: the request becomes declined (they"
              + " are not asked again in the project), a completed need becomes active again and"
              + " the replacement goes out by its strategy. A paused need sends it when resumed;"
              + " an archived need never. Logged request_withdrawn.")
  @APIResponse(
      responseCode = "200",
      description = "The request and its need afterwards, with the replacements sent",
      content = @Content(schema = @Schema(implementation = HandActions.Handled.class)))
  @APIResponse(responseCode = "404", description = "No such project, or no such request in it")
  @APIResponse(responseCode = "409", description = "The request is not accepted")
  public HandActions.Handled withdraw(
      @PathParam("projectId") int projectId, @PathParam("requestId") int requestId) {
    return hand.withdraw(projectId, requestId);
  }

  @POST
  @Path("cancel")
  @Operation(
      summary = "Cancel a pending request",
      description =
          "The request becomes cancelled: its link answers 410, the musician is told by mail"
              + " (request_cancelled) and is not excluded from the project, so nothing is sent"
              + " in their place and a later send may ask them again. Logged request_cancelled.")
  @APIResponse(
      responseCode = "200",
      description = "The request and its need afterwards",
      content = @Content(schema = @Schema(implementation = HandActions.Handled.class)))
  @APIResponse(responseCode = "404", description = "No such project, or no such request in it")
  @APIResponse(responseCode = "409", description = "The request is not pending")
  public HandActions.Handled cancel(
      @PathParam("projectId") int projectId, @PathParam("requestId") int requestId) {
    return hand.cancel(projectId, requestId);
  }

  @POST
  @Path("resend")
  @Operation(
      summary = "Send a request's link again",
      description =
          "Puts the request mail with the same link in the outbox once more; the deadline stays."
              + " Logged request_resent.")
  @APIResponse(
      responseCode = "200",
      description = "The request",
      content = @Content(schema = @Schema(implementation = HandActions.Handled.class)))
  @APIResponse(responseCode = "404", description = "No such project, or no such request in it")
  @APIResponse(responseCode = "409", description = "The request is not pending, or has expired")
  public HandActions.Handled resend(
      @PathParam("projectId") int projectId, @PathParam("requestId") int requestId) {
    return hand.resend(projectId, requestId);
  }
}
