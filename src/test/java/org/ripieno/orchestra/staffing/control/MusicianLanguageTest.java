package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MusicianLanguageTest {

  @Test
  void mailsAreWrittenInThePreferredLanguagesCodeAndSwedishWithoutOne() {
    assertThat(MusicianLanguage.ofMail(null)).isEqualTo("sv");
    assertThat(MusicianLanguage.ofMail(" ")).isEqualTo("sv");
    assertThat(MusicianLanguage.ofMail("en-GB")).isEqualTo("en");
    assertThat(MusicianLanguage.ofMail("NO")).isEqualTo("no");
    assertThat(MusicianLanguage.ofMail("da_DK")).isEqualTo("da");
    assertThat(MusicianLanguage.ofMail("svenska!")).isEqualTo("sv");
  }
}
