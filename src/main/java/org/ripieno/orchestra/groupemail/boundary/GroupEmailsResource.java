package org.ripieno.orchestra.groupemail.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.groupemail.control.GroupEmailInput;
import org.ripieno.orchestra.groupemail.control.GroupEmailView;
import org.ripieno.orchestra.groupemail.control.GroupEmails;
import org.ripieno.orchestra.groupemail.control.GroupRecipient;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/** Group email to a project's accepted musicians, its preview and its history. */
@Path("orchestras/{subdomain}/group-emails")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Group email", description = "Messages to the accepted musicians of a project")
public class GroupEmailsResource {

  @Inject GroupEmails groupEmails;

  @GET
  @Path("recipients")
  @Operation(
      summary = "Who a group email would reach",
      description =
          "The project's active musicians with an accepted request and an email address, each"
              + " once, narrowed by instruments and positions (a musician is in when one accepted"
              + " place matches every filter given); instrument order, position, name.")
  @APIResponse(
      responseCode = "200",
      description = "The recipients",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = GroupRecipient.class)))
  @APIResponse(responseCode = "400", description = "No projectId, or an id that is not a number")
  @APIResponse(responseCode = "404", description = "No such project")
  public List<GroupRecipient> recipients(
      @QueryParam("projectId") Integer projectId,
      @Parameter(description = "Repeated or comma-separated") @QueryParam("instrumentIds")
          List<String> instrumentIds,
      @Parameter(description = "Repeated or comma-separated") @QueryParam("positionIds")
          List<String> positionIds) {
    return groupEmails.recipients(projectId, ids(instrumentIds), ids(positionIds));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send a group email",
      description =
          "{\"projectId\", \"subject\", \"message\", \"instrumentIds\"?, \"positionIds\"?}: the"
              + " server chooses the recipients as the preview does; each gets a copy through the"
              + " outbox (the message as plain text, HTML-escaped, newlines kept), and an SMS"
              + " pointing to it when the orchestra's sms.onGroupEmail is on and the musician has a"
              + " phone number. Admin only.")
  @RequestBody(content = @Content(schema = @Schema(implementation = GroupEmailInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "The history entry, its copies queued",
      content = @Content(schema = @Schema(ref = "GroupEmailView")))
  @APIResponse(responseCode = "400", description = "No projectId, subject or message; too long")
  @APIResponse(responseCode = "404", description = "No such project")
  @APIResponse(responseCode = "409", description = "Nobody matches")
  public Response send(GroupEmailInput input) {
    return Response.status(Response.Status.CREATED).entity(groupEmails.send(input)).build();
  }

  @GET
  @Operation(
      summary = "The group emails sent, newest first",
      description =
          "Each with its recipients and filters; sentCount, failedCount and pendingCount follow"
              + " the delivery of its copies.")
  @APIResponse(
      responseCode = "200",
      description = "A page of group emails",
      content = @Content(schema = @Schema(implementation = Page.class)))
  public Page<GroupEmailView> history(
      @QueryParam("projectId") Integer projectId,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return groupEmails.history(projectId, page, size);
  }

  /** Ids given repeated ({@code ?a=1&a=2}) or comma-separated ({@code ?a=1,2}). */
  static List<Integer> ids(List<String> given) {
    List<Integer> ids = new ArrayList<>();
    for (String value : given == null ? List.<String>of() : given) {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          ids.add(Integer.valueOf(part.strip()));
        } catch (NumberFormatException e) {
          throw ProblemException.badRequest(
              "instrumentIds and positionIds are ids, not {0}.",
              "instrumentIds och positionIds är id:n, inte {0}.", part.strip());
        }
      }
    }
    return ids;
  }
}
