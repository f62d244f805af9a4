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
  void aGroupEmailsSmsNamesTheOrchestraAndSubjectAndPointsToTheMailInTheMusiciansLanguage() {
    assertThat(SmsTexts.groupEmail(false, "Filorkestern", "Ändrad tid"))
        .isEqualTo("Filorkestern: Ändrad tid\nHela meddelandet finns i din e-post.");
    assertThat(SmsTexts.groupEmail(true, "Filorkestern", "New time"))
        .isEqualTo("Filorkestern: New time\nThe full message is in your email.");
  }

  @Test
  void aLongSubjectIsShortenedSoTheGroupEmailsSmsFitsOneSegment() {
    int room = SmsTexts.SEGMENT - SmsTexts.groupEmail(false, "Filorkestern", "").length();
    String fits = "x".repeat(room);

    assertThat(SmsTexts.groupEmail(false, "Filorkestern", fits))
        .hasSize(SmsTexts.SEGMENT)
        .contains(fits + "\n");
    String shortened = SmsTexts.groupEmail(false, "Filorkestern", "y".repeat(room + 1));
    assertThat(shortened.length()).isLessThanOrEqualTo(SmsTexts.SEGMENT);
    assertThat(shortened).contains("yyy...\nHela meddelandet").doesNotContain("y".repeat(room));
    assertThat(SmsTexts.groupEmail(false, "Filorkestern", "Repetition ".repeat(30)))
        .startsWith("Filorkestern: Repetition Repetition")
        .endsWith("...\nHela meddelandet finns i din e-post.")
        .hasSizeLessThanOrEqualTo(SmsTexts.SEGMENT);
  }

  @Test
  void anUnknownEventHasNoText() {
    assertThatThrownBy(() -> SmsTexts.text("group", false, "A", "B", "C"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
