package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
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
 * whom, how delivery stands and why it failed. Never a response token or an answer link: the
 * subject is rendered without the link, and the body is not shown.
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
   *     position_filled}, {@code request_cancelled}
   * @param messageId the {@code Message-ID} header, the same on every attempt
   * @param requestId the request's integer id; {@code requestCode} its {@code REQ###}
   * @param channel {@code email} or {@code sms} (subject null: an SMS has none)
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
      String requestCode) {}

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
    TypedQuery<Object[]> rows =
        orchestra.createQuery(
            "SELECT o, r.requestId FROM OutboxMessage o, Request r WHERE r.id = o.requestId"
                + (wanted == null ? "" : " AND o.status = :status")
                + " ORDER BY o.id DESC",
            Object[].class);
    TypedQuery<Long> total =
        orchestra.createQuery("SELECT COUNT(o) FROM OutboxMessage o" + where, Long.class);
    if (wanted != null) {
      rows.setParameter("status", wanted);
      total.setParameter("status", wanted);
    }
    Function<OutboxMessage, String> subjects = subjects();
    List<MessageView> items =
        rows.setFirstResult(first).setMaxResults(size).getResultList().stream()
            .map(row -> view((OutboxMessage) row[0], (String) row[1], subjects))
            .toList();
    return new Page<>(items, total.getSingleResult(), page, size);
  }

  /** One message as the list shows it. */
  public MessageView one(int id) {
    OutboxMessage message = orchestra.find(OutboxMessage.class, id);
    if (message == null) {
      throw ProblemException.notFound("No such message.", "Inget sådant meddelande.");
    }
    String code =
        orchestra
            .createQuery("SELECT r.requestId FROM Request r WHERE r.id = :id", String.class)
            .setParameter("id", message.getRequestId())
            .getResultStream()
            .findFirst()
            .orElse(null);
    return view(message, code, subjects());
  }

  private Function<OutboxMessage, String> subjects() {
    return mail.subjects(routes.byId(current.require().orchestraId()).orElseThrow().getName());
  }

  private static MessageView view(
      OutboxMessage message, String requestCode, Function<OutboxMessage, String> subjects) {
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
        requestCode);
  }
}
