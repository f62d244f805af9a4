package org.ripieno.orchestra.staffing.control;

/** The values of {@code Request.status}. */
public final class RequestStatus {

  public static final String PENDING = "pending";
  public static final String ACCEPTED = "accepted";
  public static final String DECLINED = "declined";
  public static final String TIMED_OUT = "timed_out";
  public static final String CANCELLED = "cancelled";

  private RequestStatus() {}
}
