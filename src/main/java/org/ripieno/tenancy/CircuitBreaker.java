package org.ripieno.tenancy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A short circuit breaker for one database. After a failure to reach it, calls are refused at once
 * for {@code openFor}; then one call (the trial) may try again while every other one is still
 * refused. The trial's success closes the breaker, its failure opens it again. A trial that never
 * reports (its caller touched no connection) expires after {@code openFor}, so the breaker cannot
 * stay half-open.
 *
 * <p>A plain class rather than MicroProfile Fault Tolerance's {@code @CircuitBreaker}: that one
 * guards a method, with one state for every caller, while Ripieno needs one state per database
 * (central, and each orchestra database), known only at run time.
 */
public final class CircuitBreaker {

  /** How long Ripieno's breakers refuse calls after a failure before letting a trial through. */
  public static final Duration OPEN_FOR = Duration.ofSeconds(2);

  private final long openForNanos;
  private final LongSupplier clock;

  private boolean open;
  private long openUntil;
  private long trialStartedAt;
  private boolean trialRunning;

  public CircuitBreaker(Duration openFor) {
    this(openFor, System::nanoTime);
  }

  CircuitBreaker(Duration openFor, LongSupplier clock) {
    this.openForNanos = openFor.toNanos();
    this.clock = clock;
  }

  /**
   * Whether a call may go to the database now; when the breaker is open and its time is up, the
   * first caller becomes the trial.
   */
  public synchronized boolean tryCall() {
    if (!open) {
      return true;
    }
    long now = clock.getAsLong();
    if (now - openUntil < 0) {
      return false;
    }
    if (trialRunning && now - trialStartedAt < openForNanos) {
      return false;
    }
    trialRunning = true;
    trialStartedAt = now;
    return true;
  }

  /** Whether calls are refused right now, without becoming the trial. */
  public synchronized boolean isRefusing() {
    if (!open) {
      return false;
    }
    long now = clock.getAsLong();
    return now - openUntil < 0 || (trialRunning && now - trialStartedAt < openForNanos);
  }

  /** The database answered: calls go through again. */
  public synchronized void succeeded() {
    open = false;
    trialRunning = false;
  }

  /** The database could not be reached: refuse calls for a while. */
  public synchronized void failed() {
    open = true;
    trialRunning = false;
    openUntil = clock.getAsLong() + openForNanos;
  }

  public synchronized boolean isOpen() {
    return open;
  }

  /** How long a refused caller should wait before trying again (at least a second). */
  public synchronized Duration retryAfter() {
    if (!open) {
      return Duration.ofSeconds(1);
    }
    long left = Math.max(openUntil - clock.getAsLong(), 0);
    return Duration.ofSeconds(Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
  }
}
