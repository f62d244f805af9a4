package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.tenancy.OrchestraData;

/**
 * Row locks on needs ({@code SELECT ... FOR UPDATE}) for the rest of the caller's transaction: a
 * send, an answer, a pause and a change of a need never interleave. Several needs are always locked
 * in id order, so two callers never wait for each other in a circle.
 */
@ApplicationScoped
public class NeedLocks {

  @Inject @OrchestraData EntityManager orchestra;

  /** Every need of the project, in id order. */
  public List<ProjectNeed> ofProject(int projectId) {
    return orchestra
        .createQuery(
            "SELECT n FROM ProjectNeed n WHERE n.projectId = :projectId ORDER BY n.id",
            ProjectNeed.class)
        .setParameter("projectId", projectId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  /** One need, or null when there is none. */
  public ProjectNeed one(int needId) {
    return orchestra.find(ProjectNeed.class, needId, LockModeType.PESSIMISTIC_WRITE);
  }
}
