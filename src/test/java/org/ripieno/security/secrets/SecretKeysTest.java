package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks where the secret key comes from and that a generated key is kept safely and reused. */
class SecretKeysTest {

  private static final String CONFIGURED_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @TempDir Path dataDir;

  @Test
  void generatedKeyIsKeptOwnerOnlyAndReused() throws Exception {
    SecretBox first = SecretKeys.load(Optional.empty(), List.of(), dataDir);
    Path keyFile = dataDir.resolve("secret.key");

    assertThat(keyFile).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);

    String stored = first.encrypt("webhook-secret");
    SecretBox second = SecretKeys.load(Optional.empty(), List.of(), dataDir);
    assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
    assertThat(second.decrypt(stored)).isEqualTo("webhook-secret");
  }

  @Test
  void missingDataDirIsCreated() {
    Path nested = dataDir.resolve("not/yet/there");

    SecretKeys.load(Optional.empty(), List.of(), nested);

    assertThat(nested.resolve("secret.key")).exists();
  }

  @Test
  void blankConfiguredKeyCountsAsUnset() {
    SecretKeys.load(Optional.of("  "), List.of(), dataDir);

    assertThat(dataDir.resolve("secret.key")).exists();
  }

  @Test
  void generatedKeyIsLoggedByFileNeverByValue() throws Exception {
    Logger logger = Logger.getLogger(SecretKeys.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord logRecord) {
            records.add(logRecord);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      SecretKeys.load(Optional.empty(), List.of(), dataDir);
    } finally {
      logger.removeHandler(capture);
    }
    String key = Files.readString(dataDir.resolve("secret.key")).strip();

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(records.get(0).getMessage())
        .contains("secret.key", "ripieno.secret-key", "several instances")
        .doesNotContain(key);
  }

  @Test
  void configuredKeyIsUsedAndNoFileIsWritten() {
    SecretBox box = SecretKeys.load(Optional.of(CONFIGURED_KEY), List.of(), dataDir);

    assertThat(box.currentKeyId())
        .isEqualTo(SecretBox.Key.fromBytes(Base64.getDecoder().decode(CONFIGURED_KEY)).id());
    assertThat(dataDir.resolve("secret.key")).doesNotExist();
  }

  @Test
  void badConfiguredKeyIsRefusedByNameNotValue() {
    String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
    String notBase64 = "this is not base64 at all!";

    for (String bad : List.of(tooShort, notBase64)) {
      assertThatThrownBy(() -> SecretKeys.load(Optional.of(bad), List.of(), dataDir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ripieno.secret-key")
          .hasMessageNotContaining(bad);
    }
    assertThat(dataDir.resolve("secret.key")).doesNotExist();
  }

  @Test
  void badPreviousKeyIsRefused() {
    assertThatThrownBy(
            () -> SecretKeys.load(Optional.of(CONFIGURED_KEY), List.of("short"), dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous key")
        .hasMessageNotContaining("short");
  }

  @Test
  void previousKeysStillDecryptAfterRotation() throws Exception {
    SecretBox generated = SecretKeys.load(Optional.empty(), List.of(), dataDir);
    String stored = generated.encrypt("db-password");
    String generatedKey = Files.readString(dataDir.resolve("secret.key")).strip();

    SecretBox rotated =
        SecretKeys.load(Optional.of(CONFIGURED_KEY), List.of(generatedKey), dataDir);

    assertThat(rotated.currentKeyId()).isNotEqualTo(generated.currentKeyId());
    assertThat(rotated.decrypt(stored)).isEqualTo("db-password");
  }

  @Test
  void corruptKeyFileIsReportedWithoutItsContent() throws Exception {
    Files.writeString(dataDir.resolve("secret.key"), "garbage-value");

    assertThatThrownBy(() -> SecretKeys.load(Optional.empty(), List.of(), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret.key")
        .hasMessageNotContaining("garbage-value");
  }

  @Test
  void theReadOnlyLoaderNeverCreatesAKeyNorItsDirectory() {
    Path nested = dataDir.resolve("not/there");

    assertThat(SecretKeys.loadExisting(Optional.empty(), List.of(), nested)).isEmpty();
    assertThat(SecretKeys.loadExisting(Optional.of(" "), List.of(), dataDir)).isEmpty();

    assertThat(nested).doesNotExist();
    assertThat(dataDir.resolve("secret.key")).doesNotExist();
  }

  @Test
  void theReadOnlyLoaderUsesTheServersKeyFileOrTheConfiguredKey() throws Exception {
    SecretBox server = SecretKeys.load(Optional.empty(), List.of(), dataDir);
    String stored = server.encrypt("db-password");

    SecretBox existing =
        SecretKeys.loadExisting(Optional.empty(), List.of(), dataDir).orElseThrow();
    assertThat(existing.currentKeyId()).isEqualTo(server.currentKeyId());
    assertThat(existing.decrypt(stored)).isEqualTo("db-password");

    SecretBox configured =
        SecretKeys.loadExisting(Optional.of(CONFIGURED_KEY), List.of(), dataDir).orElseThrow();
    assertThat(configured.currentKeyId())
        .isEqualTo(SecretBox.Key.fromBytes(Base64.getDecoder().decode(CONFIGURED_KEY)).id());
  }

  @Test
  void theReadOnlyLoaderRefusesACorruptKeyFileWithoutItsContent() throws Exception {
    Files.writeString(dataDir.resolve("secret.key"), "garbage-value");

    assertThatThrownBy(() -> SecretKeys.loadExisting(Optional.empty(), List.of(), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret.key")
        .hasMessageNotContaining("garbage-value");
    assertThat(Files.readString(dataDir.resolve("secret.key"))).isEqualTo("garbage-value");
  }
}
