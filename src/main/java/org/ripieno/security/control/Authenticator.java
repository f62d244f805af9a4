package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Caller;
import org.ripieno.security.tokens.VerifiedToken;
import org.ripieno.tenancy.CentralData;
import org.ripieno.web.ProblemException;

/**
 * Turns a verified token into a {@link Caller}, reading the account and its orchestra fresh from
 * central at every request (the shared cache is off), so deactivating a user or suspending an
 * orchestra takes effect at once on every instance. An enterprise SSO account gets its central row
 * on first sign-in ({@link SsoAccounts}), so deactivation and audit work the same for it.
 */
@ApplicationScoped
public class Authenticator {

  @Inject @CentralData EntityManager central;
  @Inject SsoAccounts ssoAccounts;

  /**
   * Who is calling, with the central row of their orchestra as this request read it (null for a
   * superadmin), for the orchestra gate and the rest of the request to use instead of reading
   * central again.
   */
  public record Authenticated(Caller caller, Orchestra orchestra) {}

  // Not one transaction: an SSO refusal is logged in SsoAccounts' own, which must commit.
  public Authenticated authenticate(VerifiedToken token) {
    User user;
    if (token.external()) {
      SsoAccounts.Outcome outcome;
      try {
        outcome = ssoAccounts.accountFor(token);
      } catch (PersistenceException e) {
        // Typically two first requests of a new subject at once (a front end right after sign-in):
        // the other one created the account, and this second look finds it.
        central.clear();
        outcome = ssoAccounts.accountFor(token);
      }
      if (outcome.refusal() != null) {
        throw outcome.refusal();
      }
      user = outcome.user();
    } else {
      // One round trip for both rows: the orchestra comes in the same SELECT, so that
      // orchestraOf below finds it in this request's persistence context, still read just now.
      user =
          central
              .createNamedQuery("User.withOrchestra", User.class)
              .setParameter("id", token.subject())
              .getResultStream()
              .findFirst()
              .orElse(null);
    }
    if (user == null) {
      throw tokenRefused();
    }
    if (!token.external() && !Objects.equals(token.tokenVersion(), user.getTokenVersion())) {
      // The password was changed or reset after this token was issued.
      throw tokenRefused();
    }
    if (!user.isActive()) {
      throw ProblemException.unauthorized(
          "This account is deactivated.", "Det här kontot är avaktiverat.");
    }
    Orchestra orchestra = orchestraOf(user);
    return new Authenticated(
        new Caller(
            user.getId(),
            user.getUsername(),
            user.getRole(),
            user.getOrchestraId(),
            orchestra == null ? null : orchestra.getSubdomain(),
            user.isMustChangePassword()),
        orchestra);
  }

  /** The user's orchestra, refused with 403 unless it is active. */
  public Orchestra orchestraOf(User user) {
    if (user.getOrchestraId() == null) {
      return null;
    }
    Orchestra orchestra = central.find(Orchestra.class, user.getOrchestraId());
    if (orchestra == null) {
      throw tokenRefused();
    }
    if (!"active".equals(orchestra.getStatus())) {
      throw ProblemException.forbidden(
          "The orchestra {0} is {1}; its accounts cannot be used until it is active again.",
          "Orkestern {0} är {1}; dess konton kan inte användas förrän den är aktiv igen.",
          orchestra.getName(),
          orchestra.getStatus());
    }
    return orchestra;
  }

  static ProblemException tokenRefused() {
    return ProblemException.unauthorized(
        "The token is invalid or has expired; please sign in again.",
        "Token är ogiltig eller har gått ut; logga in igen.");
  }
}
