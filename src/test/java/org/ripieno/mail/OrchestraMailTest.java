package org.ripieno.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrchestraMailTest {

  private static final Optional<MailSettings> PLATFORM =
      Optional.of(
          new MailSettings(
              "smtp.platform.example",
              587,
              "platform",
              "platform-secret",
              "starttls",
              "staffing@ripieno.example",
              "Ripieno",
              null,
              "platform"));

  private static OrchestraMail mail(
      String host, Integer port, String security, String resendKey, String from) {
    return new OrchestraMail(
        host, port, "user", "secret", security, resendKey, from, "Orkestern", "kansli@orkester.se");
  }

  @Test
  void anOrchestraWithItsOwnHostSendsThroughItFromItsOwnAddress() {
    MailSettings settings =
        mail("smtp.orkester.se", 2525, "none", null, "noreply@orkester.se")
            .settings(PLATFORM)
            .orElseThrow();

    assertThat(settings.host()).isEqualTo("smtp.orkester.se");
    assertThat(settings.port()).isEqualTo(2525);
    assertThat(settings.security()).isEqualTo("none");
    assertThat(settings.user()).isEqualTo("user");
    assertThat(settings.password()).isEqualTo("secret");
    assertThat(settings.from()).isEqualTo("noreply@orkester.se");
    assertThat(settings.fromName()).isEqualTo("Orkestern");
    assertThat(settings.replyTo()).isEqualTo("kansli@orkester.se");
    assertThat(settings.source()).isEqualTo("orchestra");
  }

  @Test
  void withoutASecurityChoiceThePortDecides() {
    assertThat(mail("h", 465, null, null, null).settings(PLATFORM).orElseThrow().security())
        .isEqualTo("tls");
    assertThat(mail("h", null, null, null, null).settings(PLATFORM).orElseThrow())
        .extracting(MailSettings::security, MailSettings::port)
        .containsExactly("starttls", 587);
    assertThat(mail("h", null, "tls", null, null).settings(PLATFORM).orElseThrow().port())
        .isEqualTo(465);
  }

  @Test
  void onlyALegacyResendKeyGoesThroughResendsSmtpRelayWithTheKeyAsPassword() {
    MailSettings settings =
        mail(null, null, null, "re_123456", "noreply@orkester.se").settings(PLATFORM).orElseThrow();

    assertThat(settings.host()).isEqualTo("smtp.resend.com");
    assertThat(settings.port()).isEqualTo(465);
    assertThat(settings.security()).isEqualTo("tls");
    assertThat(settings.user()).isEqualTo("resend");
    assertThat(settings.password()).isEqualTo("re_123456");
    assertThat(settings.source()).isEqualTo("resend");
  }

  @Test
  void anOrchestraWithoutItsOwnServerUsesThePlatformsAndWithoutItsOwnAddressThePlatformsToo() {
    MailSettings settings = mail(" ", null, null, null, null).settings(PLATFORM).orElseThrow();

    assertThat(settings.host()).isEqualTo("smtp.platform.example");
    assertThat(settings.user()).isEqualTo("platform");
    assertThat(settings.from()).isEqualTo("staffing@ripieno.example");
    assertThat(settings.source()).isEqualTo("platform");
    assertThat(
            mail(null, null, null, null, "a@orkester.se").settings(PLATFORM).orElseThrow().from())
        .isEqualTo("a@orkester.se");
  }

  @Test
  void noServerAnywhereMeansNothingIsSent() {
    assertThat(mail(null, null, null, null, "a@orkester.se").settings(Optional.empty())).isEmpty();
    assertThat(
            mail("smtp.orkester.se", null, null, null, null)
                .settings(Optional.empty())
                .orElseThrow()
                .from())
        .isEqualTo("no-reply@smtp.orkester.se");
  }
}
