package org.ripieno.orchestra.projects.control;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Dates of projects in the orchestra's time zone. A project is <em>upcoming</em> while today is on
 * or before the Sunday of its start date's ISO week (legacy "Kommande"), otherwise done; that is
 * the same as starting on or after the Monday of this week, which {@link #upcomingCutoff} gives as
 * an instant the database can compare.
 */
public final class ProjectCalendar {

  private final ZoneId zone;

  public ProjectCalendar(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The ISO week number of the start date as the orchestra sees it. */
  public int isoWeek(Instant startDate) {
    return day(startDate).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  public LocalDate day(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  public boolean isUpcoming(Instant startDate, LocalDate today) {
    LocalDate sunday = day(startDate).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    return !today.isAfter(sunday);
  }

  /** Projects starting at or after this instant are upcoming on the given day. */
  public Instant upcomingCutoff(LocalDate today) {
    return today
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .atStartOfDay(zone)
        .toInstant();
  }

  public LocalDate today(Instant now) {
    return day(now);
  }

  /** The first instant of a calendar year in the orchestra's time zone. */
  public Instant startOfYear(int year) {
    return LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
  }

  /**
   * A start date as given: a calendar day ({@code 2027-03-08}, the start of that day in the
   * orchestra's time zone) or an instant with an offset ({@code 2027-03-08T09:00:00Z}).
   */
  public Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.trim();
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException notADay) {
      try {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException | ArithmeticException notAnInstant) {
        return Optional.empty();
      }
    } catch (DateTimeException outOfRange) {
      return Optional.empty();
    }
  }
}
