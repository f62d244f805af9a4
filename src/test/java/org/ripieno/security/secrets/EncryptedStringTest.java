package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Converter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks that the converter encrypts columns, reads legacy plaintext and fails closed. */
class EncryptedStringTest {

  private static final SecretBox BOX =
      new SecretBox(SecretBox.Key.fromBytes(new byte[32]), List.of());

  private final EncryptedString converter = new EncryptedString();

  @AfterEach
  void uninstall() {
    EncryptedString.uninstall();
  }

  @Test
  void writesEncryptedAndReadsBack() {
    EncryptedString.install(BOX);

    String column = converter.convertToDatabaseColumn("twilio-auth-token");

    assertThat(SecretBox.isEncrypted(column)).isTrue();
    assertThat(column).doesNotContain("twilio-auth-token");
    assertThat(converter.convertToEntityAttribute(column)).isEqualTo("twilio-auth-token");
  }

  @Test
  void legacyPlaintextIsReadAsItIsAndEncryptedWhenWrittenAgain() {
    EncryptedString.install(BOX);

    String legacy = converter.convertToEntityAttribute("legacy-smtp-password");

    assertThat(legacy).isEqualTo("legacy-smtp-password");
    assertThat(SecretBox.isEncrypted(converter.convertToDatabaseColumn(legacy))).isTrue();
  }

  @Test
  void nullsPassThrough() {
    EncryptedString.install(BOX);

    assertThat(converter.convertToDatabaseColumn(null)).isNull();
    assertThat(converter.convertToEntityAttribute(null)).isNull();
  }

  @Test
  void failsClosedWithoutAnInstalledBox() {
    assertThatThrownBy(() -> converter.convertToDatabaseColumn("plaintext"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Secrets are not available: the secret key was not loaded");
    assertThatThrownBy(() -> converter.convertToEntityAttribute(BOX.encrypt("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Secrets are not available: the secret key was not loaded");
  }

  @Test
  void tamperedColumnIsRefused() {
    EncryptedString.install(BOX);
    String column = converter.convertToDatabaseColumn("secret");
    String tampered = SecretBoxTest.changeCharacter(column, column.length() - 10);

    assertThatThrownBy(() -> converter.convertToEntityAttribute(tampered))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isAnExplicitConverterNotAutoApplied() {
    Converter annotation = EncryptedString.class.getAnnotation(Converter.class);

    assertThat(annotation).isNotNull();
    assertThat(annotation.autoApply()).isFalse();
  }
}
