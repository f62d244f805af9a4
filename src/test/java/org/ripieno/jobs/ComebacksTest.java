package org.ripieno.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComebacksTest {

  private static final Instant NOW = Instant.parse("2033-01-10T08:00:00.000400Z");
  private static final Duration INTERVAL = Duration.ofMinutes(1);

  @Test
  void aSlotWithinThePassIntervalIsComeBackToJustAfterIt() {
    assertThat(Comebacks.after(NOW.plusMillis(450), NOW, INTERVAL))
        .contains(Duration.ofMillis(451));
  }

  @Test
  void aSlotBetweenMillisecondsIsComeBackToAfterItNeverBefore() {
    // Its claim asks for a due time at or before the instance's clock: never early.
    assertThat(Comebacks.after(NOW.plusNanos(450_000_001), NOW, INTERVAL))
        .contains(Duration.ofMillis(452));
  }

  @Test
  void aSlotAlreadyFreeIsComeBackToAtOnce() {
    assertThat(Comebacks.after(NOW.minusMillis(5), NOW, INTERVAL)).contains(Duration.ZERO);
  }

  @Test
  void aSlotAPassOrMoreAheadIsLeftToThePasses() {
    assertThat(Comebacks.after(NOW.plus(INTERVAL), NOW, INTERVAL)).isEmpty();
    assertThat(Comebacks.after(NOW.plusSeconds(90), NOW, INTERVAL)).isEmpty();
  }
}
