package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Plan;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.orchestra.staffing.entity.RequestToken;
import org.ripieno.security.tokens.ResponseTokens;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * Sends what {@link RecipientSelection} decides, the same selection the preview shows. The needs
 * are locked ({@code SELECT ... FOR UPDATE}, in id order) for the whole transaction, so a send, an
 * answer and a change of the need never interleave. Each request gets its {@code REQ###} code, a
 * token {@code <orchestra id>.<secret>} valid for the need's response time, a {@code request_sent}
 * log entry and its mail in the outbox, all in one transaction.
 */
@ApplicationScoped
public class Dispatch {

  private static final int DEFAULT_RESPONSE_HOURS = 24;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject CurrentOrchestra current;
  @Inject Projects projects;
  @Inject NeedLocks locks;
  @Inject SelectionLoader loader;
  @Inject IdCodes codes;
  @Inject RequestMessages messages;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** What the audit row of a send keeps: the need sent (null: the whole project) and the codes. */
  public record SendSnapshot(Integer projectId, Integer needId, List<String> requests) {}

  /**
   * Sends one need, or every need of the project when {@code needId} is null.
   *
   * @throws ProblemException 404 for an unknown need, 409 for a single need that is not active
   */
  @OrchestraTransactional
  public List<SentRequest> send(int projectId, Integer needId) {
    Project project = projects.find(projectId);
    Map<Integer, ProjectNeed> needs =
        locks.ofProject(project.getId()).stream()
            .collect(Collectors.toMap(ProjectNeed::getId, Function.identity()));
    Instant now = clock.instant();
    if (needId == null) {
      List<SentRequest> sent = new ArrayList<>();
      for (Plan plan : RecipientSelection.forProject(loader.load(project).input())) {
        sent.addAll(issue(needs.get(plan.needId()), plan.recipients(), now));
      }
      return audited(project.getId(), null, sent);
    }
    ProjectNeed need = needs.get(needId);
    if (need == null) {
      throw NeedRules.noSuchNeed(needId);
    }
    if (need.needStatus() != NeedStatus.ACTIVE) {
      throw ProblemException.conflict(
          "The need {0} is {1}: only an active need is sent.",
          "Behovet {0} är {1}: bara ett aktivt behov skickas.",
          need.getProjectNeedId(),
          need.needStatus().value());
    }
    return audited(
        project.getId(),
        needId,
        issue(
            need,
            RecipientSelection.forNeed(loader.load(project).input(), needId).recipients(),
            now));
  }

  /**
   * One audit row per send the admin makes (entity {@code Project}, or {@code ProjectNeed} for one
   * need), also when it asked nobody: the row says the send was made. Replacements sent by an
   * answer or a timeout are not audited here: they follow from the answer.
   */
  private List<SentRequest> audited(int projectId, Integer needId, List<SentRequest> sent) {
    audit.record(
        AuditTrail.Action.SEND,
        needId == null ? "Project" : "ProjectNeed",
        needId == null ? projectId : needId,
        null,
        new SendSnapshot(projectId, needId, sent.stream().map(SentRequest::requestId).toList()));
    return sent;
  }

  /**
   * Runs the selection again for a need its caller has locked, after a decline or a timeout; the
   * selection sends nothing unless the need is active and its strategy wants more.
   */
  List<SentRequest> refill(ProjectNeed need, Instant now) {
    orchestra.flush();
    Project project = orchestra.find(Project.class, need.getProjectId());
    Plan plan = RecipientSelection.forNeed(loader.load(project).input(), need.getId());
    return issue(need, plan.recipients(), now);
  }

  private List<SentRequest> issue(ProjectNeed need, List<Integer> musicians, Instant now) {
    List<SentRequest> sent = new ArrayList<>();
    Duration lifetime =
        Duration.ofHours(
            need.getResponseTimeHours() == null
                ? DEFAULT_RESPONSE_HOURS
                : need.getResponseTimeHours());
    String orchestraId = current.require().orchestraId();
    for (Integer musician : musicians) {
      Request request = Request.pending(codes.next(CodeType.REQUEST), need.getId(), musician, now);
      orchestra.persist(request);
      orchestra.flush();
      orchestra.persist(
          RequestToken.issue(
              ResponseTokens.newToken(orchestraId), request, now, now.plus(lifetime)));
      messages.enqueue(OutboxMessage.Kind.REQUEST, request, now);
      sent.add(SentRequest.of(request));
    }
    return sent;
  }
}
