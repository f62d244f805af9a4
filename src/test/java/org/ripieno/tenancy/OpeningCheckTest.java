package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpeningCheckTest {

  private static OpeningCheck history(long failed, String... versions) {
    return new OpeningCheck(Set.of("Musician"), List.of(versions), failed, List.of("orch-a"));
  }

  @Test
  void theNewestAppliedVersionNumericallyIsTheDatabasesVersion() {
    // Versions compare as numbers, not as text: 10 is newer than 9.
    assertThat(history(0, "1", "2", "9", "10").isAtVersion("10")).isTrue();
    assertThat(history(0, "10", "9").isAtVersion("9")).isFalse();
  }

  @Test
  void aDatabaseBehindOrAheadIsNotAtTheVersion() {
    assertThat(history(0, "1", "2", "3").isAtVersion("7")).isFalse();
    assertThat(history(0, "1", "2", "3", "8").isAtVersion("7")).isFalse();
  }

  @Test
  void aFailedMigrationOrNoHistoryLeavesItToFlyway() {
    assertThat(history(1, "1", "2", "7").isAtVersion("7")).isFalse();
    assertThat(history(0).isAtVersion("7")).isFalse();
  }

  @Test
  void onlyExactlyOneMarkerIsAMarker() {
    assertThat(history(0, "7").marker()).contains("orch-a");
    assertThat(new OpeningCheck(Set.of(), List.of("7"), 0, List.of()).marker()).isEmpty();
    assertThat(new OpeningCheck(Set.of(), List.of("7"), 0, List.of("a", "b")).marker()).isEmpty();
  }
}
