package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.mail.OutgoingMail;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.groupemail.control.GroupEmailMail;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.sms.SmsFailure;
import org.ripieno.sms.SmsSender;
import org.ripieno.sms.SmsTexts;

/**
 * Delivers the current orchestra's due messages, up to a batch per run: take one message together
 * with a send slot of its channel's rate (shared by all instances; committed at once, so another
 * instance skips the message), render it, renew its lease (so the lease covers the send alone),
 * send it outside any transaction (the run's mails over one SMTP connection), record the outcome
 * (only while the message is still this taking: one taken again by another instance after the lease
 * ran out is left to that taking, and one cancelled meanwhile stays cancelled unless the send went
 * out, {@link OutboxStore#afterSent}), then take the next. When a channel's next slot is ahead
 * ({@link SendSlots}), its messages stay queued and the run goes on without them: the answer says
 * when the slot is free, and the orchestra is due again then, so a worker never sleeps for the
 * rate. Delivered at least once: only a message in flight when its instance dies is sent again,
 * with the same Message-ID. A message that fails for good is written to the system log; an SMS
 * failing never touches the mail of the same event, which is a message of its own.
 */
@ApplicationScoped
public class OutboxDelivery {

  private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());
  private static final int BATCH = 50;

  @Inject OutboxStore store;
  @Inject StaffingMail mail;
  @Inject StaffingQueries queries;
  @Inject GroupEmailMail groupEmails;
  @Inject SystemLogWriter systemLog;
  @Inject Clock clock;

  /**
   * Where the orchestra's messages go and how fast.
   *
   * @param mailer its SMTP server, if any (else its mails wait)
   * @param sms its SMS provider, if any (else its SMS wait)
   * @param spacing between two sends of one channel: 1 / {@code ripieno.mail.rate}
   * @param backoff the pause after a first failed attempt ({@code ripieno.mail.backoff})
   * @param leases how long a message taken is left to this instance, per channel
   */
  public record Channels(
      String orchestraId,
      String subdomain,
      String orchestraName,
      String publicUrl,
      Optional<SmtpMailer> mailer,
      Optional<SmsSender> sms,
      Duration spacing,
      Duration backoff,
      MessageLeases leases) {}

  /**
   * What a run delivered.
   *
   * @param delivered how many messages it recorded as sent
   * @param noLongerOurs how many of its takings it found no longer its own, before the send or when
   *     recording its outcome (another instance took the message again after the lease ran out, or
   *     an admin cancelled it): their state was left to whoever holds them now
   * @param slotsAhead the channels whose messages wait for their next send slot, and when it is
   *     free: the orchestra is due again then
   */
  public record Delivered(int delivered, int noLongerOurs, Map<String, Instant> slotsAhead) {}

  public Delivered deliverDue(Channels channels) {
    Set<String> open = new HashSet<>();
    channels.mailer().ifPresent(m -> open.add(OutboxMessage.EMAIL));
    if (channels.sms().isPresent()) {
      open.add(OutboxMessage.SMS);
    } else {
      int given = store.failSmsWithoutAccount(clock.instant());
      if (given > 0) {
        log(channels, given + " SMS failed for good: no complete SMS account", Map.of());
      }
    }
    int delivered = 0;
    int noLongerOurs = 0;
    Map<String, Instant> slotsAhead = new HashMap<>();
    // One message taken at a time, each just before it goes: an instance that dies mid-delivery
    // leaves only the message in flight under its lease; the rest stay queued for the next run.
    int taken = 0;
    // One SMTP connection for the run's mails (opened at the first), not one for each.
    SmtpMailer.Connection mails = channels.mailer().map(SmtpMailer::connection).orElse(null);
    try {
      while (taken < BATCH) {
        OutboxStore.Next next =
            store.takeNext(clock.instant(), open, channels.leases(), channels.spacing());
        if (next.slotAhead()) {
          // The channel's messages wait, untouched, for the orchestra's run at its next free slot.
          open.remove(next.channel());
          slotsAhead.put(next.channel(), clock.instant().plus(next.slotIn()));
          continue;
        }
        if (next.message() == null) {
          break;
        }
        taken++;
        OutboxMessage message = next.message();
        await(next.slotIn());
        try {
          Optional<String> text =
              OutboxMessage.SMS.equals(message.getChannel())
                  ? sendSms(channels, message)
                  : sendMail(channels, mails, message);
          if (text.isEmpty()) {
            noLongerOurs++;
            continue;
          }
          OutboxStore.Recorded recorded = store.delivered(message, clock.instant(), text.get());
          if (recorded.sent()) {
            delivered++;
          } else {
            noLongerOurs++;
          }
          tellIfNotAsTaken(message, recorded, "sent");
        } catch (MessagingException | SmsFailure | RuntimeException e) {
          String error = String.valueOf(e.getMessage());
          LOG.log(Level.WARNING, "Message " + message.getMessageId() + " not delivered: " + error);
          OutboxStore.Recorded recorded =
              store.failed(
                  message,
                  clock.instant(),
                  error,
                  DeliveryFailures.permanent(e),
                  channels.backoff());
          if (recorded == OutboxStore.Recorded.FAILED_FOR_GOOD) {
            logFailure(channels, message, error);
          } else if (recorded == OutboxStore.Recorded.NOT_OURS) {
            noLongerOurs++;
          }
          tellIfNotAsTaken(message, recorded, "not delivered");
        }
      }
    } finally {
      if (mails != null) {
        mails.close();
      }
    }
    return new Delivered(delivered, noLongerOurs, slotsAhead);
  }

  /**
   * Says in the log when a send's outcome found its message no longer as this instance took it:
   * nothing is wrong then (the lease ran out, or an admin cancelled it), so it is no warning.
   *
   * @param outcome what became of the send: {@code sent} or {@code not delivered}
   */
  private static void tellIfNotAsTaken(
      OutboxMessage message, OutboxStore.Recorded recorded, String outcome) {
    if (recorded == OutboxStore.Recorded.SENT_THOUGH_CANCELLED) {
      LOG.info(
          "Message "
              + message.getMessageId()
              + " was cancelled while its send was in flight; it left, so it is recorded as sent");
    } else if (recorded == OutboxStore.Recorded.NOT_OURS) {
      LOG.info(
          "Message "
              + message.getMessageId()
              + " "
              + outcome
              + ", but it is no longer this instance's (its lease ran out and it was taken again,"
              + " or it was cancelled or removed): its state is left as it is");
    }
  }

  /**
   * @return the text sent, or empty when the message is no longer this instance's to send
   */
  private Optional<String> sendMail(
      Channels channels, SmtpMailer.Connection mails, OutboxMessage message)
      throws MessagingException {
    OutgoingMail outgoing = mail.render(message, channels.orchestraName(), channels.publicUrl());
    if (!stillOurs(channels, message)) {
      return Optional.empty();
    }
    mails.send(outgoing);
    return Optional.of(outgoing.text());
  }

  /**
   * @return the text sent, or empty when the message is no longer this instance's to send
   */
  private Optional<String> sendSms(Channels channels, OutboxMessage message) throws SmsFailure {
    String text;
    if (message.getGroupEmailId() != null) {
      text = groupEmails.smsText(message, channels.orchestraName());
    } else {
      RequestFacts facts = queries.requestFacts(message.getRequestId());
      text =
          SmsTexts.text(
              message.getKind(),
              MusicianLanguage.ENGLISH.equals(message.getLanguage()),
              facts.firstName(),
              facts.positionName(),
              facts.projectName());
    }
    if (!stillOurs(channels, message)) {
      return Optional.empty();
    }
    channels.sms().orElseThrow().send(message.getRecipient(), text);
    return Optional.of(text);
  }

  /** Renews the message's lease for its send; false when another instance took it meanwhile. */
  private boolean stillOurs(Channels channels, OutboxMessage message) {
    boolean ours =
        store.renew(message, clock.instant().plus(channels.leases().of(message.getChannel())));
    if (!ours) {
      LOG.info(
          "Message "
              + message.getMessageId()
              + " is no longer this instance's (its lease ran out before its send, or it was"
              + " cancelled): not sent here");
    }
    return ours;
  }

  /** The system log learns of every message given up; never its text or an answer link. */
  private void logFailure(Channels channels, OutboxMessage message, String error) {
    log(
        channels,
        ("sms".equals(message.getChannel()) ? "SMS" : "Email") + " failed for good",
        Map.of(
            "messageId", message.getMessageId(),
            "outboxId", String.valueOf(message.getId()),
            "type", message.getKind(),
            "recipient", message.getRecipient(),
            "error", error.length() > 500 ? error.substring(0, 500) : error));
  }

  private void log(Channels channels, String text, Map<String, String> facts) {
    try {
      systemLog.write(
          new SystemLogWriter.Event(
              "error",
              "messaging",
              text,
              null,
              channels.orchestraId(),
              channels.subdomain(),
              null,
              facts));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Not written to the system log: " + text, e);
    }
  }

  /** Sleeps for a slot at most {@link SendSlots#SHORT_WAIT} ahead. */
  private static void await(Duration wait) {
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
