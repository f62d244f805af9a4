package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.sms.PhoneNumbers;
import org.ripieno.tenancy.DueWork;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * An admin's retry of a message that failed for good ({@code POST /messages/{id}/retry}), once the
 * musician's address is fixed: queued again at once, to the address the musician has now, with a
 * fresh round of attempts and the same Message-ID. The musician is the message's own ({@code
 * musicianId}: a group email's copy has no request), or, for a row written before it was kept, its
 * request's.
 */
@ApplicationScoped
public class MessageRetry {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject DueWork due;
  @Inject Clock clock;

  @OrchestraTransactional
  public void retry(int id) {
    OutboxMessage message = orchestra.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (message == null) {
      throw ProblemException.notFound("No such message.", "Inget sådant meddelande.");
    }
    if (!OutboxMessage.FAILED.equals(message.getStatus())) {
      throw ProblemException.conflict(
          "Only a failed message is retried; this one is {0}.",
          "Bara ett misslyckat meddelande skickas igen; det här är {0}.", message.getStatus());
    }
    Musician musician = musician(message);
    if (musician == null) {
      throw ProblemException.conflict(
          "The message's musician is no longer in the register.",
          "Meddelandets musiker finns inte längre i registret.");
    }
    boolean sms = OutboxMessage.SMS.equals(message.getChannel());
    Optional<String> address =
        sms
            ? PhoneNumbers.e164(musician.getPhone())
            : Optional.ofNullable(musician.getEmail()).map(String::trim).filter(a -> !a.isEmpty());
    if (address.isEmpty()) {
      throw sms
          ? ProblemException.conflict(
              "The musician has no phone number an SMS can go to.",
              "Musikern har inget telefonnummer som ett sms kan skickas till.")
          : ProblemException.conflict(
              "The musician has no email address.", "Musikern har ingen e-postadress.");
    }
    Instant now = clock.instant();
    message.retry(address.get(), now);
    due.dueAt(now);
  }

  private Musician musician(OutboxMessage message) {
    Integer musicianId = message.getMusicianId();
    if (musicianId == null && message.getRequestId() != null) {
      Request request = orchestra.find(Request.class, message.getRequestId());
      musicianId = request == null ? null : request.getMusicianId();
    }
    return musicianId == null ? null : orchestra.find(Musician.class, musicianId);
  }
}
