package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.customlists.entity.CustomRankingList;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * A project's needs (legacy-system.md §3.2, §2.4 "Needs"): created with every legacy check and a
 * {@code NEED###} code; quantity never below the accepted musicians; strategy, response time and
 * maxRecipients frozen once a request exists; paused and resumed, completed, archived; deleted, or
 * archived when it has requests. Each change writes one audit row in the same transaction, and a
 * change takes a lock on the need row, as sending will.
 */
@ApplicationScoped
public class Needs {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject StaffingQueries queries;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;
  @Inject Dispatch dispatch;
  @Inject Clock clock;

  public Page<NeedView> list(int projectId, int page, int size) {
    int first = Page.firstRow(page, size);
    Project project = projects.find(projectId);
    List<NeedRow> rows = queries.needs(project.getId());
    Map<Integer, RequestCounts> counts = RequestCounts.byNeed(queries.requests(project.getId()));
    List<NeedView> items =
        rows.stream()
            .skip(first)
            .limit(size)
            .map(row -> NeedView.of(row, counts.getOrDefault(row.id(), RequestCounts.NONE)))
            .toList();
    return new Page<>(items, rows.size(), page, size);
  }

  public NeedView get(int projectId, int needId) {
    projects.find(projectId);
    return view(projectId, needId);
  }

  @OrchestraTransactional
  public NeedView create(int projectId, NeedInput input) {
    Project project = projects.find(projectId);
    RequestStrategy strategy = NeedRules.strategy(input.requestStrategy());
    if (input.positionId() == null) {
      throw ProblemException.badRequest("positionId is required.", "positionId måste anges.");
    }
    if (input.quantity() == null) {
      throw ProblemException.badRequest("quantity is required.", "quantity måste anges.");
    }
    NeedRules.combination(strategy, input.quantity(), input.maxRecipients());
    int hours = NeedRules.responseTime(input.responseTimeHours());
    boolean local = Boolean.TRUE.equals(input.requireLocalResidence());
    Position position = orchestra.find(Position.class, input.positionId());
    if (position == null) {
      throw ProblemException.badRequest(
          "There is no position {0}.",
          "Det finns ingen tjänst {0}.", String.valueOf(input.positionId()));
    }
    if (queries.activeQualified(position.getId()) == 0) {
      throw ProblemException.conflict(
          "No active musician is qualified for {0}.",
          "Ingen aktiv musiker är behörig för {0}.", position.getName());
    }
    NeedRules.oneList(input.rankingListId(), input.customRankingListId());
    List<ListMember> members =
        input.rankingListId() != null
            ? standardListOf(input.rankingListId(), position)
            : customListOf(input.customRankingListId(), project, position);
    ListAvailability availability =
        ListAvailability.of(
            members, ListAvailability.contacted(queries.requests(project.getId())), local);
    if (input.quantity() > availability.availableMusicians()) {
      throw ProblemException.conflict(
          "The quantity ({0}) is higher than the musicians available on the list ({1}).",
          "Antal behov ({0}) är högre än tillgängliga musiker ({1}).",
          String.valueOf(input.quantity()),
          String.valueOf(availability.availableMusicians()));
    }
    ProjectNeed need = new ProjectNeed();
    need.setProject(project);
    need.setPosition(position);
    need.setQuantity(input.quantity());
    need.setRankingListId(input.rankingListId());
    need.setCustomRankingListId(input.customRankingListId());
    need.setRequestStrategy(strategy.value());
    need.setMaxRecipients(input.maxRecipients());
    need.setResponseTimeHours(hours);
    need.setRequireLocalResidence(local);
    need.setStatus(NeedStatus.ACTIVE.value());
    need.setProjectNeedId(codes.next(CodeType.PROJECT_NEED));
    orchestra.persist(need);
    orchestra.flush();
    audit.record(
        AuditTrail.Action.CREATE, "ProjectNeed", need.getId(), null, NeedView.Snapshot.of(need));
    return view(project.getId(), need.getId());
  }

  @OrchestraTransactional
  public NeedView update(int projectId, int needId, NeedChange change) {
    if (change.quantity() == null
        && change.requestStrategy() == null
        && change.maxRecipients() == null
        && change.responseTimeHours() == null
        && change.requireLocalResidence() == null) {
      throw ProblemException.badRequest(
          "Give at least one of quantity, requestStrategy, maxRecipients, responseTimeHours,"
              + " requireLocalResidence.",
          "Ange minst en av quantity, requestStrategy, maxRecipients, responseTimeHours,"
              + " requireLocalResidence.");
    }
    ProjectNeed need = lockedNeed(projectId, needId);
    if (need.needStatus() == NeedStatus.ARCHIVED) {
      throw ProblemException.conflict(
          "The need {0} is archived and is no longer changed.",
          "Behovet {0} är arkiverat och ändras inte längre.", need.getProjectNeedId());
    }
    RequestCounts counts = countsOf(need.getId());
    boolean asked = counts.total() > 0;
    if (asked) {
      NeedRules.frozen("requestStrategy", need.getRequestStrategy(), change.requestStrategy());
      NeedRules.frozen(
          "responseTimeHours", need.getResponseTimeHours(), change.responseTimeHours());
      NeedRules.frozen("maxRecipients", need.getMaxRecipients(), change.maxRecipients());
    }
    RequestStrategy strategy =
        change.requestStrategy() != null
            ? NeedRules.strategy(change.requestStrategy())
            : RequestStrategy.of(need.getRequestStrategy()).orElse(RequestStrategy.SEQUENTIAL);
    int quantity = change.quantity() != null ? change.quantity() : need.getQuantity();
    Integer maxRecipients =
        change.maxRecipients() != null
            ? change.maxRecipients()
            // Dropped only when the strategy changes away from first_come (before any request).
            : strategy == RequestStrategy.FIRST_COME || asked ? need.getMaxRecipients() : null;
    int hours =
        change.responseTimeHours() != null
            ? NeedRules.responseTime(change.responseTimeHours())
            : need.getResponseTimeHours();
    if (asked) {
      // The strategy is fixed by now; a sequential need may still grow (the admin sends again).
      NeedRules.quantityOnceAsked(strategy, quantity, maxRecipients);
    } else {
      NeedRules.combination(strategy, quantity, maxRecipients);
    }
    NeedRules.notBelowAccepted(quantity, counts.accepted());
    NeedView.Snapshot before = NeedView.Snapshot.of(need);
    need.setRequestStrategy(strategy.value());
    need.setQuantity(quantity);
    need.setMaxRecipients(maxRecipients);
    need.setResponseTimeHours(hours);
    if (change.requireLocalResidence() != null) {
      need.setRequireLocalResidence(change.requireLocalResidence());
    }
    NeedView.Snapshot after = NeedView.Snapshot.of(need);
    if (!after.equals(before)) {
      orchestra.flush();
      audit.record(AuditTrail.Action.UPDATE, "ProjectNeed", need.getId(), before, after);
    }
    return view(projectId, need.getId());
  }

  @OrchestraTransactional
  public NeedView changeStatus(int projectId, int needId, NeedStatusChange change) {
    NeedStatus target =
        NeedStatus.of(change == null || change.status() == null ? null : change.status().trim())
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "status is active, paused, completed or archived.",
                        "status är active, paused, completed eller archived."));
    ProjectNeed need = lockedNeed(projectId, needId);
    if (!need.mayBecome(target)) {
      throw ProblemException.conflict(
          "The need {0} is {1} and cannot become {2}: a completed or archived need is not"
              + " reopened.",
          "Behovet {0} är {1} och kan inte bli {2}: ett avslutat eller arkiverat behov öppnas"
              + " inte igen.",
          need.getProjectNeedId(),
          need.needStatus().value(),
          target.value());
    }
    NeedView.Snapshot before = NeedView.Snapshot.of(need);
    NeedStatus from = need.needStatus();
    if (need.become(target, now())) {
      orchestra.flush();
      audit.record(
          target == NeedStatus.ARCHIVED ? AuditTrail.Action.ARCHIVE : AuditTrail.Action.UPDATE,
          "ProjectNeed",
          need.getId(),
          before,
          NeedView.Snapshot.of(need));
      // A resumed need sends what waited while it was paused, as the project's resume does.
      if (HandRules.resumeSends(from, target, queries.requestCount(need.getId()))) {
        dispatch.refill(need, clock.instant());
      }
    }
    return view(projectId, need.getId());
  }

  /** Deletes a need without requests; one with requests is archived instead (its history stays). */
  @OrchestraTransactional
  public NeedView.Removal delete(int projectId, int needId) {
    ProjectNeed need = lockedNeed(projectId, needId);
    NeedView.Snapshot before = NeedView.Snapshot.of(need);
    if (countsOf(need.getId()).total() > 0) {
      if (need.become(NeedStatus.ARCHIVED, now())) {
        orchestra.flush();
        audit.record(
            AuditTrail.Action.ARCHIVE,
            "ProjectNeed",
            need.getId(),
            before,
            NeedView.Snapshot.of(need));
      }
      return new NeedView.Removal("archived", view(projectId, need.getId()));
    }
    // Need files cascade in the database; the entity manager should not hold rows removed behind
    // its back.
    orchestra
        .createQuery("DELETE FROM ProjectFile f WHERE f.projectNeedId = :needId")
        .setParameter("needId", need.getId())
        .executeUpdate();
    orchestra.remove(need);
    codes.recordDeleted(CodeType.PROJECT_NEED, need.getProjectNeedId());
    audit.record(AuditTrail.Action.DELETE, "ProjectNeed", need.getId(), before, null);
    return new NeedView.Removal("deleted", null);
  }

  /** The need of the project (404 otherwise), locked for the rest of the transaction. */
  private ProjectNeed lockedNeed(int projectId, int needId) {
    Project project = projects.find(projectId);
    ProjectNeed need = orchestra.find(ProjectNeed.class, needId, LockModeType.PESSIMISTIC_WRITE);
    if (need == null || !need.getProjectId().equals(project.getId())) {
      throw NeedRules.noSuchNeed(needId);
    }
    return need;
  }

  private NeedView view(int projectId, int needId) {
    NeedRow row = queries.need(projectId, needId).orElseThrow(() -> NeedRules.noSuchNeed(needId));
    return NeedView.of(row, countsOf(needId));
  }

  private RequestCounts countsOf(int needId) {
    return RequestCounts.of(
        queries.requestsOfNeed(needId).stream().map(RequestRow::status).toList());
  }

  private List<ListMember> standardListOf(int rankingListId, Position position) {
    RankingList list = orchestra.find(RankingList.class, rankingListId);
    if (list == null || !list.getPositionId().equals(position.getId())) {
      throw ProblemException.badRequest(
          "There is no ranking list {0} for {1}.",
          "Det finns ingen rankningslista {0} för {1}.",
          String.valueOf(rankingListId),
          position.getName());
    }
    return queries.standardMembers(List.of(list.getId()));
  }

  private List<ListMember> customListOf(int customListId, Project project, Position position) {
    CustomRankingList list = orchestra.find(CustomRankingList.class, customListId);
    if (list == null
        || !list.getProjectId().equals(project.getId())
        || !list.getPositionId().equals(position.getId())) {
      throw ProblemException.badRequest(
          "The project has no custom list {0} for {1}.",
          "Projektet har ingen anpassad lista {0} för {1}.",
          String.valueOf(customListId),
          position.getName());
    }
    List<Integer> users = queries.needsUsingCustomList(list.getId());
    if (!users.isEmpty()) {
      throw ProblemException.conflict(
          "The custom list {0} is already used by another need of the project (id {1}).",
          "Den anpassade listan {0} används redan av ett annat behov i projektet (id {1}).",
          list.getName(),
          String.valueOf(users.get(0)));
    }
    return queries.customMembers(List.of(list.getId()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
