package org.ripieno.orchestra.projects.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.projects.boundary.ProjectView;
import org.ripieno.tenancy.OrchestraData;

/**
 * How far projects are staffed (legacy {@code totalNeeded}, {@code totalAccepted}, {@code
 * totalRequests}, {@code staffingPercentage}): the places of the needs that are not archived, the
 * musicians who accepted in them, every request sent in the project. Three queries for any number
 * of projects.
 */
@ApplicationScoped
public class StaffingTotals {

  private static final String TOTAL = "SELECT NEW " + ProjectTotal.class.getName();

  @Inject @OrchestraData EntityManager orchestra;

  public Map<Integer, ProjectView.Staffing> of(Collection<Integer> projectIds) {
    Map<Integer, ProjectView.Staffing> totals = new HashMap<>();
    if (projectIds.isEmpty()) {
      return totals;
    }
    Map<Integer, Long> needed =
        totals(
            "(n.projectId, SUM(n.quantity)) FROM ProjectNeed n WHERE n.projectId IN :ids"
                + " AND n.status <> 'archived' GROUP BY n.projectId",
            projectIds);
    Map<Integer, Long> accepted =
        totals(
            "(n.projectId, COUNT(r)) FROM Request r JOIN r.projectNeed n WHERE n.projectId IN :ids"
                + " AND n.status <> 'archived' AND r.status = 'accepted' GROUP BY n.projectId",
            projectIds);
    Map<Integer, Long> requests =
        totals(
            "(n.projectId, COUNT(r)) FROM Request r JOIN r.projectNeed n WHERE n.projectId IN :ids"
                + " GROUP BY n.projectId",
            projectIds);
    for (Integer id : projectIds) {
      totals.put(
          id,
          ProjectView.Staffing.of(
              needed.getOrDefault(id, 0L),
              accepted.getOrDefault(id, 0L),
              requests.getOrDefault(id, 0L)));
    }
    return totals;
  }

  public ProjectView.Staffing of(int projectId) {
    return of(List.of(projectId)).get(projectId);
  }

  private Map<Integer, Long> totals(String query, Collection<Integer> projectIds) {
    Map<Integer, Long> values = new HashMap<>();
    for (ProjectTotal total :
        orchestra
            .createQuery(TOTAL + query, ProjectTotal.class)
            .setParameter("ids", projectIds)
            .getResultList()) {
      values.put(total.projectId(), total.value() == null ? 0L : total.value());
    }
    return values;
  }
}
