package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.central.users.boundary.UserView;
import org.ripieno.central.users.control.Accounts;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.security.tokens.IssuedToken;
import org.ripieno.security.tokens.TokenSubject;
import org.ripieno.tenancy.CentralData;
import org.ripieno.web.ProblemException;

/**
 * Username and password for a token. Rate-limited per username and client address; every failure
 * and success is recorded in {@code SystemLog} (category {@code auth}), never with the password.
 */
@ApplicationScoped
public class LoginService {

  @Inject @CentralData EntityManager central;
  @Inject LoginThrottle throttle;
  @Inject Authenticator authenticator;
  @Inject SecurityComponents security;
  @Inject SystemLogWriter systemLog;
  @Inject Accounts accounts;

  /** What a successful login answers (api.md). */
  public record LoginResult(String token, Instant expiresAt, UserView user) {}

  public LoginResult login(String username, String password, String clientAddress) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw ProblemException.badRequest(
          "Give both username and password.", "Ange både användarnamn och lösenord.");
    }
    User account =
        central
            .createNamedQuery("User.byUsername", User.class)
            .setParameter("username", username)
            .getResultStream()
            .findFirst()
            .orElse(null);
    // An unknown username, or an account still on its generated password (hashed more cheaply),
    // costs as much as a chosen password's check, so timing tells none of them apart.
    String hash = account == null ? null : account.getPasswordHash();
    boolean matches =
        throttle.attempt(
            username,
            clientAddress,
            account == null ? null : account.getId(),
            () -> Passwords.matchesTakingFullCost(password, hash) && account != null);
    if (!matches) {
      throw ProblemException.unauthorized(
          "Wrong username or password.", "Fel användarnamn eller lösenord.");
    }
    User user = account;
    if (!user.isActive()) {
      record("Login refused: account deactivated", user, clientAddress);
      throw ProblemException.unauthorized(
          "This account is deactivated.", "Det här kontot är avaktiverat.");
    }
    Orchestra orchestra = authenticator.orchestraOf(user);
    user = accounts.recordLogin(user.getId());
    record("Login", user, clientAddress);
    IssuedToken token =
        security
            .tokens()
            .issue(
                new TokenSubject(
                    user.getId(),
                    user.getUsername(),
                    user.getRole(),
                    orchestra == null ? null : orchestra.getSubdomain(),
                    user.getTokenVersion()));
    return new LoginResult(token.token(), token.expiresAt(), UserView.of(user, orchestra));
  }

  private void record(String what, User user, String clientAddress) {
    systemLog.write(
        new SystemLogWriter.Event(
            "info",
            "auth",
            what,
            user.getId(),
            user.getOrchestraId(),
            null,
            clientAddress,
            Map.of("username", user.getUsername())));
  }
}
