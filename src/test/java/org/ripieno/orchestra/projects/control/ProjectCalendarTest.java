package org.ripieno.orchestra.projects.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProjectCalendarTest {

  private final ProjectCalendar stockholm = new ProjectCalendar(ZoneId.of("Europe/Stockholm"));
  private final ProjectCalendar newYork = new ProjectCalendar(ZoneId.of("America/New_York"));

  @Test
  void theIsoWeekIsTakenInTheOrchestrasTimeZone() {
    // Sunday 23:30 UTC is already Monday in Stockholm (week 2) but still Sunday in New York.
    Instant lateSunday = Instant.parse("2027-01-10T23:30:00Z");

    assertThat(stockholm.isoWeek(lateSunday)).isEqualTo(2);
    assertThat(newYork.isoWeek(lateSunday)).isEqualTo(1);
  }

  @Test
  void weeksAtTheTurnOfTheYearFollowIso() {
    assertThat(stockholm.isoWeek(stockholm.parse("2027-01-01").orElseThrow())).isEqualTo(53);
    assertThat(stockholm.isoWeek(stockholm.parse("2024-12-30").orElseThrow())).isEqualTo(1);
  }

  @Test
  void aProjectIsUpcomingUntilTheSundayOfItsStartWeek() {
    Instant wednesday = stockholm.parse("2027-03-10").orElseThrow();

    assertThat(stockholm.isUpcoming(wednesday, LocalDate.of(2027, 3, 1))).isTrue();
    assertThat(stockholm.isUpcoming(wednesday, LocalDate.of(2027, 3, 8))).isTrue();
    assertThat(stockholm.isUpcoming(wednesday, LocalDate.of(2027, 3, 14))).isTrue();
    assertThat(stockholm.isUpcoming(wednesday, LocalDate.of(2027, 3, 15))).isFalse();
  }

  @Test
  void theCutoffIsMondayMidnightOfThisWeekInTheTimeZone() {
    Instant cutoff = stockholm.upcomingCutoff(LocalDate.of(2027, 3, 14));

    assertThat(cutoff).isEqualTo(Instant.parse("2027-03-07T23:00:00Z"));
    assertThat(stockholm.isUpcoming(cutoff, LocalDate.of(2027, 3, 14))).isTrue();
    assertThat(stockholm.isUpcoming(cutoff.minusMillis(1), LocalDate.of(2027, 3, 14))).isFalse();
  }

  @Test
  void aStartDateIsADayOrAnInstant() {
    assertThat(stockholm.parse("2027-03-08")).contains(Instant.parse("2027-03-07T23:00:00Z"));
    assertThat(stockholm.parse("2027-03-08T09:00:00Z"))
        .contains(Instant.parse("2027-03-08T09:00:00Z"));
    assertThat(stockholm.parse("2027-03-08T10:00:00+01:00"))
        .contains(Instant.parse("2027-03-08T09:00:00Z"));
    assertThat(stockholm.parse("next monday")).isEmpty();
    assertThat(stockholm.parse("2027-02-30")).isEmpty();
    assertThat(stockholm.parse(null)).isEmpty();
  }
}
