package org.ripieno.orchestra.projects.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The values of {@code ProjectNeed.status}: {@code active} asks, {@code paused} waits, {@code
 * completed} is done (filled, or closed by hand), {@code archived} is kept for its history.
 */
public enum NeedStatus {
  ACTIVE,
  PAUSED,
  COMPLETED,
  ARCHIVED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NeedStatus> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
  }
}
