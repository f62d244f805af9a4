package org.ripieno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsTextsTest {

  @Test
  void eachEventHasASwedishAndAnEnglishTextWithPositionAndProject() {
    for (String kind :
        new String[] {"request", "confirmation", "position_filled", "request_cancelled"}) {
      assertThat(SmsTexts.text(kind, false, "Anna", "Tutti", "Vårkonsert"))
          .contains("Tutti", "Vårkonsert");
      assertThat(SmsTexts.text(kind, true, "Anna", "Tutti", "Vårkonsert"))
          .contains("Tutti", "Vårkonsert")
          .isNotEqualTo(SmsTexts.text(kind, false, "Anna", "Tutti", "Vårkonsert"));
    }
    assertThat(SmsTexts.text("request", false, "Anna", "Tutti", "Vårkonsert"))
        .startsWith("Hej Anna!")
        .contains("förfrågan");
    assertThat(SmsTexts.text("reminder", true, "Anna", "Tutti", "Spring")).contains("Spring");
  }

  @Test
  void anUnknownEventHasNoText() {
    assertThatThrownBy(() -> SmsTexts.text("group", false, "A", "B", "C"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
