package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.sms.TwilioSms;

class MessageLeasesTest {

  @Test
  void aMailsLeaseOutlastsTheLongestSendAndItsRecord() {
    MessageLeases leases = MessageLeases.of(SmtpMailer.TIMEOUT);

    assertThat(leases.of(OutboxMessage.EMAIL))
        .isGreaterThan(SmtpMailer.sendLimit(SmtpMailer.TIMEOUT))
        .isEqualTo(Duration.ofSeconds(125));
  }

  @Test
  void theMailLeaseFollowsTheSmtpTimeout() {
    assertThat(MessageLeases.of(Duration.ofSeconds(1)).of(OutboxMessage.EMAIL))
        .isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void anSmsLeaseOutlastsTheLongestSmsSend() {
    assertThat(MessageLeases.of(SmtpMailer.TIMEOUT).of(OutboxMessage.SMS))
        .isGreaterThan(TwilioSms.LONGEST_SEND.multipliedBy(5))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aMailLeaseIsFarShorterThanTheTenMinutesItOnceWas() {
    assertThat(MessageLeases.of(SmtpMailer.TIMEOUT).mail()).isLessThan(Duration.ofMinutes(3));
  }
}
