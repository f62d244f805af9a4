package org.ripieno.security.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.ripieno.security.Caller;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.control.Authenticator;
import org.ripieno.security.control.SecurityComponents;
import org.ripieno.security.tokens.InvalidTokenException;
import org.ripieno.security.tokens.VerifiedToken;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.web.ProblemException;

/**
 * Reads {@code Authorization: Bearer <token>}, verifies it (own or enterprise SSO), and makes the
 * {@link Caller} the request's principal. Without the header the request stays anonymous; whether
 * that is allowed is {@link AccessPolicy}'s decision. A bad token is refused here with 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

  private static final String BEARER = "Bearer ";

  @Inject SecurityComponents security;
  @Inject Authenticator authenticator;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ProblemException.unauthorized(
          "Send the token as 'Authorization: Bearer <token>'.",
          "Skicka token som 'Authorization: Bearer <token>'.");
    }
    VerifiedToken token;
    try {
      token = security.tokens().verify(header.substring(BEARER.length()).trim());
    } catch (InvalidTokenException e) {
      throw ProblemException.unauthorized(
          "The token is invalid or has expired; please sign in again.",
          "Token är ogiltig eller har gått ut; logga in igen.");
    }
    // An orchestra's request uses no central entity of the caller's (the gate enters with the row
    // authentication read), so it skips building them; central's own endpoints use them.
    boolean orchestraRequest =
        resource.getResourceClass() != null
            && resource.getResourceClass().isAnnotationPresent(OrchestraScoped.class);
    Authenticator.Authenticated authenticated =
        authenticator.authenticate(token, !orchestraRequest);
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new CallerContext(authenticated.caller(), authenticated.orchestra(), secure));
  }

  /**
   * The caller as JAX-RS sees it, with the central row of the caller's orchestra as this request's
   * authentication read it and found active (null for a superadmin), which the orchestra gate
   * enters without reading central again. Carried by the request itself rather than a
   * request-scoped bean: making and destroying one such bean per request cost a twentieth of a
   * single-record read.
   */
  record CallerContext(Caller caller, OrchestraEntry orchestra, boolean secure)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return caller.role().equals(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
