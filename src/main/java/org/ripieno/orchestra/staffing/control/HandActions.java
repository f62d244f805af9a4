package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.orchestra.staffing.entity.RequestToken;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * What a manager does by hand (rules in {@link HandRules}): records an answer given by phone,
 * withdraws a musician who accepted and dropped out, cancels a pending request, sends a request's
 * link again, cancels a whole project. Each runs in one transaction under the lock on the need (the
 * project's needs, in id order, for a project), as an answer through the link does, so it never
 * interleaves with an answer, a timeout or a send; each writes one audit row; a refusal writes
 * nothing.
 */
@ApplicationScoped
public class HandActions {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject NeedLocks locks;
  @Inject StaffingQueries queries;
  @Inject Answers answers;
  @Inject Dispatch dispatch;
  @Inject RequestMessages messages;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /**
   * A request after a hand action.
   *
   * @param id the request's integer id
   * @param requestId its code ({@code REQ###})
   * @param needStatus the need's status afterwards
   * @param sent the replacements the action sent
   */
  public record Handled(
      Integer id,
      String requestId,
      Integer needId,
      Integer musicianId,
      String status,
      Instant respondedAt,
      String needStatus,
      List<SentRequest> sent) {}

  /** A project after its cancellation. */
  public record Cancelled(
      Integer projectId, List<String> cancelledRequests, List<ProjectPause.NeedState> needs) {}

  /** What the audit row keeps of a request. */
  public record RequestSnapshot(
      String requestId,
      Integer needId,
      Integer musicianId,
      String status,
      Instant respondedAt,
      String needStatus,
      String note) {}

  /** What the audit row keeps of a project's staffing. */
  public record ProjectSnapshot(List<ProjectPause.NeedState> needs, List<String> pendingRequests) {}

  /**
   * An answer given by phone, taken as the link would take it, logged {@code response_recorded}.
   */
  @OrchestraTransactional
  public Handled answer(int projectId, int requestId, boolean accepted, String note) {
    String kept = HandRules.note(note);
    Locked locked = lock(projectId, requestId);
    Request request = locked.request();
    ProjectNeed need = locked.need();
    Optional<RequestToken> token = newestToken(request.getId());
    Instant now = clock.instant();
    AnswerRules.Situation situation = answers.situation(need);
    HandRules.answerable(
        request.getRequestId(),
        request.getStatus(),
        token.map(t -> t.hasExpired(now)).orElse(false),
        accepted,
        need.getProjectNeedId(),
        situation.acceptedBefore(),
        situation.quantity());
    RequestSnapshot before = snapshot(request, need, null);
    // The link now says the request was answered (409), as after the musician's own answer.
    token.filter(t -> !t.isUsed()).ifPresent(t -> t.use(now));
    AnswerRules.Decision decision =
        accepted ? AnswerRules.accept(situation) : AnswerRules.decline(situation);
    List<SentRequest> sent =
        answers.take(need, request, accepted, decision, RequestMessages.RESPONSE_RECORDED, now);
    return audited(AuditTrail.Action.ANSWER, before, request, need, kept, sent);
  }

  /**
   * An accepted musician who dropped out: the request becomes {@code declined}, a completed need
   * reopens, and the replacement goes out as after a decline (not while the need is paused or
   * archived).
   */
  @OrchestraTransactional
  public Handled withdraw(int projectId, int requestId) {
    Locked locked = lock(projectId, requestId);
    Request request = locked.request();
    ProjectNeed need = locked.need();
    HandRules.withdrawable(request.getRequestId(), request.getStatus());
    Instant now = clock.instant();
    RequestSnapshot before = snapshot(request, need, null);
    request.withdraw(now);
    messages.log(request, RequestMessages.REQUEST_WITHDRAWN, now);
    orchestra.flush();
    AnswerRules.Situation situation = answers.situation(need);
    if (HandRules.reopens(need.needStatus(), need.getQuantity(), situation.acceptedBefore())) {
      need.reopen();
      situation = answers.situation(need);
    }
    List<SentRequest> sent =
        AnswerRules.decline(situation).refill() ? dispatch.refill(need, now) : List.of();
    return audited(AuditTrail.Action.WITHDRAW, before, request, need, null, sent);
  }

  /**
   * A pending request withdrawn by the orchestra: {@code cancelled} (the musician is not excluded
   * from the project), its link answers 410, its mails still waiting are withdrawn and the musician
   * is told by mail if the request had reached them. Nothing is sent in its place: the next send
   * may ask the same musician again.
   */
  @OrchestraTransactional
  public Handled cancel(int projectId, int requestId) {
    Locked locked = lock(projectId, requestId);
    Request request = locked.request();
    HandRules.cancellable(request.getRequestId(), request.getStatus());
    Instant now = clock.instant();
    RequestSnapshot before = snapshot(request, locked.need(), null);
    cancelAndTell(request, now);
    return audited(AuditTrail.Action.CANCEL, before, request, locked.need(), null, List.of());
  }

  /** The request's mail once more, with the same link; logged {@code request_resent}. */
  @OrchestraTransactional
  public Handled resend(int projectId, int requestId) {
    Locked locked = lock(projectId, requestId);
    Request request = locked.request();
    Instant now = clock.instant();
    HandRules.resendable(
        request.getRequestId(),
        request.getStatus(),
        newestToken(request.getId()).map(t -> t.hasExpired(now)).orElse(false));
    RequestSnapshot before = snapshot(request, locked.need(), null);
    messages.enqueue(OutboxMessage.Kind.REQUEST, request, now, RequestMessages.REQUEST_RESENT);
    return audited(AuditTrail.Action.RESEND, before, request, locked.need(), null, List.of());
  }

  /**
   * Cancels a project's staffing: every pending request cancelled and its musician told, every
   * active or paused need archived, so neither an answer, a timeout nor a send asks anyone for it
   * again. Accepted musicians and completed needs stay as they are. A second call is 409.
   */
  @OrchestraTransactional
  public Cancelled cancelProject(int projectId) {
    Project project = projects.find(projectId);
    List<ProjectNeed> needs = locks.ofProject(project.getId());
    List<Request> pending = new ArrayList<>();
    int open = 0;
    for (ProjectNeed need : needs) {
      pending.addAll(answers.pendingOf(need.getId()));
      if (HandRules.closedWithProject(need.needStatus())) {
        open++;
      }
    }
    HandRules.projectCancellable(project.getProjectId(), open, pending.size());
    Instant now = clock.instant();
    ProjectSnapshot before =
        new ProjectSnapshot(states(needs), pending.stream().map(Request::getRequestId).toList());
    for (Request request : pending) {
      cancelAndTell(request, now);
    }
    for (ProjectNeed need : needs) {
      if (HandRules.closedWithProject(need.needStatus())) {
        need.become(NeedStatus.ARCHIVED, now);
      }
    }
    orchestra.flush();
    List<String> cancelled = pending.stream().map(Request::getRequestId).toList();
    audit.record(
        AuditTrail.Action.CANCEL,
        "Project",
        project.getId(),
        before,
        new ProjectSnapshot(states(needs), List.of()));
    return new Cancelled(project.getId(), cancelled, states(needs));
  }

  /**
   * Cancels a pending request: its mails still waiting are withdrawn, and the musician is told
   * unless their request mail had not left yet (they never knew of it).
   */
  private void cancelAndTell(Request request, Instant now) {
    request.cancel(now);
    messages.log(request, RequestMessages.REQUEST_CANCELLED, now);
    if (messages.withdrawUndelivered(request)) {
      messages.enqueue(OutboxMessage.Kind.REQUEST_CANCELLED, request, now);
    }
  }

  private Handled audited(
      AuditTrail.Action action,
      RequestSnapshot before,
      Request request,
      ProjectNeed need,
      String note,
      List<SentRequest> sent) {
    orchestra.flush();
    audit.record(action, "Request", request.getId(), before, snapshot(request, need, note));
    return new Handled(
        request.getId(),
        request.getRequestId(),
        request.getProjectNeedId(),
        request.getMusicianId(),
        request.getStatus(),
        request.getRespondedAt(),
        need.getStatus(),
        sent);
  }

  private record Locked(Request request, ProjectNeed need) {}

  /** The request of the project, with its need locked first and the request read after. */
  private Locked lock(int projectId, int requestId) {
    Project project = projects.find(projectId);
    Integer needId =
        orchestra
            .createQuery(
                "SELECT r.projectNeedId FROM Request r JOIN r.projectNeed n WHERE r.id = :id"
                    + " AND n.projectId = :projectId",
                Integer.class)
            .setParameter("id", requestId)
            .setParameter("projectId", project.getId())
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "The project has no request {0}.",
                        "Projektet har ingen förfrågan {0}.", String.valueOf(requestId)));
    ProjectNeed need = locks.one(needId);
    Request request = orchestra.find(Request.class, requestId);
    orchestra.refresh(request);
    return new Locked(request, need);
  }

  /** The link's token: the newest of the request (a legacy request may have none). */
  private Optional<RequestToken> newestToken(int requestId) {
    return orchestra
        .createQuery(
            "SELECT t FROM RequestToken t WHERE t.requestId = :requestId"
                + " ORDER BY t.createdAt DESC",
            RequestToken.class)
        .setParameter("requestId", requestId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private static RequestSnapshot snapshot(Request request, ProjectNeed need, String note) {
    return new RequestSnapshot(
        request.getRequestId(),
        request.getProjectNeedId(),
        request.getMusicianId(),
        request.getStatus(),
        request.getRespondedAt(),
        need.getStatus(),
        note);
  }

  private static List<ProjectPause.NeedState> states(List<ProjectNeed> needs) {
    return needs.stream()
        .map(n -> new ProjectPause.NeedState(n.getId(), n.getProjectNeedId(), n.getStatus()))
        .toList();
  }
}
