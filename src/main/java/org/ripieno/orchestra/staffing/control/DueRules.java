package org.ripieno.orchestra.staffing.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When an orchestra next has staffing work, by the same rules {@link StaffingTimers} and {@link
 * OutboxStore} take work by: a queued (or leased) message at its next attempt, a pending request's
 * one reminder at {@code reminder_percentage} of its response time, its timeout at the end of it; a
 * message whose channel's send slot is ahead not before that slot.
 */
public final class DueRules {

  private DueRules() {}

  /**
   * A pending request as the timers see it.
   *
   * @param sentAt null for a row never sent (the timers never take it)
   * @param responseTimeHours the need's, null for the default
   * @param reminded whether its reminder went out already
   */
  public record PendingRequest(Instant sentAt, Integer responseTimeHours, boolean reminded) {}

  /** When the request's reminder is due: responseTime × percentage / 100 after it was sent. */
  public static Instant reminderAt(Instant sentAt, Integer responseTimeHours, int percentage) {
    // hours × percentage / 100 hours = hours × percentage × 36 seconds, as the timers' query.
    return sentAt.plus(Duration.ofSeconds(36L * hours(responseTimeHours) * percentage));
  }

  /** When the request times out: its response time after it was sent. */
  public static Instant timeoutAt(Instant sentAt, Integer responseTimeHours) {
    return sentAt.plus(Duration.ofHours(hours(responseTimeHours)));
  }

  /**
   * The earliest of everything due, or empty when nothing is.
   *
   * @param nextMessageAt the earliest next attempt of a message still to deliver
   */
  public static Optional<Instant> next(
      Collection<PendingRequest> pending, Optional<Instant> nextMessageAt, int percentage) {
    Stream<Instant> timers =
        pending.stream()
            .filter(request -> request.sentAt() != null)
            .flatMap(
                request ->
                    request.reminded()
                        ? Stream.of(timeoutAt(request.sentAt(), request.responseTimeHours()))
                        : Stream.of(
                            reminderAt(request.sentAt(), request.responseTimeHours(), percentage),
                            timeoutAt(request.sentAt(), request.responseTimeHours())));
    return Stream.concat(timers, nextMessageAt.stream()).min(Instant::compareTo);
  }

  /**
   * When the earliest queued message can go: each channel's earliest next attempt, but not before
   * the channel's next free send slot when a run stopped for it (the run left its messages queued
   * then, and the orchestra comes back at the slot rather than at once, round and round).
   *
   * @param earliestByChannel each channel's earliest next attempt of a message still to deliver
   * @param slotsAhead the channels whose next send slot is ahead, and when it is free
   */
  public static Optional<Instant> nextMessageAt(
      Map<String, Instant> earliestByChannel, Map<String, Instant> slotsAhead) {
    return earliestByChannel.entrySet().stream()
        .map(
            channel -> {
              Instant slot = slotsAhead.get(channel.getKey());
              return slot != null && slot.isAfter(channel.getValue()) ? slot : channel.getValue();
            })
        .min(Instant::compareTo);
  }

  private static int hours(Integer responseTimeHours) {
    return responseTimeHours == null ? NeedRules.DEFAULT_RESPONSE_HOURS : responseTimeHours;
  }
}
