package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.orchestra.staffing.entity.RequestToken;
import org.ripieno.security.tokens.ResponseTokens;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * A musician's answer through their link (legacy-system.md §3.6 with §3.4 and decisions 7–9), in
 * the orchestra the caller has entered. The answer, the fill check, the cancellations and the
 * replacement all happen under the lock on the need row, in one transaction: of simultaneous
 * accepts, exactly as many as the need still lacks are taken.
 */
@ApplicationScoped
public class Answers {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject NeedLocks locks;
  @Inject StaffingQueries queries;
  @Inject Dispatch dispatch;
  @Inject RequestMessages messages;
  @Inject Clock clock;

  /** How an answer ended. */
  public enum Outcome {
    ACCEPTED,
    DECLINED,
    /** An accept after the need was filled: the request is cancelled, the musician told so. */
    FILLED
  }

  /** The answer as taken, with the musician's language. */
  public record Result(Outcome outcome, String language) {}

  /**
   * What the link shows.
   *
   * @throws ProblemException 404 for a token the orchestra does not know
   * @throws LinkRefused 409 when answered, 410 when expired or no longer pending
   */
  public ResponseDetails details(String token) {
    RequestToken stored =
        Optional.ofNullable(orchestra.find(RequestToken.class, token))
            .orElseThrow(Answers::unknown);
    ResponseDetails details =
        ResponseDetails.of(queries.requestFacts(stored.getRequestId()), stored.getExpiresAt());
    refusal(stored, details.status())
        .ifPresent(
            r -> {
              throw LinkRefused.of(r, details.language());
            });
    return details;
  }

  /**
   * Takes the answer.
   *
   * @throws ProblemException 404 for a token the orchestra does not know
   * @throws LinkRefused 409 when answered, 410 when expired or no longer pending
   */
  @OrchestraTransactional
  public Result answer(String token, boolean accepted) {
    Integer needId = needOf(token).orElseThrow(Answers::unknown);
    // The lock comes first; everything after it is read as the previous answer left it.
    ProjectNeed need = locks.one(needId);
    RequestToken stored = orchestra.find(RequestToken.class, token);
    Request request = orchestra.find(Request.class, stored.getRequestId());
    String language =
        MusicianLanguage.of(
            orchestra.find(Musician.class, request.getMusicianId()).getPreferredLanguage());
    Optional<AnswerRules.Refusal> refusal = refusal(stored, request.getStatus());
    if (refusal.isPresent()) {
      throw LinkRefused.of(refusal.get(), language);
    }
    Instant now = clock.instant();
    AnswerRules.Situation situation = situation(need);
    AnswerRules.Decision decision =
        accepted ? AnswerRules.accept(situation) : AnswerRules.decline(situation);
    if (!decision.taken()) {
      // The token stays unused: the link goes on saying the position was filled (410).
      request.cancel(now);
      messages.log(request, RequestMessages.RESPONSE_RECEIVED, now);
      messages.enqueue(OutboxMessage.Kind.POSITION_FILLED, request, now);
      return new Result(Outcome.FILLED, language);
    }
    stored.use(now);
    take(need, request, accepted, decision, RequestMessages.RESPONSE_RECEIVED, now);
    return new Result(accepted ? Outcome.ACCEPTED : Outcome.DECLINED, language);
  }

  /** The need as an answer finds it; the caller holds its lock. */
  AnswerRules.Situation situation(ProjectNeed need) {
    return new AnswerRules.Situation(
        RequestStrategy.of(need.getRequestStrategy()).orElse(RequestStrategy.SEQUENTIAL),
        need.needStatus(),
        need.getQuantity(),
        queries.acceptedCount(need.getId()));
  }

  /**
   * Takes a decided answer (the caller holds the need's lock and has checked the request is
   * pending), whether it came through the link or a manager recorded it: the request answered and
   * logged as {@code logType}, the confirmation, the fill with its cancellations, the replacement.
   *
   * @return the replacement's requests
   */
  List<SentRequest> take(
      ProjectNeed need,
      Request request,
      boolean accepted,
      AnswerRules.Decision decision,
      String logType,
      Instant now) {
    request.answer(accepted, now);
    messages.log(request, logType, now);
    if (accepted) {
      request.confirmationQueued();
      messages.enqueue(OutboxMessage.Kind.CONFIRMATION, request, now);
    }
    if (decision.complete()) {
      need.become(NeedStatus.COMPLETED, now);
    }
    if (decision.cancelOthers()) {
      for (Request other : pendingOf(need.getId())) {
        other.cancel(now);
        messages.enqueue(OutboxMessage.Kind.POSITION_FILLED, other, now);
      }
    }
    return decision.refill() ? dispatch.refill(need, now) : List.of();
  }

  private Optional<AnswerRules.Refusal> refusal(RequestToken token, String status) {
    return AnswerRules.refusal(
        status,
        token.isUsed(),
        token.hasExpired(clock.instant()),
        RequestStatus.CANCELLED.equals(status) && filledNoticeSent(token.getRequestId()));
  }

  private Optional<Integer> needOf(String token) {
    return orchestra
        .createQuery(
            "SELECT r.projectNeedId FROM RequestToken t JOIN t.request r WHERE t.token = :token",
            Integer.class)
        .setParameter("token", token)
        .getResultStream()
        .findFirst();
  }

  List<Request> pendingOf(int needId) {
    return orchestra
        .createQuery(
            "SELECT r FROM Request r WHERE r.projectNeedId = :needId AND r.status = 'pending'"
                + " ORDER BY r.id",
            Request.class)
        .setParameter("needId", needId)
        .getResultList();
  }

  private boolean filledNoticeSent(int requestId) {
    return orchestra
            .createQuery(
                "SELECT COUNT(c) FROM CommunicationLog c WHERE c.requestId = :requestId"
                    + " AND c.type = :type",
                Long.class)
            .setParameter("requestId", requestId)
            .setParameter("type", RequestMessages.POSITION_FILLED_SENT)
            .getSingleResult()
        > 0;
  }

  /** A token this orchestra does not know, in the same words as a link to no orchestra. */
  private static ProblemException unknown() {
    return ProblemException.notFound(
        ResponseTokens.UNKNOWN_LINK.english(), ResponseTokens.UNKNOWN_LINK.swedish());
  }
}
