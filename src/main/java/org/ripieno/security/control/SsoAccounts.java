package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Role;
import org.ripieno.security.control.SsoTrust.Decision;
import org.ripieno.security.tokens.VerifiedToken;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.ProblemException;

/**
 * The central account of an SSO subject: created and linked to its orchestra at the first sign-in,
 * then kept in line with the issuer as far as {@link SsoTrust} allows. Refusals and role changes
 * are written to {@code SystemLog} (category {@code auth}) in the same transaction, which commits
 * before the refusal reaches the client: the refusal is a result here, not an exception.
 */
@ApplicationScoped
public class SsoAccounts {

  private static final Logger LOG = Logger.getLogger(SsoAccounts.class.getName());

  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;
  @Inject SecurityComponents security;

  /**
   * The account of a verified SSO token, or why it may not be used.
   *
   * @param user the account; null when refused
   * @param refusal the problem to answer with; null when not refused
   */
  public record Outcome(User user, ProblemException refusal) {}

  @CentralTransactional
  public Outcome accountFor(VerifiedToken token) {
    User user =
        central
            .createNamedQuery("User.byExternalSubject", User.class)
            .setParameter("subject", token.subject())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (user != null && !user.isActive()) {
      // Deactivated in Ripieno: the caller says so, whatever the token claims.
      return new Outcome(user, null);
    }
    Orchestra linked = user == null ? null : linkedOrchestra(user);
    if (user != null && linked == null && holdsAnOrchestra(user)) {
      // Its orchestra is gone from central: never a reason to link it to another one.
      return new Outcome(null, Authenticator.tokenRefused());
    }
    SsoTrust.Account account =
        user == null
            ? null
            : new SsoTrust.Account(user.getRole(), linked == null ? null : linked.getSubdomain());
    Decision decision = security.ssoTrust().decide(account, token.roles(), token.orchestra());
    if (decision.refused()) {
      return new Outcome(null, refuse(decision, token, user, linked));
    }
    Orchestra orchestra = null;
    if (decision.orchestra() != null) {
      orchestra = linked != null ? linked : bySubdomain(decision.orchestra());
      if (orchestra == null) {
        return new Outcome(null, unknownOrchestra());
      }
    }
    String orchestraId = orchestra == null ? null : orchestra.getId();
    if (user == null) {
      return new Outcome(create(token, decision.role(), orchestra), null);
    }
    if (!decision.role().equals(user.getRole())) {
      systemLog.write(
          event(
              "info",
              "SSO role changed by the identity provider",
              user,
              orchestra,
              Map.of(
                  "username", user.getUsername(),
                  "from", user.getRole(),
                  "to", decision.role())));
      user.setRole(decision.role());
    }
    if (orchestraId != null && user.getOrchestraId() == null) {
      systemLog.write(
          event(
              "info",
              "SSO account linked to its orchestra",
              user,
              orchestra,
              Map.of("username", user.getUsername())));
    }
    user.setOrchestraId(orchestraId);
    return new Outcome(user, null);
  }

  private User create(VerifiedToken token, String role, Orchestra orchestra) {
    User user = new User();
    user.setExternalSubject(token.subject());
    user.setUsername(uniqueUsername(token.username()));
    user.setEmail(
        token.email() != null && !emailTaken(token.email())
            ? token.email()
            : token.subject() + "@sso.invalid");
    // No password: this account signs in through its identity provider only.
    user.setPasswordHash("!sso");
    user.setRole(role);
    user.setOrchestraId(orchestra == null ? null : orchestra.getId());
    central.persist(user);
    LOG.info(() -> "Created the account of an SSO subject for " + token.username());
    systemLog.write(
        event(
            "info",
            "SSO account created",
            user,
            orchestra,
            Map.of("username", user.getUsername(), "role", role)));
    return user;
  }

  private ProblemException refuse(
      Decision decision, VerifiedToken token, User user, Orchestra linked) {
    switch (decision.refusal()) {
      case OTHER_ORCHESTRA:
        systemLog.write(
            event(
                "warning",
                "SSO sign-in refused: the orchestra claim names another orchestra",
                user,
                linked,
                Map.of(
                    "username", user.getUsername(),
                    "linkedOrchestra", linked.getSubdomain(),
                    "claimedOrchestra", String.valueOf(token.orchestra()))));
        return ProblemException.forbidden(
            "Your sign-in names the orchestra {0}, but your account belongs to {1}. Only an"
                + " administrator in Ripieno can move an account to another orchestra.",
            "Din inloggning anger orkestern {0}, men ditt konto hör till {1}. Bara en"
                + " administratör i Ripieno kan flytta ett konto till en annan orkester.",
            String.valueOf(token.orchestra()),
            linked.getSubdomain());
      case SUPERADMIN_NOT_GRANTED:
        systemLog.write(
            event(
                "warning",
                "SSO sign-in refused: superadmin is not granted through SSO",
                user,
                null,
                Map.of("username", token.username())));
        return ProblemException.forbidden(
            "Single sign-on does not grant the superadmin role on this platform.",
            "Inloggning via organisationen ger inte rollen superadmin på den här plattformen.");
      case NO_ORCHESTRA:
        return unknownOrchestra();
      case NO_ROLE:
      default:
        return ProblemException.unauthorized(
            "Your sign-in carries no Ripieno role.", "Din inloggning saknar en roll i Ripieno.");
    }
  }

  private static ProblemException unknownOrchestra() {
    return ProblemException.unauthorized(
        "Your sign-in names no known orchestra.", "Din inloggning anger ingen känd orkester.");
  }

  private static SystemLogWriter.Event event(
      String level, String message, User user, Orchestra orchestra, Map<String, String> metadata) {
    return new SystemLogWriter.Event(
        level,
        "auth",
        message,
        user == null ? null : user.getId(),
        orchestra == null ? null : orchestra.getId(),
        orchestra == null ? null : orchestra.getSubdomain(),
        null,
        metadata);
  }

  private Orchestra linkedOrchestra(User user) {
    return holdsAnOrchestra(user) ? central.find(Orchestra.class, user.getOrchestraId()) : null;
  }

  private static boolean holdsAnOrchestra(User user) {
    return user.getOrchestraId() != null && !Role.SUPERADMIN.equals(user.getRole());
  }

  private Orchestra bySubdomain(String subdomain) {
    return central
        .createNamedQuery("Orchestra.bySubdomain", Orchestra.class)
        .setParameter("subdomain", subdomain)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private String uniqueUsername(String wanted) {
    String candidate = wanted;
    for (int n = 2; taken("User.byUsername", "username", candidate); n++) {
      candidate = wanted + "-" + n;
    }
    return candidate;
  }

  private boolean emailTaken(String email) {
    return taken("User.byEmail", "email", email);
  }

  private boolean taken(String query, String parameter, String value) {
    return !central
        .createNamedQuery(query, User.class)
        .setParameter(parameter, value)
        .getResultList()
        .isEmpty();
  }
}
