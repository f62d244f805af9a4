package org.ripieno.orchestra.staffing.control;

import java.util.Locale;

/** Why a need sends nothing now ({@code nothingToSendBecause} in a preview). */
public enum Hold {
  PAUSED,
  COMPLETED,
  ARCHIVED,
  /** Accepted requests cover the quantity. */
  FILLED,
  /**
   * Pending requests cover the rest: the sequential request or the first_come wave is still open,
   * or parallel has accepted plus pending equal to the quantity.
   */
  AWAITING_ANSWERS,
  /** Places are open but nobody on the list can be asked. */
  NO_CANDIDATES;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
