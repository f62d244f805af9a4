package org.ripieno.orchestra.staffing.control;

import java.util.Optional;
import org.ripieno.orchestra.projects.entity.NeedStatus;

/**
 * What a musician's answer does (legacy-system.md §3.4, §3.6; product.md decisions 7–9). Pure: the
 * caller holds the lock on the need and passes the counts read under it.
 */
public final class AnswerRules {

  private AnswerRules() {}

  /** Why a link does not take an answer. */
  public enum Refusal {
    /** Already answered (409). */
    ANSWERED,
    /** Cancelled because the position was filled (410). */
    FILLED,
    /** Timed out, or cancelled for another reason (410). */
    CLOSED,
    /** Past its deadline (410). */
    EXPIRED
  }

  /**
   * Whether a link may still answer.
   *
   * @param requestStatus the request's status
   * @param tokenUsed the token has been used
   * @param expired the deadline has passed
   * @param filledNoticeSent the musician was told the position was filled
   */
  public static Optional<Refusal> refusal(
      String requestStatus, boolean tokenUsed, boolean expired, boolean filledNoticeSent) {
    if (tokenUsed
        || RequestStatus.ACCEPTED.equals(requestStatus)
        || RequestStatus.DECLINED.equals(requestStatus)) {
      return Optional.of(Refusal.ANSWERED);
    }
    if (!RequestStatus.PENDING.equals(requestStatus)) {
      return Optional.of(filledNoticeSent ? Refusal.FILLED : Refusal.CLOSED);
    }
    return expired ? Optional.of(Refusal.EXPIRED) : Optional.empty();
  }

  /**
   * The need as the answer finds it, under its lock.
   *
   * @param acceptedBefore accepted requests of the need before this answer
   */
  public record Situation(
      RequestStrategy strategy, NeedStatus status, int quantity, int acceptedBefore) {}

  /**
   * What follows an answer.
   *
   * @param taken the answer stands; false when an accept came after the need was filled: the
   *     request is cancelled and the musician told the position was filled (decision 9)
   * @param complete the need becomes completed
   * @param cancelOthers the need's other pending requests are cancelled with "position filled"
   * @param refill the selection runs again for the need (it decides how many: one for sequential,
   *     the missing for parallel, a new wave for first_come only when nothing is pending)
   */
  public record Decision(boolean taken, boolean complete, boolean cancelOthers, boolean refill) {}

  public static Decision accept(Situation need) {
    if (need.acceptedBefore() >= need.quantity()) {
      return new Decision(false, false, false, false);
    }
    boolean filled = need.acceptedBefore() + 1 >= need.quantity();
    boolean complete =
        filled && (need.status() == NeedStatus.ACTIVE || need.status() == NeedStatus.PAUSED);
    return new Decision(
        true, complete, filled && need.strategy() == RequestStrategy.FIRST_COME, false);
  }

  /**
   * A decline, and likewise a timeout: a replacement only while the need is active and unfilled.
   */
  public static Decision decline(Situation need) {
    return new Decision(
        true,
        false,
        false,
        need.status() == NeedStatus.ACTIVE && need.acceptedBefore() < need.quantity());
  }
}
