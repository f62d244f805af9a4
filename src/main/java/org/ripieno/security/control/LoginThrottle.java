package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * At most {@code ripieno.login.max-failures} failed logins per username and per client address
 * within {@code ripieno.login.window}. Failures are {@code SystemLog} rows (category {@code auth}),
 * so the limit holds across application instances without a table of its own.
 */
@ApplicationScoped
public class LoginThrottle {

  static final String FAILED = "Login failed";

  private static final String FAILURES_BY =
      "select count(*), min(\"timestamp\") from \"SystemLog\" where \"category\" = 'auth'"
          + " and \"message\" = '"
          + FAILED
          + "' and \"timestamp\" > ? and %s = ?";

  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;
  @Inject RipienoSettings settings;

  /**
   * Checks a password (or any secret a person proves) under the limit: attempts for the same
   * username or client address wait for each other (advisory locks in central), the limit is
   * checked, then the check runs, and a failure is recorded in the same transaction. So parallel
   * attempts cannot all slip in under the limit.
   *
   * @return whether the check passed
   * @throws ProblemException 429 with {@code Retry-After} while the limit is reached
   */
  @CentralTransactional
  public boolean attempt(
      String username, String clientAddress, String userId, BooleanSupplier check) {
    lock("login-user:" + username);
    lock("login-client:" + clientAddress);
    waitBeforeTrying(username, clientAddress)
        .ifPresent(
            wait -> {
              throw new ProblemException(
                  Response.Status.TOO_MANY_REQUESTS,
                  Text.of(
                      "Too many failed attempts; try again in {0} seconds.",
                      "För många misslyckade försök; försök igen om {0} sekunder.",
                      Math.max(1, wait.toSeconds())),
                  wait);
            });
    boolean passed = check.getAsBoolean();
    if (!passed) {
      systemLog.write(
          new SystemLogWriter.Event(
              "warn",
              "auth",
              FAILED,
              userId,
              null,
              null,
              clientAddress,
              Map.of("username", username)));
    }
    return passed;
  }

  private void lock(String key) {
    central
        .createNativeQuery(
            "select count(*) from (select pg_advisory_xact_lock(hashtext(?))) as locked")
        .setParameter(1, key)
        .getSingleResult();
  }

  private Optional<Duration> waitBeforeTrying(String username, String clientAddress) {
    Duration window = window();
    int maxFailures = settings.number("ripieno.login.max-failures", 5);
    Instant since = Instant.now().minus(window);
    Optional<Duration> byUser = blocked("\"metadata\"->>'username'", username, since, maxFailures);
    Optional<Duration> byClient = blocked("\"ip\"", clientAddress, since, maxFailures);
    return byUser.isPresent() ? byUser : byClient;
  }

  private Optional<Duration> blocked(String column, String value, Instant since, int max) {
    Object[] row =
        (Object[])
            central
                .createNativeQuery(String.format(FAILURES_BY, column))
                .setParameter(1, LocalDateTime.ofInstant(since, ZoneOffset.UTC))
                .setParameter(2, value)
                .getSingleResult();
    long failures = ((Number) row[0]).longValue();
    if (failures < max || row[1] == null) {
      return Optional.empty();
    }
    Instant oldest = toInstant(row[1]);
    Duration wait = Duration.between(Instant.now(), oldest.plus(window()));
    return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
  }

  private Duration window() {
    return settings.period("ripieno.login.window", Duration.ofMinutes(15));
  }

  private static Instant toInstant(Object timestamp) {
    if (timestamp instanceof java.sql.Timestamp sql) {
      return sql.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (timestamp instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("Unexpected timestamp type " + timestamp.getClass());
  }
}
