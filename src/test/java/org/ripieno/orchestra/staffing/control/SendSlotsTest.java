package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendSlotsTest {

  @Test
  void aSlotFreeNowOrPastGoesNow() {
    assertThat(SendSlots.sendsNow(Duration.ZERO)).isTrue();
    assertThat(SendSlots.sendsNow(Duration.ofMillis(-300))).isTrue();
  }

  @Test
  void aSlotAFewMillisecondsAheadIsWaitedFor() {
    assertThat(SendSlots.sendsNow(Duration.ofMillis(3))).isTrue();
    assertThat(SendSlots.sendsNow(SendSlots.SHORT_WAIT)).isTrue();
  }

  @Test
  void aSlotFurtherAheadIsComeBackForNotSleptFor() {
    // The rate's 2 a second: the second mail of a run is ~450 ms ahead; a worker must not sleep.
    assertThat(SendSlots.sendsNow(Duration.ofMillis(450))).isFalse();
    assertThat(SendSlots.sendsNow(SendSlots.SHORT_WAIT.plusMillis(1))).isFalse();
  }

  @Test
  void theShortWaitStaysFarBelowASendSlotOfTheDefaultRate() {
    assertThat(SendSlots.SHORT_WAIT).isLessThanOrEqualTo(Duration.ofMillis(20));
  }
}
