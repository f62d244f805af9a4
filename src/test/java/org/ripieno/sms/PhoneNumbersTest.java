package org.ripieno.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void aNumberWithoutCountryCodeIsSwedish() {
    assertThat(PhoneNumbers.e164("070-123 45 67")).contains("+46701234567");
    assertThat(PhoneNumbers.e164("0701234567")).contains("+46701234567");
  }

  @Test
  void aNumberWithCountryCodeKeepsIt() {
    assertThat(PhoneNumbers.e164("+47 912 34 567")).contains("+4791234567");
    assertThat(PhoneNumbers.e164("0046 70 123 45 67")).contains("+46701234567");
  }

  @Test
  void blankOrImpossibleNumbersHaveNone() {
    assertThat(PhoneNumbers.e164(null)).isEmpty();
    assertThat(PhoneNumbers.e164("  ")).isEmpty();
    assertThat(PhoneNumbers.e164("ring mig")).isEmpty();
    assertThat(PhoneNumbers.e164("12")).isEmpty();
  }
}
