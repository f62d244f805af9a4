package org.ripieno.orchestra.dashboard.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardRulesTest {

  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  @Test
  void theResponseRateIsTheShareNoLongerPendingInWholePercent() {
    assertThat(DashboardRules.responseRate(0, 0)).isZero();
    assertThat(DashboardRules.responseRate(3, 2)).isEqualTo(67);
    assertThat(DashboardRules.responseRate(4, 4)).isEqualTo(100);
  }

  @Test
  void answersAreCountedInTwelveIsoWeeksOfTheOrchestrasClockOldestFirst() {
    // Wednesday 2026-12-02 12:00 UTC: week 2026-W49 starts Monday 2026-11-30.
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    List<DashboardRules.Answer> answers =
        List.of(
            new DashboardRules.Answer(Instant.parse("2026-12-01T08:00:00Z"), true),
            // Sunday 23:30 UTC is already Monday in Stockholm: this week, not the last.
            new DashboardRules.Answer(Instant.parse("2026-11-29T23:30:00Z"), false),
            new DashboardRules.Answer(Instant.parse("2026-11-25T10:00:00Z"), true),
            // Before the twelve weeks: not counted.
            new DashboardRules.Answer(Instant.parse("2026-09-01T10:00:00Z"), true));

    List<DashboardRules.WeekAnswers> weeks = DashboardRules.answersPerWeek(now, STOCKHOLM, answers);

    assertThat(weeks).hasSize(12);
    assertThat(weeks.get(0).week()).isEqualTo("2026-W38");
    assertThat(weeks.get(11))
        .isEqualTo(new DashboardRules.WeekAnswers("2026-W49", LocalDate.of(2026, 11, 30), 1, 1));
    assertThat(weeks.get(10).accepted()).isEqualTo(1);
    assertThat(weeks.stream().mapToInt(w -> w.accepted() + w.declined()).sum()).isEqualTo(3);
  }

  @Test
  void theFeedSpeaksSwedishOrEnglish() {
    assertThat(
            DashboardRules.describe(
                "response_received", "Anna A", "Tutti", "Vår", "accepted", true))
        .isEqualTo("Anna A accepterade Tutti i Vår");
    assertThat(DashboardRules.describe("request_sent", "Anna A", "Tutti", "Spring", null, false))
        .isEqualTo("Request sent to Anna A for Tutti in Spring");
  }
}
