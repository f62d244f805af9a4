package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.staffing.entity.CommunicationLog;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.sms.PhoneNumbers;
import org.ripieno.sms.SmsSettings;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.DueWork;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraRoutes;

/**
 * A request's messages: each staffing mail goes into the outbox and the request's communication log
 * in the caller's transaction (product.md decision 12), so it is enqueued exactly when the change
 * that causes it commits. Delivery reads the outbox afterwards.
 */
@ApplicationScoped
public class RequestMessages {

  public static final String REQUEST_SENT = "request_sent";
  public static final String REMINDER_SENT = "reminder_sent";
  public static final String RESPONSE_RECEIVED = "response_received";
  public static final String CONFIRMATION_SENT = "confirmation_sent";
  public static final String POSITION_FILLED_SENT = "position_filled_sent";

  // Beyond the legacy types: what a manager did by hand (hand actions, docs/staffing.md).
  /** An answer a manager recorded on the musician's behalf (given by phone). */
  public static final String RESPONSE_RECORDED = "response_recorded";

  /** An accepted musician withdrawn by the manager: the request became declined. */
  public static final String REQUEST_WITHDRAWN = "request_withdrawn";

  /** A pending request cancelled by the manager, alone or with its project. */
  public static final String REQUEST_CANCELLED = "request_cancelled";

  /** The request's mail, with the same link, sent again. */
  public static final String REQUEST_RESENT = "request_resent";

  /** The musician told that their request was cancelled. */
  public static final String CANCELLATION_SENT = "cancellation_sent";

  private static final Map<OutboxMessage.Kind, String> LOG_TYPES =
      Map.of(
          OutboxMessage.Kind.REQUEST, REQUEST_SENT,
          OutboxMessage.Kind.REMINDER, REMINDER_SENT,
          OutboxMessage.Kind.CONFIRMATION, CONFIRMATION_SENT,
          OutboxMessage.Kind.POSITION_FILLED, POSITION_FILLED_SENT,
          OutboxMessage.Kind.REQUEST_CANCELLED, CANCELLATION_SENT);

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject DueWork due;
  @Inject CurrentOrchestra current;
  @Inject OrchestraRoutes routes;

  /**
   * Enqueues a mail to the request's musician in their language and logs it. A musician without an
   * email address gets no mail; the log still says what happened. Either way the jobs are told to
   * visit the orchestra from now on: the mail is due, and so are the request's reminder and timeout
   * later (every request and every answer's mail passes here).
   */
  public void enqueue(OutboxMessage.Kind kind, Request request, Instant now) {
    enqueue(kind, request, now, LOG_TYPES.get(kind));
  }

  /** As {@link #enqueue(OutboxMessage.Kind, Request, Instant)}, logged as {@code logType}. */
  public void enqueue(OutboxMessage.Kind kind, Request request, Instant now, String logType) {
    due.dueAt(now);
    Musician musician = orchestra.find(Musician.class, request.getMusicianId());
    String email = musician.getEmail();
    if (email != null && !email.isBlank()) {
      orchestra.persist(
          OutboxMessage.queued(
              kind,
              request.getId(),
              musician.getId(),
              email.trim(),
              MusicianLanguage.ofMail(musician.getPreferredLanguage()),
              now));
    }
    enqueueSms(kind, request, musician, now);
    log(request, logType, now);
  }

  /**
   * The SMS of the same event, a message of its own (so its failure never holds up the mail): when
   * the orchestra's account is complete, its toggle for the event is on and the musician has a
   * phone number that can be written in E.164.
   */
  private void enqueueSms(
      OutboxMessage.Kind kind, Request request, Musician musician, Instant now) {
    Optional<SmsSettings> sms =
        current.route().flatMap(route -> routes.byId(route.orchestraId())).map(o -> o.sms());
    if (sms.isEmpty() || !sms.get().sendsOn(kind.value())) {
      return;
    }
    PhoneNumbers.e164(musician.getPhone())
        .ifPresent(
            phone ->
                orchestra.persist(
                    OutboxMessage.queuedSms(
                        kind,
                        request.getId(),
                        musician.getId(),
                        phone,
                        MusicianLanguage.ofMail(musician.getPreferredLanguage()),
                        now)));
  }

  /**
   * Withdraws the request's request and reminder mails that have not left yet (still {@code
   * queued}: a message being delivered is {@code sending} and is left alone), so a cancelled
   * request sends nothing more.
   *
   * @return whether the musician may know of the request: some request mail of it went out or is
   *     going, or none was withdrawn now (a request sent before the outbox, or to a musician
   *     without email). False only when its request mail was still waiting: they never knew.
   */
  public boolean withdrawUndelivered(Request request) {
    int withdrawn =
        orchestra
            .createQuery(
                "UPDATE OutboxMessage o SET o.status = :cancelled WHERE o.requestId = :requestId"
                    + " AND o.status = :queued AND o.kind IN (:request, :reminder)")
            .setParameter("cancelled", OutboxMessage.CANCELLED)
            .setParameter("requestId", request.getId())
            .setParameter("queued", OutboxMessage.QUEUED)
            .setParameter("request", OutboxMessage.Kind.REQUEST.value())
            .setParameter("reminder", OutboxMessage.Kind.REMINDER.value())
            .executeUpdate();
    long out =
        orchestra
            .createQuery(
                "SELECT COUNT(o) FROM OutboxMessage o WHERE o.requestId = :requestId"
                    + " AND o.kind = :request AND o.status IN (:sent, :sending)",
                Long.class)
            .setParameter("requestId", request.getId())
            .setParameter("request", OutboxMessage.Kind.REQUEST.value())
            .setParameter("sent", OutboxMessage.SENT)
            .setParameter("sending", OutboxMessage.SENDING)
            .getSingleResult();
    return out > 0 || withdrawn == 0;
  }

  /** One entry in the request's history, with a {@code COMM###} code. */
  public void log(Request request, String type, Instant now) {
    orchestra.persist(
        CommunicationLog.of(codes.next(CodeType.COMMUNICATION_LOG), request.getId(), type, now));
  }
}
