package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
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
import org.ripieno.web.Text;

/**
 * Username and password for a token. Rate-limited per username and client address; every failure
 * and success is recorded in {@code SystemLog} (category {@code auth}), never with the password.
 */
@ApplicationScoped
public class LoginService {

  /** Compared against when the username is unknown, so both cases take as long. */
  private static final String NO_SUCH_USER = Passwords.hash("no such user: timing only");

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
    throttle
        .waitBeforeTrying(username, clientAddress)
        .ifPresent(
            wait -> {
              throw new ProblemException(
                  Response.Status.TOO_MANY_REQUESTS,
                  Text.of(
                      "Too many failed logins; try again in {0} seconds.",
                      "För många misslyckade inloggningar; försök igen om {0} sekunder.",
                      Math.max(1, wait.toSeconds())),
                  wait);
            });
    User user =
        central
            .createNamedQuery("User.byUsername", User.class)
            .setParameter("username", username)
            .getResultStream()
            .findFirst()
            .orElse(null);
    boolean matches =
        Passwords.matches(password, user == null ? NO_SUCH_USER : user.getPasswordHash());
    if (user == null || !matches) {
      throttle.recordFailure(username, clientAddress, user == null ? null : user.getId());
      throw ProblemException.unauthorized(
          "Wrong username or password.", "Fel användarnamn eller lösenord.");
    }
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
