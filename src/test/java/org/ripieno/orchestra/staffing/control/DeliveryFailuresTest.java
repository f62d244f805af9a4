package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.ripieno.sms.SmsFailure;

class DeliveryFailuresTest {

  @Test
  void aRefusedRecipientOrNoAddressAtAllIsPermanent() throws Exception {
    Address refused = new InternetAddress("gone@example.org");
    assertThat(
            DeliveryFailures.permanent(
                new SendFailedException(
                    "Invalid Addresses", null, null, null, new Address[] {refused})))
        .isTrue();
    assertThat(DeliveryFailures.permanent(new AddressException("Missing final '@domain'")))
        .isTrue();
    assertThat(DeliveryFailures.permanent(new SmsFailure("Twilio answered 400", true))).isTrue();
  }

  @Test
  void aServerDownOrAnAddressNotYetRefusedIsTriedAgain() throws Exception {
    MessagingException down = new MessagingException("Couldn't connect", new ConnectException());
    assertThat(DeliveryFailures.permanent(down)).isFalse();
    Address later = new InternetAddress("later@example.org");
    assertThat(
            DeliveryFailures.permanent(
                new SendFailedException("Try later", null, null, new Address[] {later}, null)))
        .isFalse();
    assertThat(DeliveryFailures.permanent(new SmsFailure("Twilio answered 503", false))).isFalse();
    assertThat(DeliveryFailures.permanent(new IllegalStateException("template"))).isFalse();
  }
}
