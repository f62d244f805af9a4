package org.ripieno.orchestra.staffing.control;

/** One request of a project, as {@link StaffingQueries} reads it. */
public record RequestRow(Integer needId, Integer musicianId, String status) {

  public RecipientSelection.Request request() {
    return new RecipientSelection.Request(needId, musicianId, status);
  }

  /** Whether it keeps the musician from being asked again in the project (not cancelled). */
  public boolean counts() {
    return !RequestStatus.CANCELLED.equals(status);
  }
}
