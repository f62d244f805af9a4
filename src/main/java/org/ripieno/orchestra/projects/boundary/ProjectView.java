package org.ripieno.orchestra.projects.boundary;

import java.time.Instant;
import org.ripieno.orchestra.projects.entity.Project;

/** A project as answered; {@code upcoming} is derived in the orchestra's time zone. */
public record ProjectView(
    Integer id,
    String projectId,
    String name,
    Instant startDate,
    Integer weekNumber,
    String rehearsalSchedule,
    String concertInfo,
    String notes,
    boolean upcoming,
    Instant createdAt,
    Instant updatedAt) {

  public static ProjectView of(Project project, boolean upcoming) {
    return new ProjectView(
        project.getId(),
        project.getProjectId(),
        project.getName(),
        project.getStartDate(),
        project.getWeekNumber(),
        project.getRehearsalSchedule(),
        project.getConcertInfo(),
        project.getNotes(),
        upcoming,
        project.getCreatedAt(),
        project.getUpdatedAt());
  }

  /** The values an audit row keeps. */
  public record Snapshot(
      String projectId,
      String name,
      Instant startDate,
      Integer weekNumber,
      String rehearsalSchedule,
      String concertInfo,
      String notes) {

    public static Snapshot of(Project project) {
      return new Snapshot(
          project.getProjectId(),
          project.getName(),
          project.getStartDate(),
          project.getWeekNumber(),
          project.getRehearsalSchedule(),
          project.getConcertInfo(),
          project.getNotes());
    }
  }
}
