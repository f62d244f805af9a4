package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
    // The run's persistence context may hold the message as an earlier taking of this run left it,
    // while another instance or an admin changed it since: its attempts must be the row's, since
    // they tell this taking from any other (renew, delivered, failed).
    orchestra.refresh(message);
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
   * it is still this taking (its {@code attempts} unchanged, still {@code sending}: {@link
   * #stillTaken}).
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

  /**
   * Records that the send of a message this instance took went out: {@code sent}, with the text as
   * sent, while the message is still this taking ({@link #afterSent}). Never throws for a message
   * that is no longer this instance's: the answer says so, and nothing is written.
   */
  @OrchestraTransactional
  public Recorded delivered(OutboxMessage taken, Instant now, String text) {
    // Read before lockedNow: the run's persistence context holds the taken message itself, which
    // the refresh there overwrites with the row as it is now.
    int takenAttempts = taken.getAttempts();
    Optional<OutboxMessage> message = lockedNow(taken.getId());
    Recorded recorded =
        message
            .map(m -> afterSent(m.getStatus(), m.getAttempts(), takenAttempts))
            .orElse(Recorded.NOT_OURS);
    if (recorded.sent()) {
      message.get().delivered(now, text);
    }
    return recorded;
  }

  /**
   * Records a failed attempt of a message this instance took, while it is still this taking ({@link
   * #afterFailure}): queued again after the backoff, or {@code failed} for good after the last
   * attempt or at once when the failure is permanent (a refused address). Never throws for a
   * message that is no longer this instance's: the answer says so, and nothing is written.
   */
  @OrchestraTransactional
  public Recorded failed(
      OutboxMessage taken, Instant now, String error, boolean permanent, Duration backoff) {
    int takenAttempts = taken.getAttempts();
    Instant retryAt = permanent ? null : retryAt(takenAttempts, now, backoff);
    Optional<OutboxMessage> message = lockedNow(taken.getId());
    Recorded recorded =
        message
            .map(m -> afterFailure(m.getStatus(), m.getAttempts(), takenAttempts, retryAt))
            .orElse(Recorded.NOT_OURS);
    if (recorded != Recorded.NOT_OURS) {
      message.get().attemptFailed(error, retryAt);
    }
    return recorded;
  }

  /**
   * The message as the database holds it now, its row locked until the transaction ends, so that no
   * cancel or taking comes between the check and the record; empty when the row is gone (with its
   * request).
   */
  private Optional<OutboxMessage> lockedNow(int id) {
    List<?> row =
        orchestra
            .createNativeQuery("SELECT id FROM \"OutboxMessage\" WHERE id = ? FOR UPDATE")
            .setParameter(1, id)
            .getResultList();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    OutboxMessage message = orchestra.find(OutboxMessage.class, id);
    // The run's persistence context holds the message as this taking left it.
    orchestra.refresh(message);
    return Optional.of(message);
  }

  /** What became of the outcome of a send when it was recorded. */
  public enum Recorded {
    /** The message was still this taking: now {@code sent}. */
    SENT,
    /**
     * Cancelled by an admin while its send was in flight: {@code sent} all the same, since it left
     * ({@link #afterSent} says why).
     */
    SENT_THOUGH_CANCELLED,
    /** The message was still this taking: queued again for a later attempt. */
    QUEUED_AGAIN,
    /** The message was still this taking: {@code failed} for good. */
    FAILED_FOR_GOOD,
    /**
     * No longer this taking: another instance took the message again after this one's lease ran
     * out, an admin cancelled it (and this send failed), it was sent or given up by another taking,
     * or it is gone. Nothing was written: its state is left to whoever holds it now.
     */
    NOT_OURS;

    /** Whether the message is now recorded as sent. */
    public boolean sent() {
      return this == SENT || this == SENT_THOUGH_CANCELLED;
    }
  }

  /**
   * Whether a message is still the taking that counted {@code takenAttempts}: still {@code
   * sending}, and not taken since (each taking counts one more attempt). The rule of {@link
   * #renew}, {@link #delivered} and {@link #failed}.
   */
  static boolean stillTaken(String status, int attempts, int takenAttempts) {
    return OutboxMessage.SENDING.equals(status) && attempts == takenAttempts;
  }

  /**
   * What a send that went out records, given the message as it is now. Still this taking: {@code
   * sent}. Cancelled meanwhile: {@code sent} as well. A send in flight is never cancelled (a cancel
   * withdraws only {@code queued} messages), so the message was queued again behind this send's
   * back (its lease ran out, and another taking failed) and then cancelled; but the mail or SMS did
   * leave, and {@code cancelled} says "never delivered": the musician has it, so /messages must say
   * so, with {@code sentAt} and the text. Cancelled is final, so no newer taking is overwritten.
   * Anything else (taken again and in flight, sent, failed, queued by a newer taking) belongs to a
   * newer taking, which records its own outcome: nothing is written.
   */
  static Recorded afterSent(String status, int attempts, int takenAttempts) {
    if (stillTaken(status, attempts, takenAttempts)) {
      return Recorded.SENT;
    }
    return OutboxMessage.CANCELLED.equals(status)
        ? Recorded.SENT_THOUGH_CANCELLED
        : Recorded.NOT_OURS;
  }

  /**
   * What a failed attempt records, given the message as it is now: while it is still this taking,
   * queued again for {@code retryAt}, or failed for good without one; otherwise nothing, so that a
   * cancelled message stays cancelled and a newer taking's state stands.
   */
  static Recorded afterFailure(String status, int attempts, int takenAttempts, Instant retryAt) {
    if (!stillTaken(status, attempts, takenAttempts)) {
      return Recorded.NOT_OURS;
    }
    return retryAt == null ? Recorded.FAILED_FOR_GOOD : Recorded.QUEUED_AGAIN;
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
