package org.ripieno.orchestra.staffing.control;

import java.util.Locale;

/**
 * The setting {@code same_week_conflicts}: a musician who accepted in another project of the same
 * ISO week is flagged ({@code warn}, the default) or not asked ({@code skip}).
 */
public enum SameWeekConflicts {
  WARN,
  SKIP;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored value; absent or unknown is {@code warn}. */
  public static SameWeekConflicts of(String value) {
    return "skip".equals(value) ? SKIP : WARN;
  }
}
