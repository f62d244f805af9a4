package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ripieno.orchestra.settings.entity.Settings;
import org.ripieno.tenancy.OrchestraData;

/** The staffing engine's reads, each one query with a {@code select new} projection. */
@ApplicationScoped
public class StaffingQueries {

  private static final String PACKAGE = "org.ripieno.orchestra.staffing.control.";

  @Inject @OrchestraData EntityManager orchestra;

  private static final String NEED_ROWS =
      "SELECT NEW "
          + PACKAGE
          + "NeedRow(n.id, n.projectNeedId, n.projectId, n.positionId, p.name,"
          + " p.hierarchyLevel, i.name, i.displayOrder, n.quantity, n.rankingListId,"
          + " n.customRankingListId, n.requestStrategy, n.maxRecipients,"
          + " n.responseTimeHours, n.requireLocalResidence, n.status, n.archivedAt)"
          + " FROM ProjectNeed n JOIN n.position p JOIN p.instrument i";

  /** The project's needs in processing order: instrument, position seniority, id. */
  public List<NeedRow> needs(int projectId) {
    return orchestra
        .createQuery(NEED_ROWS + " WHERE n.projectId = :projectId", NeedRow.class)
        .setParameter("projectId", projectId)
        .getResultList()
        .stream()
        .sorted(
            Comparator.comparingInt(NeedRow::order)
                .thenComparing(NeedRow::hierarchyLevel)
                .thenComparing(NeedRow::id))
        .toList();
  }

  /** One need of the project, if it is one. */
  public Optional<NeedRow> need(int projectId, int needId) {
    return orchestra
        .createQuery(
            NEED_ROWS + " WHERE n.projectId = :projectId AND n.id = :needId", NeedRow.class)
        .setParameter("projectId", projectId)
        .setParameter("needId", needId)
        .getResultStream()
        .findFirst();
  }

  /** The requests of one need. */
  public List<RequestRow> requestsOfNeed(int needId) {
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "RequestRow(r.projectNeedId, r.musicianId, r.status)"
                + " FROM Request r WHERE r.projectNeedId = :needId",
            RequestRow.class)
        .setParameter("needId", needId)
        .getResultList();
  }

  /** The needs that use a custom list and are not archived. */
  public List<Integer> needsUsingCustomList(int customListId) {
    return orchestra
        .createQuery(
            "SELECT n.id FROM ProjectNeed n WHERE n.customRankingListId = :listId"
                + " AND n.status <> 'archived' ORDER BY n.id",
            Integer.class)
        .setParameter("listId", customListId)
        .getResultList();
  }

  /** Every request of the project's needs. */
  public List<RequestRow> requests(int projectId) {
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "RequestRow(r.projectNeedId, r.musicianId, r.status)"
                + " FROM Request r JOIN r.projectNeed n WHERE n.projectId = :projectId"
                + " ORDER BY r.id",
            RequestRow.class)
        .setParameter("projectId", projectId)
        .getResultList();
  }

  /** The members of standard ranking lists, by rank. */
  public List<ListMember> standardMembers(Collection<Integer> listIds) {
    return members("Ranking", "listId", listIds);
  }

  /** The members of custom lists, by rank. */
  public List<ListMember> customMembers(Collection<Integer> listIds) {
    return members("CustomRanking", "customListId", listIds);
  }

  /** {@code Ranking} and {@code CustomRanking} differ only in the name of their list column. */
  private List<ListMember> members(String entity, String listField, Collection<Integer> listIds) {
    if (listIds.isEmpty()) {
      return List.of();
    }
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "ListMember(r."
                + listField
                + ", r.musicianId, r.rank, m.isActive, m.isArchived, m.localResidence) FROM "
                + entity
                + " r JOIN r.musician m WHERE r."
                + listField
                + " IN :ids ORDER BY r."
                + listField
                + ", r.rank",
            ListMember.class)
        .setParameter("ids", listIds)
        .getResultList();
  }

  /**
   * Accepted requests in other projects starting between the two instants (a window around this
   * project's week; the exact week is decided in the orchestra's time zone by the caller).
   */
  public List<AcceptedElsewhere> acceptedElsewhere(int projectId, Instant from, Instant until) {
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "AcceptedElsewhere(r.musicianId, p.id, p.startDate)"
                + " FROM Request r JOIN r.projectNeed n JOIN n.project p"
                + " WHERE r.status = 'accepted' AND p.id <> :projectId"
                + " AND p.startDate >= :from AND p.startDate < :until",
            AcceptedElsewhere.class)
        .setParameter("projectId", projectId)
        .setParameter("from", from)
        .setParameter("until", until)
        .getResultList();
  }

  /** How many active, non-archived musicians are qualified for the position. */
  public long activeQualified(int positionId) {
    return orchestra
        .createQuery(
            "SELECT COUNT(q) FROM MusicianQualification q JOIN q.musician m"
                + " WHERE q.positionId = :positionId AND m.isActive = true"
                + " AND m.isArchived = false",
            Long.class)
        .setParameter("positionId", positionId)
        .getSingleResult();
  }

  /** The stored settings, by key. */
  public Map<String, String> settings() {
    Map<String, String> values = new TreeMap<>();
    for (Settings row :
        orchestra.createNamedQuery("Settings.all", Settings.class).getResultList()) {
      values.put(row.getKey(), row.getValue());
    }
    return values;
  }

  /** How many have accepted for one need. */
  /** Every request of the need, of any status. */
  public long requestCount(int needId) {
    return orchestra
        .createQuery("SELECT COUNT(r) FROM Request r WHERE r.projectNeedId = :needId", Long.class)
        .setParameter("needId", needId)
        .getSingleResult();
  }

  public int acceptedCount(int needId) {
    return orchestra
        .createQuery(
            "SELECT COUNT(r) FROM Request r WHERE r.projectNeedId = :needId"
                + " AND r.status = 'accepted'",
            Long.class)
        .setParameter("needId", needId)
        .getSingleResult()
        .intValue();
  }

  /** What a musician is told about one request. */
  public RequestFacts requestFacts(int requestId) {
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "RequestFacts(r.requestId, r.status, m.firstName, m.lastName,"
                + " m.preferredLanguage, pr.name, pr.startDate, pr.weekNumber,"
                + " pr.rehearsalSchedule, pr.concertInfo, p.name, i.name, n.responseTimeHours,"
                + " n.quantity) FROM Request r JOIN r.musician m JOIN r.projectNeed n"
                + " JOIN n.project pr JOIN n.position p JOIN p.instrument i WHERE r.id = :id",
            RequestFacts.class)
        .setParameter("id", requestId)
        .getSingleResult();
  }
}
