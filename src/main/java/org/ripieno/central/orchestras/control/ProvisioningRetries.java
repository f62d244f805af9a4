package org.ripieno.central.orchestras.control;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * When the platform resumes a failed provisioning by itself: only after a transient cause, at most
 * {@code maxTries} failed runs in all, each wait twice the one before, from {@code firstDelay} up
 * to {@link #LONGEST_DELAY}. A permanent cause (a database of another orchestra under the name, a
 * missing first admin, a template newer than this code) waits for an operator.
 *
 * @param maxTries failed runs after which the platform stops resuming ({@code
 *     ripieno.provisioning.max-tries})
 * @param firstDelay the wait before the first resume ({@code ripieno.provisioning.retry-delay})
 */
public record ProvisioningRetries(int maxTries, Duration firstDelay) {

  public static final ProvisioningRetries DEFAULTS =
      new ProvisioningRetries(6, Duration.ofSeconds(5));

  static final Duration LONGEST_DELAY = Duration.ofMinutes(10);

  /**
   * SQLStates of causes that pass by themselves: class 08 (connection exceptions), 40001
   * (serialization failure), 40P01 (deadlock), 53300 (too many connections), 55P03 (lock not
   * available), 55006 (object in use: someone was connected to the template), 57014 (statement
   * cancelled or timed out), 57P01-57P03 (the server shut down or terminated the session, or is
   * starting).
   */
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "53300", "55P03", "55006", "57014", "57P01", "57P02", "57P03");

  /** Causes looked at, so that a chain that loops ends. */
  private static final int MAX_CAUSES = 20;

  public ProvisioningRetries {
    if (maxTries < 1 || maxTries > 20) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.max-tries is 1 to 20, got " + maxTries);
    }
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.retry-delay is positive, got " + firstDelay);
    }
  }

  /**
   * Whether the failure passes by itself: judged by the SQLState of every SQL exception in its
   * causes, and by JDBC's transient exception types (a pool that gave no connection in time throws
   * {@link java.sql.SQLTransientConnectionException}, often without a SQLState), never by message
   * text.
   */
  public static boolean isTransient(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = next(cause)) {
      if (cause instanceof SQLTransientException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || TRANSIENT_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * How long to wait before resuming, after a run that ended in a failure.
   *
   * @param failedRuns failed runs so far, this one included
   * @return the wait, or empty when the platform leaves it to an operator
   */
  public Optional<Duration> delayAfter(Throwable failure, int failedRuns) {
    if (failedRuns >= maxTries || !isTransient(failure)) {
      return Optional.empty();
    }
    Duration delay = firstDelay;
    for (int i = 1; i < failedRuns && delay.compareTo(LONGEST_DELAY) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return Optional.of(delay.compareTo(LONGEST_DELAY) < 0 ? delay : LONGEST_DELAY);
  }

  private static Throwable next(Throwable cause) {
    Throwable next = cause.getCause();
    if (next == null && cause instanceof SQLException sql) {
      next = sql.getNextException();
    }
    return next == cause ? null : next;
  }
}
