package org.ripieno.orchestra.staffing.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;

/**
 * The ISO week (week-based year and week number) a project starts in, as the orchestra's clock
 * reads its {@code startDate}. Derived from the date, never from the editable {@code weekNumber}:
 * 2027-01-01 lies in 2026-W53, and 23:30 UTC on a Sunday is already Monday in Stockholm.
 */
public record IsoWeek(int year, int week) {

  public static IsoWeek of(Instant instant, ZoneId zone) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    return new IsoWeek(
        day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  @Override
  public String toString() {
    return String.format("%d-W%02d", year, week);
  }
}
