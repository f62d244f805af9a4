package org.ripieno.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobsBackoffTest {

  private static final Instant NOW = Instant.parse("2033-01-10T08:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void theFirstFailureIsTriedAgainAfterOneInterval() {
    assertThat(JobsBackoff.retryAt(NOW, MINUTE, 1)).isEqualTo(NOW.plus(MINUTE));
  }

  @Test
  void eachFailureInARowDoublesThePause() {
    assertThat(JobsBackoff.retryAt(NOW, MINUTE, 2)).isEqualTo(NOW.plusSeconds(120));
    assertThat(JobsBackoff.retryAt(NOW, MINUTE, 4)).isEqualTo(NOW.plusSeconds(480));
  }

  @Test
  void thePauseNeverExceedsAnHour() {
    assertThat(JobsBackoff.retryAt(NOW, MINUTE, 7)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(JobsBackoff.retryAt(NOW, MINUTE, 10_000)).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void anIntervalLongerThanAnHourIsCappedToo() {
    assertThat(JobsBackoff.retryAt(NOW, Duration.ofHours(2), 1))
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
  }
}
