package org.ripieno.orchestra.staffing.control;

import java.time.Instant;

/**
 * What is said to a musician about one request, on the answer page and in the mails: who, which
 * project and position, when, and in which language. Read by {@link StaffingQueries#requestFacts}.
 */
public record RequestFacts(
    String requestId,
    String status,
    String firstName,
    String lastName,
    String preferredLanguage,
    String projectName,
    Instant startDate,
    Integer weekNumber,
    String rehearsalSchedule,
    String concertInfo,
    String positionName,
    String instrumentName,
    Integer responseTimeHours,
    Integer quantity) {

  /** {@code sv} or {@code en}. */
  public String language() {
    return MusicianLanguage.of(preferredLanguage);
  }
}
