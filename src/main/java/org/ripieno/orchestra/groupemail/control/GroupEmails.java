package org.ripieno.orchestra.groupemail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ripieno.orchestra.groupemail.entity.GroupEmailLog;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.staffing.control.MusicianLanguage;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.sms.PhoneNumbers;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.DueWork;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * Group email to a project's accepted musicians (legacy-system.md §2.4 "Group email", §3.16): the
 * server chooses the recipients from the project and the filters ({@link RecipientFilter}), never
 * from a list the client sends; each gets their own copy through the outbox, so the mails survive a
 * mail server that is down and go at the orchestra's rate; the history's counts follow those
 * copies' delivery. When the orchestra's {@code sms.onGroupEmail} is on, each recipient with a
 * phone number also gets an SMS copy, a message of its own, so its failure never touches the mail.
 */
@ApplicationScoped
public class GroupEmails {

  static final int MAX_SUBJECT = 200;
  static final int MAX_MESSAGE = 10_000;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject DueWork due;
  @Inject Clock clock;
  @Inject CurrentOrchestra current;
  @Inject OrchestraRoutes routes;

  /** Who a group email with these filters would reach now. */
  public List<GroupRecipient> recipients(
      Integer projectId, Collection<Integer> instrumentIds, Collection<Integer> positionIds) {
    Project project = project(projectId);
    return RecipientFilter.choose(
        accepted(project.getId()), Set.copyOf(instrumentIds), Set.copyOf(positionIds));
  }

