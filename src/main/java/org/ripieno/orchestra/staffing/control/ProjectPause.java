package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
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
 * completed or archived one. Pending requests keep their deadlines either way; nothing is sent on
 * resume (the admin sends). Each changed need gets its audit row.
 */
@ApplicationScoped
public class ProjectPause {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject NeedLocks locks;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** The project's needs after the change: id, code and status. */
  public record NeedState(Integer id, String projectNeedId, String status) {}

  @OrchestraTransactional
  public List<NeedState> pause(int projectId, boolean pause) {
    Project project = projects.find(projectId);
    NeedStatus from = pause ? NeedStatus.ACTIVE : NeedStatus.PAUSED;
    NeedStatus to = pause ? NeedStatus.PAUSED : NeedStatus.ACTIVE;
    List<ProjectNeed> needs = locks.ofProject(project.getId());
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
    }
    return needs.stream()
        .map(n -> new NeedState(n.getId(), n.getProjectNeedId(), n.getStatus()))
        .toList();
  }
}
