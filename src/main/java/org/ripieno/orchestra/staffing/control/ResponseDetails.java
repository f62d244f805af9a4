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

  /** The details of a request whose link expires at {@code deadline}. */
  static ResponseDetails of(RequestFacts facts, Instant deadline) {
    return new ResponseDetails(
        facts.requestId(),
        facts.status(),
        new Musician(facts.firstName(), facts.lastName()),
        new Project(
            facts.projectName(),
            facts.startDate(),
            facts.weekNumber(),
            facts.rehearsalSchedule(),
            facts.concertInfo()),
        new Position(facts.positionName(), facts.instrumentName()),
        facts.responseTimeHours(),
        deadline,
        facts.language());
  }
}
