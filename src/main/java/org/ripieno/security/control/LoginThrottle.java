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
 * At most {@code ripieno.login.max-failures} failed logins per username and {@code
 * ripieno.login.max-failures-per-address} per client address within {@code ripieno.login.window}.
 * The address limit is much higher than the username one: one office, or every client behind a
 * proxy that is not trusted, shares an address, and a handful of typing errors there must not lock
 * everyone out (the superadmin included). Failures are {@code SystemLog} rows (category {@code
 * auth}), so the limits hold across application instances without a table of their own.
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
    Limits limits = limits();
    Instant now = Instant.now();
    Instant since = now.minus(limits.window());
    return limits.waitBeforeTrying(
        failures("\"metadata\"->>'username'", username, since),
        failures("\"ip\"", clientAddress, since),
        now);
  }

  private Failures failures(String column, String value, Instant since) {
    Object[] row =
        (Object[])
            central
                .createNativeQuery(String.format(FAILURES_BY, column))
                .setParameter(1, LocalDateTime.ofInstant(since, ZoneOffset.UTC))
                .setParameter(2, value)
                .getSingleResult();
    return new Failures(((Number) row[0]).longValue(), row[1] == null ? null : toInstant(row[1]));
  }

  Limits limits() {
    return new Limits(
        settings.number("ripieno.login.max-failures", Limits.PER_USERNAME),
        settings.number("ripieno.login.max-failures-per-address", Limits.PER_ADDRESS),
        settings.period("ripieno.login.window", Duration.ofMinutes(15)));
  }

  /** Failed logins within the window, and when the oldest of them was (null when none). */
  record Failures(long count, Instant oldest) {}

  /**
   * The rule: how long a login must wait, given the failures counted for its username and address.
   */
  record Limits(int perUsername, int perAddress, Duration window) {

    static final int PER_USERNAME = 5;
    static final int PER_ADDRESS = 100;

    Optional<Duration> waitBeforeTrying(Failures byUsername, Failures byAddress, Instant now) {
      Optional<Duration> forUsername = waitFor(byUsername, perUsername, now);
      return forUsername.isPresent() ? forUsername : waitFor(byAddress, perAddress, now);
    }

    /** Until the oldest failure leaves the window, and so the count drops below the limit. */
    private Optional<Duration> waitFor(Failures failures, int max, Instant now) {
      if (failures.count() < max || failures.oldest() == null) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, failures.oldest().plus(window));
      return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
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
