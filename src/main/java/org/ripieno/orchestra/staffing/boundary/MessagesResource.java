package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.ripieno.orchestra.staffing.control.MessageRetry;
import org.ripieno.orchestra.staffing.control.OutboxList;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Page;

/** The orchestra's outbox. */
@Path("orchestras/{subdomain}/messages")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staffing")
public class MessagesResource {

  @Inject OutboxList outbox;
  @Inject MessageRetry retries;

  @GET
  @Operation(
      summary = "The outbox",
      description =
          "Every staffing mail and SMS and every copy of a group email, newest first: channel"
              + " (email, sms), recipient, type, language, subject, status"
              + " (queued, sending, sent, failed, cancelled), attempts, last error, Message-ID, when it was"
              + " created, is next tried and was sent, its musician, and its request (requestId,"
              + " requestCode) or group email (groupEmailId, groupEmailSubject). Never a response"
              + " token or an answer link.")
  @APIResponse(
      responseCode = "200",
      description = "A page of messages",
      content = @Content(schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "400", description = "An unknown status, or a bad page or size")
  public Page<OutboxList.MessageView> list(
      @QueryParam("status") String status,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return outbox.list(status, page, size);
  }

  @POST
  @Path("{id}/retry")
  @Allow({Role.SUPERADMIN, Role.ADMIN})
  @Operation(
      summary = "Retry a failed message",
      description =
          "Queues a message that failed for good again at once, to the address (or phone number)"
              + " its musician has now: fix the address first. A fresh round of attempts, the"
              + " same Message-ID. A group email's copy too.")
  @APIResponse(
      responseCode = "200",
      description = "The message, queued again",
      content = @Content(schema = @Schema(implementation = OutboxList.MessageView.class)))
  @APIResponse(responseCode = "404", description = "No such message")
  @APIResponse(
      responseCode = "409",
      description = "The message has not failed, or its musician has no address for it")
  public OutboxList.MessageView retry(@PathParam("id") int id) {
    retries.retry(id);
    return outbox.one(id);
  }
}
