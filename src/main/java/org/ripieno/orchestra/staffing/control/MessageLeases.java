package org.ripieno.orchestra.staffing.control;

import java.time.Duration;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.sms.TwilioSms;

/**
 * How long a message taken for delivery is left to its instance before another may take it, per
 * channel. The lease is renewed just before the send (after the wait for a send slot and the
 * rendering), so it has to cover the send and the record of its outcome, nothing else. It must
 * exceed the longest possible single send: shorter, and a slow send of a live instance would be
 * taken and sent again by another. So it is the send's bound plus a margin for the record: for
 * mail, {@link SmtpMailer#sendLimit} of {@code ripieno.mail.timeout} (six timeouts, enforced by
 * closing the send's sockets), two minutes and five seconds by default. For SMS nothing bounds a
 * whole send (the REST client has per-step timeouts only, {@link TwilioSms#LONGEST_SEND} is what
 * they allow for a well-behaved provider), so its lease stays long, {@link #SMS}: a live slow send
 * must never be sent again by another instance, and a dead instance's SMS waits that long. A
 * message whose instance died goes out again after its lease, with the same Message-ID.
 *
 * @param mail the lease of a mail
 * @param sms the lease of an SMS
 */
public record MessageLeases(Duration mail, Duration sms) {

  /** Between the send's end and its record's commit: one short transaction. */
  static final Duration RECORD = Duration.ofSeconds(5);

  /**
   * The lease of an SMS: far beyond {@link TwilioSms#LONGEST_SEND}, since a provider answering over
   * many reads is not cut off.
   */
  static final Duration SMS = Duration.ofMinutes(10);

  /** The leases when a mail's connect, read and write each wait at most {@code smtpTimeout}. */
  public static MessageLeases of(Duration smtpTimeout) {
    return new MessageLeases(SmtpMailer.sendLimit(smtpTimeout).plus(RECORD), SMS);
  }

  /** The lease of a message of {@code channel}. */
  public Duration of(String channel) {
    return OutboxMessage.SMS.equals(channel) ? sms : mail;
  }
}
