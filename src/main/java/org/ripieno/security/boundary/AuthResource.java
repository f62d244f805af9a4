package org.ripieno.security.boundary;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.central.users.boundary.UserView;
import org.ripieno.central.users.control.Accounts;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Allow;
import org.ripieno.security.AllowedWithExpiredPassword;
import org.ripieno.security.Caller;
import org.ripieno.security.Public;
import org.ripieno.security.Role;
import org.ripieno.security.control.ClientAddress;
import org.ripieno.security.control.LoginService;
import org.ripieno.security.control.LoginThrottle;
import org.ripieno.security.control.SsoBrowserClient;
import org.ripieno.tenancy.CentralData;
import org.ripieno.web.OpenApiAnswers;
import org.ripieno.web.ProblemException;

/** Login, the caller's own account, and changing one's password. */
@Path("auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  /** {@code POST /api/auth/login} body. */
  public record Credentials(String username, String password) {}

  /** {@code PUT /api/auth/password} body. */
  public record PasswordChange(String currentPassword, String newPassword) {}

  @Inject LoginService logins;
  @Inject Accounts accounts;
  @Inject ClientAddress clientAddress;
  @Inject LoginThrottle throttle;
  @Inject @CentralData EntityManager central;
  @Inject SsoBrowserClient sso;

  /**
   * Public, read-only: what a browser needs to sign in with the SSO issuer (authorization code with
   * PKCE, as a public client), or {@code enabled: false}. Always 200: the sign-in page asks on
   * every visit, and SSO being off is no error.
   */
  @GET
  @Path("sso")
  @Public
  @Extension(name = OpenApiAnswers.PUBLIC, value = "true")
  @Operation(
      summary = "The SSO sign-in's issuer and public client id",
      description =
          "For the web application's \"sign in with ...\" button: enabled, the issuer (its"
              + " endpoints come from its discovery document) and the public client's id"
              + " (ripieno.sso.issuer, ripieno.sso.client-id). Both are public; no secret is given."
              + " Without both keys: {\"enabled\": false}.")
  @APIResponse(
      responseCode = "200",
      description = "Whether SSO sign-in is configured, and how to reach it",
      content = @Content(schema = @Schema(implementation = SsoBrowserClient.Config.class)))
  public SsoBrowserClient.Config sso() {
    return sso.answer();
  }

  @POST
  @Path("login")
  @Public
  @Extension(name = OpenApiAnswers.PUBLIC, value = "true")
  public LoginService.LoginResult login(Credentials credentials, @Context HttpServletRequest http) {
    Credentials given = credentials == null ? new Credentials(null, null) : credentials;
    String client = clientAddress.of(http.getRemoteAddr(), http.getHeader("X-Forwarded-For"));
    return logins.login(given.username(), given.password(), client);
  }

  @GET
  @Path("me")
  @Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
  @AllowedWithExpiredPassword
  public UserView me(@Context SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    return accounts.view(central.find(User.class, caller.userId()));
  }

  @PUT
  @Path("password")
  @Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
  @AllowedWithExpiredPassword
  @APIResponse(responseCode = "204", description = "Changed; the account's other tokens end")
  public void changePassword(
      PasswordChange change, @Context SecurityContext security, @Context HttpServletRequest http) {
    PasswordChange given = change == null ? new PasswordChange(null, null) : change;
    Caller caller = (Caller) security.getUserPrincipal();
    String client = clientAddress.of(http.getRemoteAddr(), http.getHeader("X-Forwarded-For"));
    // Guessing the current password with a stolen token is held to the login limit.
    boolean confirmed =
        throttle.attempt(
            caller.username(),
            client,
            caller.userId(),
            () -> accounts.passwordMatches(caller.userId(), given.currentPassword()));
    if (!confirmed) {
      throw ProblemException.badRequest(
          "The current password is not right.", "Det nuvarande lösenordet stämmer inte.");
    }
    accounts.changeOwnPassword(caller.userId(), given.currentPassword(), given.newPassword());
  }
}
