package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;

/**
 * Reminders and timeouts of the current orchestra (legacy-system.md §3.7, §3.8), safe with several
 * instances: a reminder is taken with {@code FOR UPDATE SKIP LOCKED} and stamped in the same
 * transaction, so it is enqueued once; a timeout is taken under the lock on its need, as an answer
 * is, and only while the request is still pending, so it happens once and never beside an answer.
 * Paused needs keep both (the musician's deadline stands); their replacement waits.
 */
@ApplicationScoped
public class StaffingTimers {

  /** The log entry of a timeout (beyond the legacy types; no mail goes to the musician). */
  public static final String TIMED_OUT = "request_timed_out";

  private static final int DEFAULT_REMINDER_PERCENTAGE = 75;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StaffingQueries queries;
  @Inject NeedLocks locks;
  @Inject RequestMessages messages;
  @Inject Dispatch dispatch;

  /**
   * Enqueues the one reminder of each pending request past {@code reminder_percentage} of its
   * response time.
   *
   * @return how many
   */
  @OrchestraTransactional
  public int remind(Instant now) {
    int percentage = reminderPercentage();
    @SuppressWarnings("unchecked")
    List<Number> due =
        orchestra
            .createNativeQuery(
                "SELECT r.id FROM \"Request\" r JOIN \"ProjectNeed\" n ON n.id ="
                    + " r.\"projectNeedId\" WHERE r.status = 'pending' AND r.\"reminderSentAt\""
                    + " IS NULL AND r.\"sentAt\" + COALESCE(n.\"responseTimeHours\", 24) * ?"
                    + " * interval '36 seconds' <= ? ORDER BY r.id FOR UPDATE OF r SKIP LOCKED")
            // responseTimeHours × percentage / 100 hours = hours × percentage × 36 seconds.
            .setParameter(1, percentage)
            .setParameter(2, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .getResultList();
    for (Number id : due) {
      Request request = orchestra.find(Request.class, id.intValue());
      request.remind(now);
      messages.enqueue(OutboxMessage.Kind.REMINDER, request, now);
    }
    return due.size();
  }

  /** The pending requests past their response time, oldest first (read without locks). */
  public List<Integer> dueTimeouts(Instant now) {
    @SuppressWarnings("unchecked")
    List<Number> due =
        orchestra
            .createNativeQuery(
                "SELECT r.id FROM \"Request\" r JOIN \"ProjectNeed\" n ON n.id ="
                    + " r.\"projectNeedId\" WHERE r.status = 'pending' AND r.\"sentAt\" +"
                    + " COALESCE(n.\"responseTimeHours\", 24) * interval '1 hour' <= ?"
                    + " ORDER BY r.id")
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .getResultList();
    return due.stream().map(Number::intValue).toList();
  }

  /**
   * Times one request out under its need's lock, if it is still pending, and sends the replacement
   * a decline would.
   *
   * @return whether it timed out now
   */
  @OrchestraTransactional
  public boolean timeOut(int requestId, Instant now) {
    Integer needId =
        orchestra
            .createQuery("SELECT r.projectNeedId FROM Request r WHERE r.id = :id", Integer.class)
            .setParameter("id", requestId)
            .getSingleResult();
    ProjectNeed need = locks.one(needId);
    Request request = orchestra.find(Request.class, requestId);
    orchestra.refresh(request);
    if (!request.isPending()) {
      return false;
    }
    request.timeOut();
    messages.log(request, TIMED_OUT, now);
    AnswerRules.Decision decision =
        AnswerRules.decline(
            new AnswerRules.Situation(
                RequestStrategy.of(need.getRequestStrategy()).orElse(RequestStrategy.SEQUENTIAL),
                need.needStatus(),
                need.getQuantity(),
                queries.acceptedCount(need.getId())));
    if (decision.refill()) {
      dispatch.refill(need, now);
    }
    return true;
  }

  int reminderPercentage() {
    try {
      int value =
          Integer.parseInt(
              queries
                  .settings()
                  .getOrDefault(
                      CanonicalSeed.REMINDER_PERCENTAGE,
                      String.valueOf(DEFAULT_REMINDER_PERCENTAGE))
                  .trim());
      return value >= 1 && value <= 99 ? value : DEFAULT_REMINDER_PERCENTAGE;
    } catch (NumberFormatException e) {
      return DEFAULT_REMINDER_PERCENTAGE;
    }
  }
}
