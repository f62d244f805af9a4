package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The orchestra's outbox as a manager reads it ({@code GET /messages}): what was or will be sent to
 * whom, how delivery stands and why it failed: the staffing mails and SMS, and the copies of group
 * emails. Never a response token or an answer link: the subject is rendered without the link, and
 * the body is not shown.
 */
@ApplicationScoped
public class OutboxList {

  /** The statuses of {@link OutboxMessage}, the values {@code ?status=} takes. */
  public static final Set<String> STATUSES =
      Set.of(
          OutboxMessage.QUEUED,
          OutboxMessage.SENDING,
          OutboxMessage.SENT,
          OutboxMessage.FAILED,
          OutboxMessage.CANCELLED);

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StaffingMail mail;
  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;

  /**
   * One message.
   *
   * @param type what it says: {@code request}, {@code reminder}, {@code confirmation}, {@code
   *     position_filled}, {@code request_cancelled}, {@code group_email}
   * @param messageId the {@code Message-ID} header, the same on every attempt
   * @param requestId the request's integer id; {@code requestCode} its {@code REQ###} (both null
   *     for a group email's copy)
   * @param channel {@code email} or {@code sms} (subject null: an SMS has none)
   * @param musicianId whom it is for (null for a message older than this field without a request)
   * @param groupEmailId the group email a copy belongs to, and {@code groupEmailSubject} its
   *     subject (both null for a staffing message)
   */
  public record MessageView(
      Integer id,
      String channel,
      String recipient,
      String type,
      String language,
      String subject,
      String status,
      Integer attempts,
      String lastError,
      String messageId,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt,
      Integer requestId,
      String requestCode,
      Integer musicianId,
      Integer groupEmailId,
      String groupEmailSubject) {}

  /** Newest first, optionally only one status. */
  public Page<MessageView> list(String status, int page, int size) {
    int first = Page.firstRow(page, size);
    String wanted = status == null || status.isBlank() ? null : status.trim();
    if (wanted != null && !STATUSES.contains(wanted)) {
      throw ProblemException.badRequest(
          "status is queued, sending, sent, failed or cancelled.",
          "status är queued, sending, sent, failed eller cancelled.");
    }
    String where = wanted == null ? "" : " WHERE o.status = :status";
    TypedQuery<OutboxMessage> rows =
        orchestra.createQuery(
            "SELECT o FROM OutboxMessage o" + where + " ORDER BY o.id DESC", OutboxMessage.class);
    TypedQuery<Long> total =
        orchestra.createQuery("SELECT COUNT(o) FROM OutboxMessage o" + where, Long.class);
    if (wanted != null) {
      rows.setParameter("status", wanted);
      total.setParameter("status", wanted);
    }
    List<OutboxMessage> messages = rows.setFirstResult(first).setMaxResults(size).getResultList();
    return new Page<>(views(messages), total.getSingleResult(), page, size);
  }

  /** One message as the list shows it. */
  public MessageView one(int id) {
    OutboxMessage message = orchestra.find(OutboxMessage.class, id);
    if (message == null) {
      throw ProblemException.notFound("No such message.", "Inget sådant meddelande.");
    }
    return views(List.of(message)).get(0);
  }

  /**
   * The messages with their request codes and group email subjects, each read once for the page (a
   * message may name neither, both are looked up by id, so none is left out of the page).
   */
  private List<MessageView> views(List<OutboxMessage> messages) {
    Map<Integer, String> codes =
        byId(
            "SELECT r.id, r.requestId FROM Request r WHERE r.id IN :ids",
            messages.stream().map(OutboxMessage::getRequestId).filter(Objects::nonNull).toList());
    Map<Integer, String> groupSubjects =
        byId(
            "SELECT g.id, g.subject FROM GroupEmailLog g WHERE g.id IN :ids",
            messages.stream()
                .map(OutboxMessage::getGroupEmailId)
                .filter(Objects::nonNull)
                .toList());
    Function<OutboxMessage, String> subjects = subjects();
    return messages.stream()
        .map(
            message ->
                view(
                    message,
                    codes.get(message.getRequestId()),
                    groupSubjects.get(message.getGroupEmailId()),
                    subjects))
        .toList();
  }

  private Map<Integer, String> byId(String query, Collection<Integer> ids) {
    Map<Integer, String> values = new HashMap<>();
    if (!ids.isEmpty()) {
      orchestra
          .createQuery(query, Object[].class)
          .setParameter("ids", Set.copyOf(ids))
          .getResultList()
          .forEach(row -> values.put((Integer) row[0], (String) row[1]));
    }
    return values;
  }

  private Function<OutboxMessage, String> subjects() {
    return mail.subjects(routes.entryOf(current).orElseThrow().name());
  }

  private static MessageView view(
      OutboxMessage message,
      String requestCode,
      String groupEmailSubject,
      Function<OutboxMessage, String> subjects) {
    return new MessageView(
        message.getId(),
        message.getChannel(),
        message.getRecipient(),
        message.getKind(),
        message.getLanguage(),
        OutboxMessage.SMS.equals(message.getChannel()) ? null : subjects.apply(message),
        message.getStatus(),
        message.getAttempts(),
        message.getLastError(),
        message.getMessageId(),
        message.getCreatedAt(),
        message.getNextAttemptAt(),
        message.getSentAt(),
        message.getRequestId(),
        requestCode,
        message.getMusicianId(),
        message.getGroupEmailId(),
        groupEmailSubject);
  }
}
