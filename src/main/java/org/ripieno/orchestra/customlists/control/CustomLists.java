package org.ripieno.orchestra.customlists.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.customlists.boundary.CustomListInput;
import org.ripieno.orchestra.customlists.boundary.CustomListUpdate;
import org.ripieno.orchestra.customlists.boundary.CustomListView;
import org.ripieno.orchestra.customlists.entity.CustomRanking;
import org.ripieno.orchestra.customlists.entity.CustomRankingList;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.projects.control.ProjectCalendar;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for a project's custom ranking lists ({@code legacy-system.md} §3.17): at most one per
 * project and position, named {@code V. <week> <project>}; members are qualified for the position
 * and not archived; editing replaces the whole order; a list a need uses cannot be deleted.
 */
@ApplicationScoped
public class CustomLists {

  static final int MAX_MEMBERS = 1_000;
  static final int MAX_NAME = 200;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;

  public Page<CustomListView> list(int projectId, int page, int size) {
    int first = Page.firstRow(page, size);
    Project project = projects.find(projectId);
    List<CustomListView> items =
        orchestra
            .createNamedQuery("CustomRankingList.ofProject", CustomRankingList.class)
            .setParameter("projectId", project.getId())
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(list -> view(list, false))
            .toList();
    long total =
        orchestra
            .createNamedQuery("CustomRankingList.countOfProject", Long.class)
            .setParameter("projectId", project.getId())
            .getSingleResult();
    return new Page<>(items, total, page, size);
  }

  public CustomListView get(int projectId, int listId) {
    return view(find(projectId, listId), true);
  }

  @OrchestraTransactional
  public CustomListView create(int projectId, CustomListInput input) {
    Project project = projects.find(projectId);
    if (input.positionId() == null) {
      throw ProblemException.badRequest("positionId is required.", "positionId måste anges.");
    }
    Position position = orchestra.find(Position.class, input.positionId());
    if (position == null) {
      throw ProblemException.badRequest(
          "There is no position {0}.", "Det finns ingen tjänst {0}.", input.positionId());
    }
    List<CustomRankingList> existing =
        orchestra
            .createNamedQuery("CustomRankingList.ofProjectAndPosition", CustomRankingList.class)
            .setParameter("projectId", project.getId())
            .setParameter("positionId", position.getId())
            .getResultList();
    if (!existing.isEmpty()) {
      throw ProblemException.conflict(
          "The project already has a custom list for {0}: {1} (id {2}).",
          "Projektet har redan en anpassad lista för {0}: {1} (id {2}).",
          position.getName(),
          existing.get(0).getName(),
          String.valueOf(existing.get(0).getId()));
    }
    int sources =
        (input.musicianIds() != null ? 1 : 0)
            + (input.fromRankingListId() != null ? 1 : 0)
            + (input.fromCustomListId() != null ? 1 : 0);
    if (sources != 1) {
      throw ProblemException.badRequest(
          "Give exactly one of musicianIds, fromRankingListId and fromCustomListId.",
          "Ange exakt en av musicianIds, fromRankingListId och fromCustomListId.");
    }
    List<Integer> members;
    if (input.musicianIds() != null) {
      members = checkedMembers(input.musicianIds(), position);
    } else if (input.fromRankingListId() != null) {
      members = eligible(fromRankingList(input.fromRankingListId(), position), position);
    } else {
      members = eligible(fromCustomList(input.fromCustomListId(), project, position), position);
    }
    CustomRankingList list = new CustomRankingList();
    list.setProject(project);
    list.setPosition(position);
    list.setName(nameFor(project));
    list.setIsTemplate(Boolean.TRUE.equals(input.isTemplate()));
    list.setTemplateName(checkedTemplateName(input.templateName()));
    list.setCustomListId(codes.next(CodeType.CUSTOM_LIST));
    orchestra.persist(list);
    orchestra.flush();
    writeMembers(list, members);
    audit.record(AuditTrail.Action.CREATE, "CustomRankingList", list.getId(), null, snapshot(list));
    return view(list, true);
  }

