package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks encryption at rest: round trip, confidentiality, integrity, rotation and masking. */
class SecretBoxTest {

  private static final String SECRET = "smtp-password-Wälder-42";

  private static SecretBox.Key key(int fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) fill);
    return SecretBox.Key.fromBytes(bytes);
  }

  /** Changes one base64 character well inside the payload, where every bit is significant. */
  static String changeCharacter(String stored, int index) {
    char replacement = stored.charAt(index) == 'A' ? 'B' : 'A';
    return stored.substring(0, index) + replacement + stored.substring(index + 1);
  }

  private final SecretBox box = new SecretBox(key(1), List.of());

  @Test
  void roundTrip() {
    assertThat(box.decrypt(box.encrypt(SECRET))).isEqualTo(SECRET);
    assertThat(box.decrypt(box.encrypt(""))).isEmpty();
  }

  @Test
  void nullStaysNull() {
    assertThat(box.encrypt(null)).isNull();
    assertThat(box.decrypt(null)).isNull();
  }

  @Test
  void storedFormatNamesVersionAndKeyAndNeverContainsThePlaintext() {
    String stored = box.encrypt(SECRET);

    assertThat(stored).startsWith("enc:v1:" + key(1).id() + ":").doesNotContain(SECRET);
    String payload = stored.substring(stored.lastIndexOf(':') + 1);
    assertThat(payload).matches("[A-Za-z0-9_-]+");
    byte[] decoded = Base64.getUrlDecoder().decode(payload);
    assertThat(decoded).hasSize(12 + SECRET.getBytes().length + 16);
    assertThat(SecretBox.isEncrypted(stored)).isTrue();
  }

  @Test
  void keyIdIsFirst8HexCharactersOfSha256() throws Exception {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 1);
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
            .substring(0, 8);

    assertThat(key(1).id()).isEqualTo(expected);
    assertThat(key(1).toString()).contains(expected).doesNotContain("0101");
  }

  @Test
  void twoEncryptionsOfTheSameValueDiffer() {
    assertThat(box.encrypt(SECRET)).isNotEqualTo(box.encrypt(SECRET));
  }

  @Test
  void tamperedCiphertextIsDetected() {
    String stored = box.encrypt(SECRET);
    String tampered = changeCharacter(stored, stored.length() - 10);

    assertThatThrownBy(() -> box.decrypt(tampered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(tampered);
  }

  @Test
  void valueMovedUnderAnotherKeyIdIsDetected() {
    SecretBox twoKeys = new SecretBox(key(1), List.of(key(2)));
    String stored = twoKeys.encrypt(SECRET);
    String relabelled = stored.replace(key(1).id(), key(2).id());

    assertThatThrownBy(() -> twoKeys.decrypt(relabelled))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void malformedValuesAreRefusedWithoutEchoingThem() {
    String tooShort = "enc:v1:" + key(1).id() + ":AAAA";
    assertThatThrownBy(() -> box.decrypt(tooShort))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("AAAA");
    assertThatThrownBy(() -> box.decrypt(SECRET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void unknownKeyIdIsRefused() {
    String stored = new SecretBox(key(2), List.of()).encrypt(SECRET);

    assertThatThrownBy(() -> box.decrypt(stored))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(key(2).id())
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void rotationKeepsOldValuesReadableAndWritesWithTheNewKey() {
    SecretBox before = new SecretBox(key(1), List.of());
    String writtenBefore = before.encrypt(SECRET);
    SecretBox after = new SecretBox(key(2), List.of(key(1)));

    assertThat(after.decrypt(writtenBefore)).isEqualTo(SECRET);
    assertThat(after.encrypt(SECRET)).startsWith("enc:v1:" + key(2).id() + ":");
    assertThat(after.currentKeyId()).isEqualTo(key(2).id());
    assertThatThrownBy(() -> before.decrypt(after.encrypt(SECRET)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyMustBe32Bytes() {
    assertThatThrownBy(() -> SecretBox.Key.fromBytes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recognisesEncryptedValues() {
    assertThat(SecretBox.isEncrypted(null)).isFalse();
    assertThat(SecretBox.isEncrypted("")).isFalse();
    assertThat(SecretBox.isEncrypted("hunter2")).isFalse();
    assertThat(SecretBox.isEncrypted("enc:v1:")).isFalse();
    assertThat(SecretBox.isEncrypted("enc:v1:0123abcd:")).isFalse();
    assertThat(SecretBox.isEncrypted("enc:v1:0123abcd:AAAA")).isTrue();
  }

  @Test
  void maskShowsOnlyTheLastFourCharacters() {
    assertThat(SecretBox.mask(null)).isNull();
    assertThat(SecretBox.mask("")).isEqualTo("***");
    assertThat(SecretBox.mask("abcd")).isEqualTo("***");
    assertThat(SecretBox.mask("abcde")).isEqualTo("***bcde");
    assertThat(SecretBox.mask("SG.sendgrid-api-key-9f3a")).isEqualTo("***9f3a");
  }
}
