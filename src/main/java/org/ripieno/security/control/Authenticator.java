package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.security.tokens.VerifiedToken;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.ProblemException;

/**
 * Turns a verified token into a {@link Caller}, reading the account and its orchestra fresh from
 * central at every request (the shared cache is off), so deactivating a user or suspending an
 * orchestra takes effect at once on every instance. An enterprise SSO account gets its central row
 * on first sign-in, so deactivation and audit work the same for it.
 */
@ApplicationScoped
public class Authenticator {

  private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;

  @CentralTransactional
  public Caller authenticate(VerifiedToken token) {
    User user =
        token.external() ? externalAccount(token) : central.find(User.class, token.subject());
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
    return new Caller(
        user.getId(),
        user.getUsername(),
        user.getRole(),
        user.getOrchestraId(),
        orchestra == null ? null : orchestra.getSubdomain(),
        user.isMustChangePassword());
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

  private User externalAccount(VerifiedToken token) {
    User user =
        central
            .createNamedQuery("User.byExternalSubject", User.class)
            .setParameter("subject", token.subject())
            .getResultStream()
            .findFirst()
            .orElse(null);
    String role = token.role();
    if (role == null || !Role.ALL.contains(role)) {
      throw ProblemException.unauthorized(
          "Your sign-in carries no Ripieno role.", "Din inloggning saknar en roll i Ripieno.");
    }
    String orchestraId = null;
    if (Role.belongsToAnOrchestra(role)) {
      Orchestra orchestra =
          central
              .createNamedQuery("Orchestra.bySubdomain", Orchestra.class)
              .setParameter("subdomain", token.orchestra())
              .getResultStream()
              .findFirst()
              .orElseThrow(
                  () ->
                      ProblemException.unauthorized(
                          "Your sign-in names no known orchestra.",
                          "Din inloggning anger ingen känd orkester."));
      orchestraId = orchestra.getId();
    }
    if (user == null) {
      user = new User();
      user.setExternalSubject(token.subject());
      user.setUsername(uniqueUsername(token.username()));
      user.setEmail(
          token.email() != null && !emailTaken(token.email())
              ? token.email()
              : token.subject() + "@sso.invalid");
      // No password: this account signs in through its identity provider only.
      user.setPasswordHash("!sso");
      user.setRole(role);
      user.setOrchestraId(orchestraId);
      central.persist(user);
      LOG.info(() -> "Created the account of SSO subject for " + token.username());
      systemLog.write(
          new SystemLogWriter.Event(
              "info",
              "auth",
              "SSO account created",
              user.getId(),
              orchestraId,
              token.orchestra(),
              null,
              Map.of("username", user.getUsername())));
    } else {
      // The identity provider decides role and orchestra.
      user.setRole(role);
      user.setOrchestraId(orchestraId);
    }
    return user;
  }

  private String uniqueUsername(String wanted) {
    String candidate = wanted;
    for (int n = 2; taken(candidate); n++) {
      candidate = wanted + "-" + n;
    }
    return candidate;
  }

  private boolean emailTaken(String email) {
    return !central
        .createNamedQuery("User.byEmail", User.class)
        .setParameter("email", email)
        .getResultList()
        .isEmpty();
  }

  private boolean taken(String username) {
    return !central
        .createNamedQuery("User.byUsername", User.class)
        .setParameter("username", username)
        .getResultList()
        .isEmpty();
  }

  private static ProblemException tokenRefused() {
    return ProblemException.unauthorized(
        "The token is invalid or has expired; please sign in again.",
        "Token är ogiltig eller har gått ut; logga in igen.");
  }
}
