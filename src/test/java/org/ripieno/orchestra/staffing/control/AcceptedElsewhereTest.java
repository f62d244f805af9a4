package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AcceptedElsewhereTest {

  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static AcceptedElsewhere accepted(int musician, int project, String start) {
    return new AcceptedElsewhere(musician, project, Instant.parse(start));
  }

  @Nested
  class TheWeekIsReadInTheOrchestrasTimeZone {

    @Test
    void sundayLateEveningUtcIsAlreadyNextWeekInStockholm() {
      // Monday 2027-01-11 09:00 Stockholm; the other project starts Sunday 23:30 UTC, which is
      // Monday 00:30 in Stockholm: the same week there.
      Instant monday = Instant.parse("2027-01-11T08:00:00Z");
      List<AcceptedElsewhere> other = List.of(accepted(1, 9, "2027-01-10T23:30:00Z"));

      assertThat(AcceptedElsewhere.sameWeek(monday, STOCKHOLM, other)).containsEntry(1, 9);
      // In New York the other one is still Sunday 18:30 of the week before.
      assertThat(AcceptedElsewhere.sameWeek(monday, NEW_YORK, other)).isEmpty();
    }

    @Test
    void justBeforeMidnightOnSundayIsStillTheSameWeek() {
      Instant monday = Instant.parse("2027-03-08T00:00:00+01:00");
      List<AcceptedElsewhere> other =
          List.of(
              accepted(1, 5, "2027-03-14T22:59:00Z"), // Sunday 23:59 in Stockholm
              accepted(2, 6, "2027-03-14T23:00:00Z")); // Monday 00:00 of the next week

      assertThat(AcceptedElsewhere.sameWeek(monday, STOCKHOLM, other))
          .containsOnlyKeys(1)
          .containsEntry(1, 5);
    }
  }

  @Nested
  class TheTurnOfTheYear {

    @Test
    void newYearsDay2027BelongsToWeek53Of2026() {
      assertThat(IsoWeek.of(Instant.parse("2027-01-01T12:00:00Z"), STOCKHOLM))
          .isEqualTo(new IsoWeek(2026, 53));
      Instant monday2026W53 = Instant.parse("2026-12-28T09:00:00Z");
      List<AcceptedElsewhere> other = List.of(accepted(3, 4, "2027-01-02T18:00:00Z"));

      assertThat(AcceptedElsewhere.sameWeek(monday2026W53, STOCKHOLM, other)).containsEntry(3, 4);
    }

    @Test
    void week1OfOneYearIsNotWeek1OfAnother() {
      // 2024-12-30 is in 2025-W01; 2026-01-01 is in 2026-W01: the same number, different weeks.
      Instant w1of2025 = Instant.parse("2024-12-30T09:00:00Z");
      List<AcceptedElsewhere> other =
          List.of(accepted(1, 2, "2026-01-01T09:00:00Z"), accepted(2, 3, "2025-01-05T09:00:00Z"));

      assertThat(AcceptedElsewhere.sameWeek(w1of2025, STOCKHOLM, other)).containsOnlyKeys(2);
      assertThat(IsoWeek.of(w1of2025, STOCKHOLM)).hasToString("2025-W01");
    }

    @Test
    void theEditableWeekNumberPlaysNoPartOnlyTheStartDates() {
      // Two projects in ISO week 10 of 2027, whatever weekNumber someone typed for them.
      Instant start = Instant.parse("2027-03-08T08:00:00Z");
      List<AcceptedElsewhere> other =
          List.of(accepted(7, 11, "2027-03-12T18:00:00Z"), accepted(7, 10, "2027-03-09T18:00:00Z"));

      assertThat(AcceptedElsewhere.sameWeek(start, STOCKHOLM, other)).containsEntry(7, 10);
    }
  }
}
