package org.ripieno.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One instance's claim on an orchestra's jobs run: the orchestra's central {@code jobsDueAt} set to
 * the claim's end, which keeps the other instances away until then ({@link JobsSchedule#claim}).
 * The claim is short ({@code ripieno.jobs.claim}, 30 s) and lives only while its holder does: the
 * running instance renews it every third of its length while a long run goes on, so a live run is
 * never taken by another instance, while a dead instance's claim runs out within one claim length
 * of its last renewal. A claim lowered by new work meanwhile is no longer renewed ({@link #lose}):
 * the lower time says the work is due, and any instance may run it, as before.
 *
 * <p>The holder's renewals and its final record go through this object one at a time, so a renewal
 * never lands after the run recorded its outcome.
 */
final class JobsClaim {

  /** The default of {@code ripieno.jobs.claim}. */
  static final Duration DEFAULT = Duration.ofSeconds(30);

  /**
   * The shortest claim: renewing every third of it must leave a central round trip (and a busy
   * moment of central) well inside it.
   */
  static final Duration SHORTEST = Duration.ofSeconds(3);

  private final Duration length;
  private Instant until;
  private boolean held = true;

  private JobsClaim(Duration length, Instant until) {
    this.length = length;
    this.until = until;
  }

  /** A claim taken at {@code now}, ending one claim length later. */
  static JobsClaim takenAt(Instant now, Duration length) {
    if (length.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException(
          "ripieno.jobs.claim is at least " + SHORTEST + ", not " + length);
    }
    return new JobsClaim(length, end(now, length));
  }

  /** When the claim ends unless renewed; the value stored in {@code jobsDueAt}. */
  synchronized Instant until() {
    return until;
  }

  /** How often the holder renews: a third of the claim, so one late renewal still leaves it. */
  Duration renewEvery() {
    return length.dividedBy(3);
  }

  /** Whether the holder still renews the claim (not finished, not lowered by new work). */
  synchronized boolean held() {
    return held;
  }

  /** The end a renewal at {@code now} sets. */
  Instant renewedUntil(Instant now) {
    return end(now, length);
  }

  /** The renewal was written: the claim now ends at {@code newUntil}. */
  synchronized void renewed(Instant newUntil) {
    until = newUntil;
  }

  /** The run finished, or new work lowered the due time: no more renewals. */
  synchronized void lose() {
    held = false;
  }

  /**
   * Whether an instance may take the orchestra at {@code now}: its due time (a claim's end, when
   * one is held) has come. The rule of {@link JobsSchedule#claim}'s ordinary pass.
   */
  static boolean takeable(Instant dueAt, Instant now) {
    return dueAt != null && !dueAt.isAfter(now);
  }

  /** The claim is compared by equality: it must survive the column's millisecond precision. */
  private static Instant end(Instant now, Duration length) {
    return now.plus(length).truncatedTo(ChronoUnit.MILLIS);
  }
}
