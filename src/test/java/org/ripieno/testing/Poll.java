package org.ripieno.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits for something the application does in the background (sending, delivering, a timer) by
 * asking again and again, so a test waits only as long as it must instead of sleeping.
 */
public final class Poll {

  private static final Duration EVERY = Duration.ofMillis(200);

  private Poll() {}

  /** A condition that may read the database or the mail server. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Asks every 200 ms until the condition holds; fails the test if it does not within the time. */
  public static void until(Duration within, Condition condition) throws Exception {
    until(within, EVERY, condition);
  }

  /**
   * Asks at the given interval until the condition holds; fails the test if it does not in time.
   */
  public static void until(Duration within, Duration every, Condition condition) throws Exception {
    Instant end = Instant.now().plus(within);
    while (!condition.holds()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("Not within " + within);
      }
      Thread.sleep(every.toMillis());
    }
  }
}
