package org.ripieno.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  private static long[] millis(int from, int to) {
    long[] nanos = new long[to - from + 1];
    for (int i = 0; i < nanos.length; i++) {
      // Out of order on purpose: the quantiles must not depend on arrival order.
      nanos[i] = (to - i) * 1_000_000L;
    }
    return nanos;
  }

  @Test
  void quantilesAreNearestRankOverTheRecordedCallsAndTheRateIsCallsPerSecond() {
    Latencies latencies = Latencies.of(millis(1, 100), 100, 2.0, 3);

    assertThat(latencies.p50()).isEqualTo(50.0);
    assertThat(latencies.p99()).isEqualTo(99.0);
    assertThat(latencies.perSecond()).isEqualTo(50.0);
    assertThat(latencies.failures()).isEqualTo(3);
  }

  @Test
  void mergedWindowsCountAllTheirCallsOverAllTheirTime() {
    Latencies first = Latencies.of(millis(1, 10), 10, 1.0, 0);
    Latencies second = Latencies.of(millis(91, 100), 10, 3.0, 1);

    Latencies merged = Latencies.merged(List.of(first, second));

    assertThat(merged.count()).isEqualTo(20);
    assertThat(merged.perSecond()).isEqualTo(5.0);
    assertThat(merged.p50()).isEqualTo(10.0);
    assertThat(merged.millis(1.0)).isEqualTo(100.0);
    assertThat(merged.failures()).isEqualTo(1);
  }
}
