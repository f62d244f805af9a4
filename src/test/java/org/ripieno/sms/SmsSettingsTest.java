package org.ripieno.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSettingsTest {

  @Test
  void anEventSendsAnSmsOnlyWithACompleteAccountAndItsToggleOn() {
    SmsSettings on =
        new SmsSettings("AC1", "token", "+46700000000", true, false, true, false, true);

    assertThat(on.sendsOn("request")).isTrue();
    assertThat(on.sendsOn("reminder")).isFalse();
    assertThat(on.sendsOn("confirmation")).isTrue();
    assertThat(on.sendsOn("request_cancelled")).isFalse();
    assertThat(on.sendsOn("group_email")).isTrue();
    assertThat(
            new SmsSettings("AC1", "token", "+46700000000", true, true, true, true, false)
                .sendsOn("group_email"))
        .isFalse();
    assertThat(
            new SmsSettings("AC1", null, "+46700000000", true, true, true, true, true)
                .sendsOn("request"))
        .isFalse();
  }
}
