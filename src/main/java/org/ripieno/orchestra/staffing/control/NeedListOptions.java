package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ripieno.orchestra.customlists.entity.CustomRankingList;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.web.ProblemException;

/** The lists a new need of a project could use for one position ({@link ListOptions}). */
@ApplicationScoped
public class NeedListOptions {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject StaffingQueries queries;

  public ListOptions of(int projectId, Integer positionId) {
    Project project = projects.find(projectId);
    if (positionId == null) {
      throw ProblemException.badRequest("positionId is required.", "positionId måste anges.");
    }
    Position position = orchestra.find(Position.class, positionId);
    if (position == null) {
      throw ProblemException.badRequest(
          "There is no position {0}.", "Det finns ingen tjänst {0}.", String.valueOf(positionId));
    }
    List<RankingList> standard =
        orchestra
            .createNamedQuery("RankingList.ofPosition", RankingList.class)
            .setParameter("positionId", position.getId())
            .getResultList();
    CustomRankingList custom =
        orchestra
            .createNamedQuery("CustomRankingList.ofProjectAndPosition", CustomRankingList.class)
            .setParameter("projectId", project.getId())
            .setParameter("positionId", position.getId())
            .getResultStream()
            .findFirst()
            .orElse(null);
    Map<Integer, List<Integer>> standardUse = new HashMap<>();
    Map<Integer, List<Integer>> customUse = new HashMap<>();
    for (NeedRow need : queries.needs(project.getId())) {
      if (need.needStatus() == NeedStatus.ARCHIVED) {
        continue;
      }
      if (need.customRankingListId() != null) {
        customUse
            .computeIfAbsent(need.customRankingListId(), id -> new ArrayList<>())
            .add(need.id());
      } else if (need.rankingListId() != null) {
        standardUse.computeIfAbsent(need.rankingListId(), id -> new ArrayList<>()).add(need.id());
      }
    }
    Set<Integer> contacted = ListAvailability.contacted(queries.requests(project.getId()));
    Map<Integer, List<ListMember>> standardMembers =
        byList(queries.standardMembers(standard.stream().map(RankingList::getId).toList()));
    List<ListOptions.Option> options = new ArrayList<>();
    for (RankingList list : standard) {
      ListAvailability availability =
          ListAvailability.of(
              standardMembers.getOrDefault(list.getId(), List.of()), contacted, false);
      List<Integer> users = standardUse.getOrDefault(list.getId(), List.of());
      options.add(
          new ListOptions.Option(
              list.getId(),
              list.getRankingListId(),
              list.getListType(),
              list.getDescription(),
              false,
              availability.totalActiveMusicians(),
              availability.availableMusicians(),
              !users.isEmpty(),
              users));
    }
    ListOptions.Option customOption = null;
    if (custom != null) {
      ListAvailability availability =
          ListAvailability.of(queries.customMembers(List.of(custom.getId())), contacted, false);
      List<Integer> users = customUse.getOrDefault(custom.getId(), List.of());
      customOption =
          new ListOptions.Option(
              custom.getId(),
              custom.getCustomListId(),
              "custom",
              custom.getName(),
              true,
              availability.totalActiveMusicians(),
              availability.availableMusicians(),
              !users.isEmpty(),
              users);
    }
    return new ListOptions(project.getId(), position.getId(), options, customOption);
  }

  private static Map<Integer, List<ListMember>> byList(Collection<ListMember> rows) {
    Map<Integer, List<ListMember>> members = new HashMap<>();
    rows.forEach(row -> members.computeIfAbsent(row.listId(), id -> new ArrayList<>()).add(row));
    return members;
  }
}
