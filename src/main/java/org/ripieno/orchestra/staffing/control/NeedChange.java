package org.ripieno.orchestra.staffing.control;

/**
 * A change to a need; fields left out stay as they are. The position and the list are not changed
 * (create another need instead); strategy, response time and maxRecipients only while the need has
 * no requests.
 */
public record NeedChange(
    Integer quantity,
    String requestStrategy,
    Integer maxRecipients,
    Integer responseTimeHours,
    Boolean requireLocalResidence) {

  public static NeedChange orEmpty(NeedChange change) {
    return change == null ? new NeedChange(null, null, null, null, null) : change;
  }
}
