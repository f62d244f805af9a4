package org.ripieno.orchestra.musicians.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.musicians.control.MusicianStatistics.Fact;
import org.ripieno.orchestra.musicians.control.MusicianStatistics.PositionCount;
import org.ripieno.orchestra.musicians.control.MusicianStatistics.YearCount;

/** A musician's statistics from their requests. */
class MusicianStatisticsTest {

  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  @Test
  void countsRatesTimesPositionsAndYears() {
    List<Fact> facts =
        List.of(
            new Fact(
                "accepted",
                Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T12:00:00Z"),
                "Violin",
                "Tutti"),
            new Fact(
                "declined",
                Instant.parse("2025-04-01T10:00:00Z"),
                Instant.parse("2025-04-01T15:00:00Z"),
                "Violin",
                "Tutti"),
            new Fact(
                "accepted",
                Instant.parse("2025-12-31T23:30:00Z"),
                Instant.parse("2026-01-01T00:30:00Z"),
                "Viola",
                "Stämledare"),
            new Fact("pending", Instant.parse("2026-02-01T10:00:00Z"), null, "Cello", "Tutti"),
            new Fact(
                "cancelled",
                Instant.parse("2026-02-02T10:00:00Z"),
                Instant.parse("2026-02-02T11:00:00Z"),
                "Cello",
                "Tutti"),
            new Fact("timed_out", Instant.parse("2026-02-03T10:00:00Z"), null, "Bas", "Tutti"));
    MusicianStatistics statistics = MusicianStatistics.of(facts, STOCKHOLM);
    assertThat(statistics.totalRequests()).isEqualTo(6);
    assertThat(statistics.accepted()).isEqualTo(2);
    assertThat(statistics.declined()).isEqualTo(1);
    assertThat(statistics.pending()).isEqualTo(1);
    assertThat(statistics.cancelled()).isEqualTo(1);
    assertThat(statistics.timedOut()).isEqualTo(1);
    assertThat(statistics.acceptanceRate()).isEqualTo(67);
    // (2 + 5 + 1) / 3 hours; the cancelled request's time is not the musician's answer.
    assertThat(statistics.averageResponseTimeHours()).isEqualTo(2.7);
    assertThat(statistics.topPositions())
        .containsExactly(
            new PositionCount("Cello - Tutti", 2),
            new PositionCount("Violin - Tutti", 2),
            new PositionCount("Bas - Tutti", 1));
    // 23:30 UTC on New Year's Eve is already 2026 in Stockholm.
    assertThat(statistics.requestsByYear())
        .containsExactly(new YearCount(2026, 4), new YearCount(2025, 2));
  }

  @Test
  void noRequestsGiveNoRates() {
    MusicianStatistics statistics = MusicianStatistics.of(List.of(), STOCKHOLM);
    assertThat(statistics.totalRequests()).isZero();
    assertThat(statistics.acceptanceRate()).isNull();
    assertThat(statistics.averageResponseTimeHours()).isNull();
    assertThat(statistics.topPositions()).isEmpty();
    assertThat(statistics.requestsByYear()).isEmpty();
  }
}
