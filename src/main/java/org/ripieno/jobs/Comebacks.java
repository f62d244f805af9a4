package org.ripieno.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an orchestra whose run stopped for a send slot (its messages wait for the orchestra's rate)
 * is run again by the instance that ran it: at the slot, its due time then, rather than at the next
 * pass, which may be a whole {@code ripieno.jobs.interval} later. A slot a pass or more ahead is
 * left to the passes.
 */
final class Comebacks {

  private Comebacks() {}

  /**
   * @param at the orchestra's next due time, its slot's
   * @param now the instance's clock
   * @param interval {@code ripieno.jobs.interval}
   * @return the delay after which to run it again; empty when the passes are as soon
   */
  static Optional<Duration> after(Instant at, Instant now, Duration interval) {
    Duration until = Duration.between(now, at);
    if (until.compareTo(interval) >= 0) {
      return Optional.empty();
    }
    if (until.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    // A millisecond past the due time, so that its claim (due time ≤ now) never comes too early.
    return Optional.of(Duration.ofMillis(until.plusNanos(999_999).toMillis() + 1));
  }
}
