package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;

/**
 * Pauses or resumes a whole project (legacy-system.md §3.9): pausing turns every active need
 * paused; resuming turns every paused need active again and, unlike the legacy, never reopens a
 * completed or archived one. Pending requests keep their deadlines either way. On resume a need
 * that already has requests sends what waited while it was paused (the replacements of its declines
 * and timeouts, by its strategy's rule); one never sent waits for the admin's send. Each changed
 * need gets its audit row.
 */
@ApplicationScoped
public class ProjectPause {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject NeedLocks locks;
  @Inject AuditTrail audit;
  @Inject Dispatch dispatch;
  @Inject StaffingQueries queries;
  @Inject Clock clock;

  /** A need's id, code and status. */
  public record NeedState(Integer id, String projectNeedId, String status) {}

  /** The project's needs after the change, and what resuming sent. */
  public record Changed(List<NeedState> needs, List<SentRequest> requests) {}

  @OrchestraTransactional
  public Changed pause(int projectId, boolean pause) {
    Project project = projects.find(projectId);
    NeedStatus from = pause ? NeedStatus.ACTIVE : NeedStatus.PAUSED;
    NeedStatus to = pause ? NeedStatus.PAUSED : NeedStatus.ACTIVE;
    List<ProjectNeed> needs = locks.ofProject(project.getId());
    List<ProjectNeed> resumed = new ArrayList<>();
    List<SentRequest> sent = new ArrayList<>();
    for (ProjectNeed need : needs) {
      if (need.needStatus() != from) {
        continue;
      }
      NeedView.Snapshot before = NeedView.Snapshot.of(need);
      need.become(to, clock.instant());
      orchestra.flush();
      audit.record(
          AuditTrail.Action.UPDATE,
          "ProjectNeed",
          need.getId(),
          before,
          NeedView.Snapshot.of(need));
      if (HandRules.resumeSends(from, to, queries.requestCount(need.getId()))) {
        resumed.add(need);
      }
    }
    // Only once every need is active again, so each selection sees the others as they now are.
    for (ProjectNeed need : resumed) {
      sent.addAll(dispatch.refill(need, clock.instant()));
    }
    return new Changed(
        needs.stream()
            .map(n -> new NeedState(n.getId(), n.getProjectNeedId(), n.getStatus()))
            .toList(),
        sent);
  }
}
