package org.ripieno.orchestra.staffing.control;

import java.util.Arrays;
import java.util.Locale;

/**
 * The setting {@code ranking_conflict_strategy}: what happens to a musician on the lists of several
 * needs of one project (legacy-system.md §3.10). {@code simple} and {@code detailed} select alike
 * (the first need in instrument and position order asks first); {@code smart} keeps the musician
 * for the need where they rank best.
 */
public enum ConflictStrategy {
  SIMPLE,
  DETAILED,
  SMART;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored value; absent or unknown is {@code simple}, the legacy default. */
  public static ConflictStrategy of(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst().orElse(SIMPLE);
  }
}
