package org.ripieno.orchestra.staffing.control;

import java.util.Locale;

/**
 * Why a list member will or will not be asked for a need (api.md "Staffing"): exactly one per
 * member, answered in lower case ({@code will_receive_request}).
 */
public enum Reason {
  /** Eligible: asked in this send when {@code sendNow}, otherwise when their turn comes. */
  WILL_RECEIVE_REQUEST,
  HAS_PENDING,
  HAS_ACCEPTED,
  HAS_DECLINED,
  TIMED_OUT,
  NO_LOCAL_RESIDENCE,
  INACTIVE,
  /** Has a request for another need of the project, or is chosen for an earlier need now. */
  ASKED_FOR_OTHER_NEED,
  /** Under {@code smart}, ranks better (or equal, on a more senior position) on another need. */
  SMART_CONFLICT,
  /** Accepted in another project of the same ISO week; skipped only under {@code skip}. */
  BUSY_SAME_WEEK;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
