package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxStoreTest {

  private static final Instant NOW = Instant.parse("2027-03-08T09:00:00Z");

  @Test
  void retriesWaitOneTwoFourMinutesAndSoOnAtMostAnHour() {
    assertThat(OutboxStore.retryAt(1, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(OutboxStore.retryAt(2, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(OutboxStore.retryAt(3, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(OutboxStore.retryAt(7, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(60)));
  }

  @Test
  void theBackoffIsConfigurable() {
    assertThat(OutboxStore.retryAt(3, NOW, Duration.ofSeconds(1)))
        .isEqualTo(NOW.plus(Duration.ofSeconds(4)));
  }

  @Test
  void afterTheLastAttemptThereIsNoRetry() {
    assertThat(OutboxStore.retryAt(OutboxStore.MAX_ATTEMPTS, NOW, OutboxStore.BACKOFF)).isNull();
  }
}
