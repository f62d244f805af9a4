package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;

/**
 * The outbox's delivery state, each change its own short transaction. Messages are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so of several instances each message goes to one; one taken but
 * never finished (its instance died) is taken again once its lease has run out.
 */
@ApplicationScoped
public class OutboxStore {

  /** How long a taken message is left to its instance before another may take it. */
  static final Duration LEASE = Duration.ofMinutes(10);

  /** Attempts before a message is given up ({@code failed}, visible at {@code /messages}). */
  static final int MAX_ATTEMPTS = 8;

  @Inject @OrchestraData EntityManager orchestra;

  /** Takes up to {@code max} due messages, oldest first. */
  @OrchestraTransactional
  public List<OutboxMessage> claim(Instant now, int max) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        orchestra
            .createNativeQuery(
                "SELECT id FROM \"OutboxMessage\" WHERE status IN ('queued', 'sending')"
                    + " AND \"nextAttemptAt\" <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .setParameter(2, max)
            .getResultList();
    List<OutboxMessage> taken =
        ids.stream().map(id -> orchestra.find(OutboxMessage.class, id.intValue())).toList();
    taken.forEach(message -> message.claim(now.plus(LEASE)));
    return taken;
  }

  @OrchestraTransactional
  public void delivered(int id, Instant now) {
    orchestra.find(OutboxMessage.class, id).delivered(now);
  }

  @OrchestraTransactional
  public void failed(int id, Instant now, String error) {
    OutboxMessage message = orchestra.find(OutboxMessage.class, id);
    message.attemptFailed(error, retryAt(message.getAttempts(), now));
  }

  /**
   * When to try again after the given attempt: 1, 2, 4, ... minutes, at most an hour; none after
   * {@link #MAX_ATTEMPTS}.
   */
  static Instant retryAt(int attempts, Instant now) {
    if (attempts >= MAX_ATTEMPTS) {
      return null;
    }
    long minutes = Math.min(60, 1L << Math.max(0, attempts - 1));
    return now.plus(Duration.ofMinutes(minutes));
  }
}
