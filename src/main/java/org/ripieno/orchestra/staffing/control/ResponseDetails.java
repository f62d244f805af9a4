package org.ripieno.orchestra.staffing.control;

import java.time.Instant;

/**
 * What a musician's link shows (api.md "Public responses"): the project, the position, the dates,
 * the schedule, the deadline and the language; nothing else about the orchestra or other people.
 */
public record ResponseDetails(
    String requestId,
    String status,
    Musician musician,
    Project project,
    Position position,
    Integer responseTimeHours,
    Instant deadline,
    String language) {

  public record Musician(String firstName, String lastName) {}

  public record Project(
      String name,
      Instant startDate,
      Integer weekNumber,
      String rehearsalSchedule,
      String concertInfo) {}

  public record Position(String name, String instrument) {}

  /** One row of {@link Answers}' query. */
  public record Row(
      String requestId,
      String status,
      String firstName,
      String lastName,
      String projectName,
      Instant startDate,
      Integer weekNumber,
      String rehearsalSchedule,
      String concertInfo,
      String positionName,
      String instrumentName,
      Integer responseTimeHours,
      Instant deadline,
      String preferredLanguage) {

    ResponseDetails details() {
      return new ResponseDetails(
          requestId,
          status,
          new Musician(firstName, lastName),
          new Project(projectName, startDate, weekNumber, rehearsalSchedule, concertInfo),
          new Position(positionName, instrumentName),
          responseTimeHours,
          deadline,
          MusicianLanguage.of(preferredLanguage));
    }
  }
}
