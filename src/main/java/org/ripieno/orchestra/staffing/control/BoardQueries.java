package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.tenancy.OrchestraData;

/** The request board's reads, each one query with a {@code select new} projection. */
@ApplicationScoped
public class BoardQueries {

  private static final String PACKAGE = "org.ripieno.orchestra.staffing.control.";

  @Inject @OrchestraData EntityManager orchestra;

  /** The project's requests with their musicians, in the order they were sent. */
  public List<RequestBoard.Entry> requests(int projectId) {
    return orchestra
        .createQuery(
            "SELECT NEW "
                + PACKAGE
                + "RequestBoard.Entry(r.id, r.requestId, r.projectNeedId, m.id, m.musicianId,"
                + " m.firstName, m.lastName, m.email, m.phone, r.status, r.sentAt,"
                + " r.reminderSentAt, r.respondedAt, r.confirmationSent)"
                + " FROM Request r JOIN r.musician m JOIN r.projectNeed n"
                + " WHERE n.projectId = :projectId ORDER BY r.id",
            RequestBoard.Entry.class)
        .setParameter("projectId", projectId)
        .getResultList();
  }

  /** Request id → the deadline of its latest link. */
  public Map<Integer, Instant> deadlines(int projectId) {
    Map<Integer, Instant> deadlines = new HashMap<>();
    orchestra
        .createQuery(
            // MAX() would bypass the UTC converter; a request has one token or very few.
            "SELECT t.requestId, t.expiresAt FROM RequestToken t JOIN t.request r"
                + " JOIN r.projectNeed n WHERE n.projectId = :projectId",
            Object[].class)
        .setParameter("projectId", projectId)
        .getResultList()
        .forEach(row -> deadlines.merge((Integer) row[0], (Instant) row[1], BoardQueries::later));
    return deadlines;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The project's communication log after {@code since} (all of it when null), oldest first. */
  public List<RequestBoard.Event> events(int projectId, Instant since) {
    var query =
        orchestra.createQuery(
            "SELECT NEW "
                + PACKAGE
                + "RequestBoard.Event(c.timestamp, c.type, r.id, r.requestId, r.musicianId,"
                + " r.projectNeedId) FROM CommunicationLog c JOIN c.request r"
                + " JOIN r.projectNeed n WHERE n.projectId = :projectId"
                + (since == null ? "" : " AND c.timestamp > :since")
                + " ORDER BY c.timestamp, c.id",
            RequestBoard.Event.class);
    query.setParameter("projectId", projectId);
    if (since != null) {
      query.setParameter("since", since);
    }
    return query.setMaxResults(RequestBoard.MAX_EVENTS).getResultList();
  }

  /** The ids of the project's messages that failed for good, by request. */
  public Map<Integer, List<Integer>> failedMessages(int projectId) {
    return orchestra
        .createQuery(
            "SELECT o.requestId, o.id FROM OutboxMessage o, Request r JOIN r.projectNeed n"
                + " WHERE r.id = o.requestId AND n.projectId = :projectId AND o.status = :failed"
                + " ORDER BY o.id",
            Object[].class)
        .setParameter("projectId", projectId)
        .setParameter("failed", OutboxMessage.FAILED)
        .getResultList()
        .stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                row -> (Integer) row[0],
                java.util.stream.Collectors.mapping(
                    row -> (Integer) row[1], java.util.stream.Collectors.toList())));
  }
}
