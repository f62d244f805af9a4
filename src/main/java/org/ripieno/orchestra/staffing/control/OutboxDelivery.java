package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;

/**
 * Delivers the current orchestra's due messages: take a batch (committed at once, so another
 * instance skips it), render and send each outside any transaction, then record the outcome.
 * Delivered at least once: only a message in flight when its instance dies is sent again, with the
 * same Message-ID.
 */
@ApplicationScoped
public class OutboxDelivery {

  private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());
  private static final int BATCH = 50;

  @Inject OutboxStore store;
  @Inject StaffingMail mail;
  @Inject Clock clock;

  /**
   * @param pause between two messages (the orchestra's rate)
   * @return how many were delivered
   */
  public int deliverDue(SmtpMailer mailer, String orchestraName, String publicUrl, Duration pause) {
    List<OutboxMessage> due = store.claim(clock.instant(), BATCH);
    int delivered = 0;
    for (OutboxMessage message : due) {
      try {
        mailer.send(mail.render(message, orchestraName, publicUrl));
        store.delivered(message.getId(), clock.instant());
        delivered++;
      } catch (MessagingException | RuntimeException e) {
        LOG.log(Level.WARNING, "Message " + message.getMessageId() + " not delivered: " + e);
        store.failed(message.getId(), clock.instant(), String.valueOf(e.getMessage()));
      }
      pause(pause);
    }
    return delivered;
  }

  private static void pause(Duration pause) {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