  /**
   * Sends: the history row and one outbox message per recipient (and one SMS per recipient with a
   * phone number when the orchestra sends SMS on group email), in one transaction.
   */
  @OrchestraTransactional
  public GroupEmailView send(GroupEmailInput input) {
    if (input == null) {
      throw ProblemException.badRequest(
          "projectId, subject and message are needed.", "projectId, subject och message behövs.");
    }
    String subject = required("subject", input.subject(), MAX_SUBJECT, "200");
    String message = required("message", input.message(), MAX_MESSAGE, "10,000");
    if (subject.contains("\n") || subject.contains("\r")) {
      throw ProblemException.badRequest("The subject is one line.", "Ämnesraden är en rad.");
    }
    List<Integer> instrumentIds = ids(input.instrumentIds());
    List<Integer> positionIds = ids(input.positionIds());
    List<GroupRecipient> recipients = recipients(input.projectId(), instrumentIds, positionIds);
    if (recipients.isEmpty()) {
      throw ProblemException.conflict(
          "No accepted musician of the project with an email address matches the filters.",
          "Ingen musiker som tackat ja i projektet och har e-postadress matchar filtren.");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    GroupEmailLog log = new GroupEmailLog();
    log.setProjectId(input.projectId());
    log.setSubject(subject.strip());
    log.setMessage(message);
    log.setRecipients(recipientsJson(recipients).toString());
    log.setFilters(
        Json.createObjectBuilder()
            .add("instrumentIds", Json.createArrayBuilder(instrumentIds))
            .add("positionIds", Json.createArrayBuilder(positionIds))
            .build()
            .toString());
    log.setSentCount(0);
    log.setFailedCount(0);
    log.setCreatedAt(now);
    orchestra.persist(log);
    orchestra.flush();
    boolean sms = smsOnGroupEmail();
    for (GroupRecipient recipient : recipients) {
      String language = MusicianLanguage.of(recipient.language());
      orchestra.persist(
          OutboxMessage.groupEmail(log.getId(), recipient.id(), recipient.email(), language, now));
      if (sms) {
        PhoneNumbers.e164(orchestra.find(Musician.class, recipient.id()).getPhone())
            .ifPresent(
                phone ->
                    orchestra.persist(
                        OutboxMessage.groupEmailSms(
                            log.getId(), recipient.id(), phone, language, now)));
      }
    }
    due.dueAt(now);
    orchestra.flush();
    return views(List.of(log)).get(0);
  }

  /** Whether the orchestra's SMS account is complete and its {@code onGroupEmail} toggle on. */
  private boolean smsOnGroupEmail() {
    return current
        .route()
        .flatMap(route -> routes.byId(route.orchestraId()))
        .map(o -> o.sms().sendsOn(OutboxMessage.Kind.GROUP_EMAIL.value()))
        .orElse(false);
  }

  /** The history, newest first, optionally of one project. */
  public Page<GroupEmailView> history(Integer projectId, int page, int size) {
    int first = Page.firstRow(page, size);
    String where = projectId == null ? "" : " WHERE g.projectId = :projectId";
    TypedQuery<GroupEmailLog> rows =
        orchestra.createQuery(
            "SELECT g FROM GroupEmailLog g" + where + " ORDER BY g.createdAt DESC, g.id DESC",
            GroupEmailLog.class);
    TypedQuery<Long> total =
        orchestra.createQuery("SELECT COUNT(g) FROM GroupEmailLog g" + where, Long.class);
    if (projectId != null) {
      rows.setParameter("projectId", projectId);
      total.setParameter("projectId", projectId);
    }
    List<GroupEmailLog> logs = rows.setFirstResult(first).setMaxResults(size).getResultList();
    return new Page<>(views(logs), total.getSingleResult(), page, size);
  }

  private List<GroupEmailView> views(List<GroupEmailLog> logs) {
    Map<Integer, Map<String, Long>> counts = new HashMap<>();
    List<Integer> ids = logs.stream().map(GroupEmailLog::getId).toList();
    if (!ids.isEmpty()) {
      orchestra
          .createQuery(
              "SELECT o.groupEmailId, o.status, COUNT(o) FROM OutboxMessage o"
                  + " WHERE o.groupEmailId IN :ids AND o.channel = :email"
                  + " GROUP BY o.groupEmailId, o.status",
              Object[].class)
          .setParameter("ids", ids)
          .setParameter("email", OutboxMessage.EMAIL)
          .getResultList()
          .forEach(
              row ->
                  counts
                      .computeIfAbsent((Integer) row[0], id -> new HashMap<>())
                      .put((String) row[1], ((Number) row[2]).longValue()));
    }
    List<GroupEmailView> views = new ArrayList<>();
    for (GroupEmailLog log : logs) {
      Project project =
          log.getProjectId() == null ? null : orchestra.find(Project.class, log.getProjectId());
      List<GroupRecipient> recipients = recipientsOf(log.getRecipients());
      Map<String, Long> byStatus = counts.get(log.getId());
      int sent;
      int failed;
      int pending;
      if (byStatus == null) {
        // A legacy row: sent at once, without the outbox; its counts are as it wrote them.
        sent = log.getSentCount() == null ? 0 : log.getSentCount();
        failed = log.getFailedCount() == null ? 0 : log.getFailedCount();
        pending = 0;
      } else {
        sent = byStatus.getOrDefault(OutboxMessage.SENT, 0L).intValue();
        failed = byStatus.getOrDefault(OutboxMessage.FAILED, 0L).intValue();
        pending =
            byStatus.getOrDefault(OutboxMessage.QUEUED, 0L).intValue()
                + byStatus.getOrDefault(OutboxMessage.SENDING, 0L).intValue();
      }
      views.add(
          new GroupEmailView(
              log.getId(),
              log.getProjectId(),
              project == null ? null : project.getName(),
              project == null ? null : project.getWeekNumber(),
              log.getSubject(),
              log.getMessage(),
              recipients,
              filtersOf(log.getFilters()),
              recipients.size(),
              sent,
              failed,
              pending,
              log.getCreatedAt()));
    }
    return views;
  }

  private List<RecipientFilter.AcceptedPlace> accepted(int projectId) {
    return orchestra
        .createQuery(
            "SELECT m.id, m.firstName, m.lastName, m.email, m.preferredLanguage, i.id, i.name,"
                + " i.displayOrder, p.id, p.name, p.hierarchyLevel"
                + " FROM Request r, ProjectNeed n, Position p, Instrument i, Musician m"
                + " WHERE r.projectNeedId = n.id AND n.positionId = p.id"
                + " AND p.instrumentId = i.id AND r.musicianId = m.id"
                + " AND n.projectId = :projectId AND r.status = 'accepted'"
                + " AND m.isActive = TRUE AND (m.isArchived IS NULL OR m.isArchived = FALSE)",
            Object[].class)
        .setParameter("projectId", projectId)
        .getResultList()
        .stream()
        .map(
            row ->
                new RecipientFilter.AcceptedPlace(
                    (Integer) row[0],
                    text(row[1]),
                    text(row[2]),
                    (String) row[3],
                    (String) row[4],
                    (Integer) row[5],
                    text(row[6]),
                    (Integer) row[7],
                    (Integer) row[8],
                    text(row[9]),
                    (Integer) row[10]))
        .toList();
  }

  private Project project(Integer projectId) {
    if (projectId == null) {
      throw ProblemException.badRequest(
          "projectId names the project whose musicians get the email.",
          "projectId anger projektet vars musiker får mejlet.");
    }
    return projects.find(projectId);
  }

  private static String required(String field, String value, int max, String maxText) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("{0} is needed.", "{0} behövs.", field);
    }
    if (value.length() > max) {
      throw ProblemException.badRequest(
          "{0} is longer than {1} characters.", "{0} är längre än {1} tecken.", field, maxText);
    }
    return value;
  }

  private static List<Integer> ids(List<Integer> given) {
    if (given == null) {
      return List.of();
    }
    if (given.contains(null)) {
      throw ProblemException.badRequest(
          "instrumentIds and positionIds are lists of ids.",
          "instrumentIds och positionIds är listor av id:n.");
    }
    return List.copyOf(new LinkedHashSet<>(given));
  }

  private static JsonArray recipientsJson(List<GroupRecipient> recipients) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (GroupRecipient r : recipients) {
      array.add(
          Json.createObjectBuilder()
              .add("id", r.id())
              .add("name", r.name())
              .add("email", r.email())
              .add("language", r.language() == null ? MusicianLanguage.SWEDISH : r.language())
              .add("instrument", r.instrument())
              .add("instrumentId", r.instrumentId())
              .add("position", r.position())
              .add("positionId", r.positionId())
              .add("acceptedFor", r.acceptedFor()));
    }
    return array.build();
  }

  /** The stored recipients, also the legacy's objects, whose fields may be missing. */
  static List<GroupRecipient> recipientsOf(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    JsonValue parsed = Json.createReader(new StringReader(json)).readValue();
    if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    List<GroupRecipient> recipients = new ArrayList<>();
    for (JsonValue value : parsed.asJsonArray()) {
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        continue;
      }
      JsonObject o = value.asJsonObject();
      recipients.add(
          new GroupRecipient(
              number(o, "id"),
              o.getString("name", ""),
              o.getString("email", ""),
              o.getString("language", null),
              o.getString("instrument", null),
              number(o, "instrumentId"),
              o.getString("position", null),
              number(o, "positionId"),
              o.getString("acceptedFor", null)));
    }
    return recipients;
  }

  private static GroupEmailView.Filters filtersOf(String json) {
    if (json == null || json.isBlank()) {
      return new GroupEmailView.Filters(List.of(), List.of());
    }
    JsonValue parsed = Json.createReader(new StringReader(json)).readValue();
    if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
      return new GroupEmailView.Filters(List.of(), List.of());
    }
    JsonObject o = parsed.asJsonObject();
    // The legacy wrote {instruments, positions}.
    return new GroupEmailView.Filters(
        numbers(o, o.containsKey("instrumentIds") ? "instrumentIds" : "instruments"),
        numbers(o, o.containsKey("positionIds") ? "positionIds" : "positions"));
  }

  private static List<Integer> numbers(JsonObject o, String key) {
    JsonValue value = o.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    return value.asJsonArray().stream()
        .filter(v -> v instanceof JsonNumber)
        .map(v -> ((JsonNumber) v).intValue())
        .toList();
  }

  private static int number(JsonObject o, String key) {
    JsonValue value = o.get(key);
    return value instanceof JsonNumber n ? n.intValue() : 0;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
