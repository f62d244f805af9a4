package org.ripieno.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * When the jobs try an orchestra again after its run failed: one interval, then doubling with each
 * failure in a row, at most an hour, so a broken database is not hammered every pass.
 */
final class JobsBackoff {

  static final Duration MAX = Duration.ofHours(1);

  private JobsBackoff() {}

  /**
   * @param failures failed runs in a row, this one included (at least 1)
   */
  static Instant retryAt(Instant now, Duration interval, int failures) {
    Duration wait = interval;
    for (int i = 1; i < failures && wait.compareTo(MAX) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return now.plus(wait.compareTo(MAX) > 0 ? MAX : wait);
  }
}
