package org.ripieno.orchestra.staffing.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a need asks its list (legacy-system.md §3.4), stored as {@code ProjectNeed.requestStrategy}.
 */
public enum RequestStrategy {
  /** One at a time; quantity 1. */
  SEQUENTIAL,
  /** As many at a time as places are open; quantity at least 2. */
  PARALLEL,
  /** A wave of up to {@code maxRecipients}; the first to accept get the places. */
  FIRST_COME;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RequestStrategy> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
  }

  /**
   * How many requests to send now for a need of {@code quantity} with {@code accepted} and {@code
   * pending} requests (§3.3 step D); {@link Integer#MAX_VALUE} stands for "everyone left".
   */
  public int wanted(int quantity, int accepted, int pending, Integer maxRecipients) {
    return switch (this) {
      case SEQUENTIAL -> pending == 0 && accepted < quantity ? 1 : 0;
      case PARALLEL -> Math.max(0, quantity - accepted - pending);
      // Decision 8: a new wave only once the previous one is fully answered.
      case FIRST_COME ->
          pending == 0 && accepted < quantity
              ? (maxRecipients != null && maxRecipients > 0 ? maxRecipients : Integer.MAX_VALUE)
              : 0;
    };
  }
}