  @OrchestraTransactional
  public CustomListView update(int projectId, int listId, CustomListUpdate input) {
    CustomRankingList list = find(projectId, listId);
    if (input.musicianIds() == null && input.isTemplate() == null && input.templateName() == null) {
      throw ProblemException.badRequest(
          "Give musicianIds (the new order), isTemplate or templateName.",
          "Ange musicianIds (den nya ordningen), isTemplate eller templateName.");
    }
    CustomListView.Snapshot before = snapshot(list);
    if (input.musicianIds() != null) {
      Position position = orchestra.find(Position.class, list.getPositionId());
      List<Integer> members = checkedMembers(input.musicianIds(), position);
      orchestra
          .createNamedQuery("CustomRanking.deleteOfList")
          .setParameter("listId", list.getId())
          .executeUpdate();
      writeMembers(list, members);
    }
    if (input.isTemplate() != null) {
      list.setIsTemplate(input.isTemplate());
    }
    if (input.templateName() != null) {
      list.setTemplateName(checkedTemplateName(input.templateName()));
    }
    CustomListView.Snapshot after = snapshot(list);
    if (!after.equals(before)) {
      list.setUpdatedAt(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      orchestra.flush();
      audit.record(AuditTrail.Action.UPDATE, "CustomRankingList", list.getId(), before, after);
    }
    return view(list, true);
  }

  @OrchestraTransactional
  public void delete(int projectId, int listId) {
    CustomRankingList list = find(projectId, listId);
    if (!usedBy(list).isEmpty()) {
      throw ProblemException.conflict(
          "The custom list {0} is used by a need of the project, so it cannot be deleted.",
          "Den anpassade listan {0} används av ett behov i projektet och kan därför inte tas bort.",
          list.getName());
    }
    CustomListView.Snapshot before = snapshot(list);
    orchestra
        .createNamedQuery("CustomRanking.deleteOfList")
        .setParameter("listId", list.getId())
        .executeUpdate();
    orchestra.remove(list);
    codes.recordDeleted(CodeType.CUSTOM_LIST, list.getCustomListId());
    audit.record(AuditTrail.Action.DELETE, "CustomRankingList", list.getId(), before, null);
  }

  /** {@code V. <week> <project name>}. */
  static String nameFor(Project project) {
    return "V. " + project.getWeekNumber() + " " + project.getName();
  }

  private CustomRankingList find(int projectId, int listId) {
    Project project = projects.find(projectId);
    CustomRankingList list = orchestra.find(CustomRankingList.class, listId);
    if (list == null || !list.getProjectId().equals(project.getId())) {
      throw ProblemException.notFound(
          "The project has no custom list {0}.",
          "Projektet har ingen anpassad lista {0}.", String.valueOf(listId));
    }
    return list;
  }

  private List<Integer> fromRankingList(int rankingListId, Position position) {
    RankingList source = orchestra.find(RankingList.class, rankingListId);
    if (source == null || !source.getPositionId().equals(position.getId())) {
      throw ProblemException.badRequest(
          "There is no standard ranking list {0} for {1}.",
          "Det finns ingen rankningslista {0} för {1}.",
          String.valueOf(rankingListId),
          position.getName());
    }
    return orchestra
        .createQuery(
            "SELECT r.musicianId FROM Ranking r WHERE r.listId = :listId ORDER BY r.rank",
            Integer.class)
        .setParameter("listId", source.getId())
        .getResultList();
  }

  private List<Integer> fromCustomList(int customListId, Project project, Position position) {
    CustomRankingList source = orchestra.find(CustomRankingList.class, customListId);
    if (source == null || !source.getPositionId().equals(position.getId())) {
      throw ProblemException.badRequest(
          "There is no custom list {0} for {1}.",
          "Det finns ingen anpassad lista {0} för {1}.",
          String.valueOf(customListId),
          position.getName());
    }
    ProjectCalendar calendar = projects.calendar();
    Project other = orchestra.find(Project.class, source.getProjectId());
    if (calendar.day(other.getStartDate()).getYear()
        != calendar.day(project.getStartDate()).getYear()) {
      throw ProblemException.badRequest(
          "Only a custom list of a project in the same year can be copied; {0} is from another.",
          "Bara en anpassad lista från ett projekt samma år kan kopieras; {0} är från ett annat.",
          source.getName());
    }
    return orchestra
        .createNamedQuery("CustomRanking.ofList", CustomRanking.class)
        .setParameter("listId", source.getId())
        .getResultList()
        .stream()
        .map(CustomRanking::getMusicianId)
        .toList();
  }

  /** A copied list keeps, in order, those who may still be on it. */
  private List<Integer> eligible(List<Integer> musicianIds, Position position) {
    Set<Integer> allowed = qualifiedAndNotArchived(musicianIds, position);
    return musicianIds.stream().filter(allowed::contains).toList();
  }

  private List<Integer> checkedMembers(List<Integer> musicianIds, Position position) {
    if (musicianIds.size() > MAX_MEMBERS) {
      throw ProblemException.badRequest(
          "A custom list has at most 1000 musicians.", "En anpassad lista har högst 1000 musiker.");
    }
    Set<Integer> seen = new HashSet<>();
    for (Integer id : musicianIds) {
      if (id == null || !seen.add(id)) {
        throw ProblemException.badRequest(
            "musicianIds lists each musician once.", "musicianIds tar upp varje musiker en gång.");
      }
    }
    Set<Integer> allowed = qualifiedAndNotArchived(musicianIds, position);
    List<String> refused =
        musicianIds.stream().filter(id -> !allowed.contains(id)).map(String::valueOf).toList();
    if (!refused.isEmpty()) {
      throw ProblemException.badRequest(
          "These musicians are missing, archived or not qualified for {0}: {1}.",
          "De här musikerna saknas, är arkiverade eller inte behöriga för {0}: {1}.",
          position.getName(),
          String.join(", ", refused));
    }
    return musicianIds;
  }

  private Set<Integer> qualifiedAndNotArchived(List<Integer> musicianIds, Position position) {
    if (musicianIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        orchestra
            .createQuery(
                "SELECT q.musicianId FROM MusicianQualification q, Musician m"
                    + " WHERE m.id = q.musicianId AND q.positionId = :positionId"
                    + " AND m.isArchived = false AND q.musicianId IN :ids",
                Integer.class)
            .setParameter("positionId", position.getId())
            .setParameter("ids", musicianIds)
            .getResultList());
  }

  private void writeMembers(CustomRankingList list, List<Integer> musicianIds) {
    int rank = 1;
    for (Integer musicianId : musicianIds) {
      CustomRanking ranking = new CustomRanking();
      ranking.setCustomListId(list.getId());
      ranking.setMusicianId(musicianId);
      ranking.setRank(rank++);
      orchestra.persist(ranking);
    }
    orchestra.flush();
  }

  private List<Integer> usedBy(CustomRankingList list) {
    return orchestra
        .createQuery(
            "SELECT n.id FROM ProjectNeed n WHERE n.customRankingListId = :listId ORDER BY n.id",
            Integer.class)
        .setParameter("listId", list.getId())
        .getResultList();
  }

  private List<CustomRanking> rankings(CustomRankingList list) {
    return orchestra
        .createNamedQuery("CustomRanking.ofList", CustomRanking.class)
        .setParameter("listId", list.getId())
        .getResultList();
  }

  private CustomListView.Snapshot snapshot(CustomRankingList list) {
    return new CustomListView.Snapshot(
        list.getCustomListId(),
        list.getName(),
        list.getProjectId(),
        list.getPositionId(),
        list.getIsTemplate(),
        list.getTemplateName(),
        rankings(list).stream().map(CustomRanking::getMusicianId).toList());
  }

  private CustomListView view(CustomRankingList list, boolean withMembers) {
    Position position = orchestra.find(Position.class, list.getPositionId());
    List<CustomRanking> rankings = rankings(list);
    List<CustomListView.Member> members = null;
    if (withMembers) {
      List<Integer> ids = rankings.stream().map(CustomRanking::getMusicianId).toList();
      Map<Integer, Musician> musicians =
          ids.isEmpty()
              ? Map.of()
              : orchestra
                  .createQuery("SELECT m FROM Musician m WHERE m.id IN :ids", Musician.class)
                  .setParameter("ids", ids)
                  .getResultList()
                  .stream()
                  .collect(Collectors.toMap(Musician::getId, Function.identity()));
      members = new ArrayList<>();
      for (CustomRanking ranking : rankings) {
        Musician musician = musicians.get(ranking.getMusicianId());
        members.add(
            new CustomListView.Member(
                ranking.getRank(),
                musician.getId(),
                musician.getMusicianId(),
                musician.getFirstName(),
                musician.getLastName(),
                Boolean.TRUE.equals(musician.getIsActive())
                    && !Boolean.TRUE.equals(musician.getIsArchived())));
      }
    }
    return new CustomListView(
        list.getId(),
        list.getCustomListId(),
        list.getName(),
        list.getProjectId(),
        list.getPositionId(),
        position == null ? null : position.getName(),
        position == null || position.getInstrument() == null
            ? null
            : position.getInstrument().getName(),
        list.getIsTemplate(),
        list.getTemplateName(),
        rankings.size(),
        usedBy(list),
        members,
        list.getCreatedAt(),
        list.getUpdatedAt());
  }

  private static String checkedTemplateName(String templateName) {
    if (templateName != null && templateName.length() > MAX_NAME) {
      throw ProblemException.badRequest(
          "templateName has at most 200 characters.", "templateName har högst 200 tecken.");
    }
    return templateName;
  }
}
