package org.ripieno.orchestra.projects.boundary;

import java.time.Instant;
import org.ripieno.orchestra.projects.entity.Project;

/**
 * A project as answered; {@code upcoming} is derived in the orchestra's time zone, {@code staffing}
 * from its needs and requests.
 */
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
    Staffing staffing,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * How far the project is staffed: {@code needed} places (needs not archived), {@code accepted}
   * musicians in them, {@code requests} sent in the project, {@code percentage} accepted of needed
   * (0 without needs).
   */
  public record Staffing(long needed, long accepted, long requests, int percentage) {

    public static Staffing of(long needed, long accepted, long requests) {
      int percentage = needed == 0 ? 0 : (int) Math.round(accepted * 100.0 / needed);
      return new Staffing(needed, accepted, requests, percentage);
    }
  }

  public static ProjectView of(Project project, boolean upcoming, Staffing staffing) {
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
        staffing,
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
