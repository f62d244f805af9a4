package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;

/**
 * The outbox's delivery state, each change its own short transaction. Messages are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so of several instances each message goes to one; one taken but
 * never finished (its instance died) is taken again once its lease ({@link MessageLeases}) has run
 * out.
 */
@ApplicationScoped
public class OutboxStore {

  /** Attempts before a message is given up ({@code failed}, visible at {@code /messages}). */
  static final int MAX_ATTEMPTS = 8;

  /** The default pause after a first failed attempt ({@code ripieno.mail.backoff}). */
  public static final Duration BACKOFF = Duration.ofMinutes(1);

  @Inject @OrchestraData EntityManager orchestra;

  /**
   * Takes the oldest due message of the given channels, leased, with a send slot of its channel's
   * rate ({@code spacing} apart, shared by all instances), in one transaction: a message is only
   * taken together with its slot. When the channel's next free slot is further ahead than {@link
   * SendSlots#SHORT_WAIT}, neither is taken: the message stays queued, untouched, and the answer
   * says when the slot is free, so that the caller comes back then instead of waiting for it.
   */
  @OrchestraTransactional
  public Next takeNext(Instant now, Set<String> channels, MessageLeases leases, Duration spacing) {
    if (channels.isEmpty()) {
      return Next.NONE;
    }
    @SuppressWarnings("unchecked")
    List<Number> ids =
        orchestra
            .createNativeQuery(
                "SELECT id FROM \"OutboxMessage\" WHERE status IN ('queued', 'sending')"
                    + " AND \"nextAttemptAt\" <= ? AND channel = ANY (string_to_array(?, ','))"
                    + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .setParameter(2, String.join(",", channels))
            .getResultList();
    if (ids.isEmpty()) {
      return Next.NONE;
    }
    OutboxMessage message = orchestra.find(OutboxMessage.class, ids.get(0).intValue());
    Duration wait = Duration.ZERO;
    if (!spacing.isZero() && !spacing.isNegative()) {
      Duration untilFree = nextSlot(message.getChannel());
      if (!SendSlots.sendsNow(untilFree)) {
        return new Next(null, message.getChannel(), untilFree);
      }
      takeSlot(message.getChannel(), spacing);
      wait = untilFree.isNegative() ? Duration.ZERO : untilFree;
    }
    message.claim(now.plus(leases.of(message.getChannel())));
    return new Next(message, message.getChannel(), wait);
  }

  /**
   * What {@link #takeNext} found.
   *
   * @param message the message taken with its slot; null when none was due, or when its channel's
   *     slot is ahead
   * @param channel the message's channel (null when none was due)
   * @param slotIn with a message: how long until its slot (at most {@link SendSlots#SHORT_WAIT});
   *     without: how long until the channel's next free slot
   */
  public record Next(OutboxMessage message, String channel, Duration slotIn) {
    static final Next NONE = new Next(null, null, Duration.ZERO);

    /** Whether a message is due but its channel's next send slot is ahead. */
    public boolean slotAhead() {
      return message == null && channel != null;
    }
  }

  /**
   * How long until the channel's next free send slot (negative or zero: free now), its row locked
   * for the rest of the transaction: the row lock orders the instances taking slots. The database's
   * clock decides, so instances with drifting clocks agree; a channel never used is free now.
   */
  private Duration nextSlot(String channel) {
    Number untilMillis =
        (Number)
            orchestra
                .createNativeQuery(
                    "INSERT INTO \"MessageRate\" AS r (channel, \"nextSlotAt\") VALUES (?,"
                        + " clock_timestamp() AT TIME ZONE 'UTC') ON CONFLICT (channel) DO UPDATE"
                        + " SET \"nextSlotAt\" = r.\"nextSlotAt\" RETURNING CAST(EXTRACT(EPOCH"
                        + " FROM (r.\"nextSlotAt\" - (clock_timestamp() AT TIME ZONE 'UTC')))"
                        + " * 1000 AS BIGINT)")
                .setParameter(1, channel)
                .getSingleResult();
    return Duration.ofMillis(untilMillis.longValue());
  }

  /** Takes the channel's next free slot (its row locked by {@link #nextSlot}): moves it on. */
  private void takeSlot(String channel, Duration spacing) {
    orchestra
        .createNativeQuery(
            "UPDATE \"MessageRate\" SET \"nextSlotAt\" = GREATEST(\"nextSlotAt\","
                + " clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ?)"
                + " WHERE channel = ?")
        .setParameter(1, spacing.toNanos() / 1e9)
        .setParameter(2, channel)
        .executeUpdate();
  }

  /**
   * Renews the lease of a message this instance took, just before its send: to {@code until}, while
   * it is still this taking (its {@code attempts} unchanged, still {@code sending}).
   *
   * @return false when the lease ran out and another instance took the message meanwhile, or an
   *     admin cancelled it: it is then not to be sent here
   */
  @OrchestraTransactional
  public boolean renew(OutboxMessage taken, Instant until) {
    return orchestra
            .createNativeQuery(
                "UPDATE \"OutboxMessage\" SET \"nextAttemptAt\" = ? WHERE id = ? AND status ="
                    + " 'sending' AND attempts = ?")
            .setParameter(1, LocalDateTime.ofInstant(until, ZoneOffset.UTC))
            .setParameter(2, taken.getId())
            .setParameter(3, taken.getAttempts())
            .executeUpdate()
        == 1;
  }

  @OrchestraTransactional
  public void delivered(int id, Instant now, String text) {
    orchestra.find(OutboxMessage.class, id).delivered(now, text);
  }

  /**
   * Records a failed attempt: queued again after the backoff, or {@code failed} for good after the
   * last attempt or at once when the failure is permanent (a refused address).
   *
   * @return whether the message has now failed for good
   */
  @OrchestraTransactional
  public boolean failed(int id, Instant now, String error, boolean permanent, Duration backoff) {
    OutboxMessage message = orchestra.find(OutboxMessage.class, id);
    message.attemptFailed(error, permanent ? null : retryAt(message.getAttempts(), now, backoff));
    return OutboxMessage.FAILED.equals(message.getStatus());
  }

  /**
   * Gives up the due SMS of an orchestra that no longer has a complete SMS account (it was removed
   * after they were enqueued): {@code failed}, for an admin to retry once it is back, instead of
   * waiting forever and keeping the orchestra due.
   *
   * @return how many
   */
  @OrchestraTransactional
  public int failSmsWithoutAccount(Instant now) {
    return orchestra
        .createNativeQuery(
            "UPDATE \"OutboxMessage\" SET status = 'failed', \"lastError\" = ?"
                + " WHERE channel = 'sms' AND status = 'queued' AND \"nextAttemptAt\" <= ?")
        .setParameter(1, "The orchestra has no complete SMS account.")
        .setParameter(2, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
        .executeUpdate();
  }

  /**
   * Empties the text of messages sent before {@code before}; the rows and their status stay.
   *
   * @return how many were emptied
   */
  @OrchestraTransactional
  public int purgeBodies(Instant before, Instant now) {
    return orchestra
        .createNativeQuery(
            "UPDATE \"OutboxMessage\" SET body = NULL, \"bodyPurgedAt\" = ?"
                + " WHERE body IS NOT NULL AND \"sentAt\" < ?")
        .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
        .setParameter(2, LocalDateTime.ofInstant(before, ZoneOffset.UTC))
        .executeUpdate();
  }

  /**
   * When to try again after the given attempt: {@code backoff}, twice that, four times, ... at most
   * sixty times {@code backoff} (an hour by default); none after {@link #MAX_ATTEMPTS}.
   */
  static Instant retryAt(int attempts, Instant now, Duration backoff) {
    if (attempts >= MAX_ATTEMPTS) {
      return null;
    }
    long factor = Math.min(60, 1L << Math.max(0, attempts - 1));
    return now.plus(backoff.multipliedBy(factor));
  }
}
