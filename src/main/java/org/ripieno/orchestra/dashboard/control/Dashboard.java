package org.ripieno.orchestra.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.ripieno.orchestra.settings.control.SettingsRules;
import org.ripieno.orchestra.staffing.control.StaffingQueries;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.web.Page;

/** The dashboard's figures and the activity feed from the communication log. */
@ApplicationScoped
public class Dashboard {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StaffingQueries queries;
  @Inject Clock clock;

  public DashboardFigures figures() {
    Instant now = clock.instant();
    ZoneId zone = SettingsRules.timeZone(queries.settings());
    Instant today = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    Instant monthAgo = now.minus(Duration.ofDays(30));
    long sent30 = count("SELECT COUNT(r) FROM Request r WHERE r.sentAt >= ?1", monthAgo);
    long answered30 =
        count(
            "SELECT COUNT(r) FROM Request r WHERE r.sentAt >= ?1 AND r.status <> 'pending'",
            monthAgo);
    List<DashboardRules.Answer> answers =
        orchestra
            .createQuery(
                "SELECT r.respondedAt, r.status FROM Request r WHERE r.respondedAt >= :from"
                    + " AND r.status IN ('accepted', 'declined')",
                Object[].class)
            .setParameter(
                "from", DashboardRules.firstMonday(now, zone).atStartOfDay(zone).toInstant())
            .getResultList()
            .stream()
            .map(row -> new DashboardRules.Answer((Instant) row[0], "accepted".equals(row[1])))
            .toList();
    return new DashboardFigures(
        count("SELECT COUNT(m) FROM Musician m"),
        count("SELECT COUNT(m) FROM Musician m WHERE m.isActive = TRUE"),
        count("SELECT COUNT(p) FROM Project p WHERE p.startDate >= ?1", today),
        count("SELECT COUNT(r) FROM Request r"),
        count("SELECT COUNT(r) FROM Request r WHERE r.status = 'pending'"),
        count("SELECT COUNT(r) FROM Request r WHERE r.reminderSentAt IS NOT NULL"),
        sent30,
        DashboardRules.responseRate(sent30, answered30),
        count("SELECT COUNT(o) FROM OutboxMessage o WHERE o.status = ?1", OutboxMessage.FAILED),
        DashboardRules.answersPerWeek(now, zone, answers));
  }

  /** The communication log, newest first, each entry described in Swedish or English. */
  public Page<ActivityEntry> activity(int page, int size, boolean swedish) {
    int first = Page.firstRow(page, size);
    String from =
        " FROM CommunicationLog c, Request r, Musician m, ProjectNeed n, Position p, Project pr"
            + " WHERE c.requestId = r.id AND r.musicianId = m.id AND r.projectNeedId = n.id"
            + " AND n.positionId = p.id AND n.projectId = pr.id";
    long total = count("SELECT COUNT(c)" + from);
    List<ActivityEntry> items =
        orchestra
            .createQuery(
                "SELECT c.id, c.type, c.timestamp, r.id, m.firstName, m.lastName, p.name,"
                    + " pr.name, r.status"
                    + from
                    + " ORDER BY c.timestamp DESC, c.id DESC",
                Object[].class)
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(
                row -> {
                  String musician = (row[4] + " " + row[5]).strip();
                  String type = (String) row[1];
                  return new ActivityEntry(
                      (Integer) row[0],
                      type,
                      (Instant) row[2],
                      (Integer) row[3],
                      musician,
                      (String) row[6],
                      (String) row[7],
                      DashboardRules.describe(
                          type,
                          musician,
                          (String) row[6],
                          (String) row[7],
                          (String) row[8],
                          swedish));
                })
            .toList();
    return new Page<>(items, total, page, size);
  }

  private long count(String jpql, Object... parameters) {
    var query = orchestra.createQuery(jpql, Long.class);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.getSingleResult();
  }
}
