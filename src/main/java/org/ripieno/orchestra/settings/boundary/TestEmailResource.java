package org.ripieno.orchestra.settings.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.mail.TestEmails;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraRoutes;

/** An orchestra admin's test of the orchestra's mail settings. */
@Path("orchestras/{subdomain}/test-email")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messaging")
public class TestEmailResource {

  @Inject TestEmails testEmails;
  @Inject CurrentOrchestra current;
  @Inject OrchestraRoutes routes;

  @POST
  @Operation(
      summary = "Send a test mail",
      description =
          "Sends a test mail to {\"to\"} at once (not through the outbox) with the orchestra's"
              + " mail settings: its own SMTP server, else Resend's relay with its legacy key,"
              + " else the platform's. The answer says which server was used and what it said;"
              + " sent is false when it refused the mail or could not be reached.")
  @APIResponse(responseCode = "200", description = "What the SMTP server said")
  @APIResponse(responseCode = "400", description = "to is no email address")
  @APIResponse(responseCode = "409", description = "No SMTP server is configured")
  public TestEmails.Result send(TestEmails.Input input) {
    Orchestra orchestra = routes.byId(current.require().orchestraId()).orElseThrow();
    return testEmails.send(orchestra.mail(), orchestra.getName(), input);
  }
}
