package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.CentralData;

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

  /** How long the caller must wait, or empty when it may try now. */
  public Optional<Duration> waitBeforeTrying(String username, String clientAddress) {
    Duration window = window();
    int maxFailures = settings.number("ripieno.login.max-failures", 5);
    Instant since = Instant.now().minus(window);
    Optional<Duration> byUser = blocked("\"metadata\"->>'username'", username, since, maxFailures);
    Optional<Duration> byClient = blocked("\"ip\"", clientAddress, since, maxFailures);
    return byUser.isPresent() ? byUser : byClient;
  }

  public void recordFailure(String username, String clientAddress, String userId) {
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
