package org.ripieno.orchestra.projects.boundary;

/**
 * A project as created or changed. {@code startDate} is a day ({@code 2027-03-08}) or an instant;
 * {@code weekNumber} is derived from it when left out. On update, fields left out stay as they are.
 */
public record ProjectInput(
    String name,
    String startDate,
    Integer weekNumber,
    String rehearsalSchedule,
    String concertInfo,
    String notes) {

  public static ProjectInput orEmpty(ProjectInput input) {
    return input == null ? new ProjectInput(null, null, null, null, null, null) : input;
  }
}
