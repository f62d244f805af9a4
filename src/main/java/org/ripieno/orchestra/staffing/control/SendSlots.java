package org.ripieno.orchestra.staffing.control;

import java.time.Duration;

/**
 * Whether a message goes now or its orchestra comes back for it, by how far ahead its channel's
 * next send slot is ({@code ripieno.mail.rate}). A worker never sleeps for a slot: the run stops
 * delivering the channel and the orchestra is due again when the slot is free, so the worker runs
 * other orchestras meanwhile. Only a slot a few milliseconds ahead is waited for, as coming back
 * costs a run (a claim at central and the orchestra's queries), far more than the wait.
 */
public final class SendSlots {

  /** The longest wait for a slot that is slept rather than come back for. */
  public static final Duration SHORT_WAIT = Duration.ofMillis(10);

  private SendSlots() {}

  /**
   * @param untilFree how long until the channel's next free slot (zero or negative: free now)
   * @return whether to take the slot and send now (after at most {@link #SHORT_WAIT})
   */
  public static boolean sendsNow(Duration untilFree) {
    return untilFree.compareTo(SHORT_WAIT) <= 0;
  }
}
