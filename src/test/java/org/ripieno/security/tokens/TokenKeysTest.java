package org.ripieno.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated key must be private and stable; a configured key must be long enough. */
class TokenKeysTest {

  @TempDir Path dataDir;

  @Test
  void generatesAPrivateKeyOnceAndReusesIt() throws Exception {
    byte[] first = TokenKeys.load(Optional.empty(), dataDir);
    Path file = dataDir.resolve(TokenKeys.KEY_FILE);

    assertThat(first).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
    assertThat(TokenKeys.load(Optional.of("  "), dataDir)).isEqualTo(first);
  }

  @Test
  void createsTheDataDirectory() {
    Path nested = dataDir.resolve("a/b");

    assertThat(TokenKeys.load(Optional.empty(), nested)).hasSize(32);
    assertThat(nested.resolve(TokenKeys.KEY_FILE)).exists();
  }

  @Test
  void usesTheConfiguredKeyAndWritesNoFile() {
    byte[] key = new byte[48];
    key[0] = 7;

    assertThat(TokenKeys.load(Optional.of(Base64.getEncoder().encodeToString(key)), dataDir))
        .isEqualTo(key);
    assertThat(dataDir.resolve(TokenKeys.KEY_FILE)).doesNotExist();
  }

  @Test
  void refusesAShortConfiguredKeyWithoutShowingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> TokenKeys.load(Optional.of(shortKey), dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ripieno.token.signing-key")
        .message()
        .doesNotContain(shortKey);
  }

  @Test
  void refusesAConfiguredKeyThatIsNotBase64() {
    assertThatThrownBy(() -> TokenKeys.load(Optional.of("not base64 at all!"), dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ripieno.token.signing-key")
        .hasNoCause();
  }

  @Test
  void refusesAKeyFileWithoutAUsableKey() throws Exception {
    Files.writeString(dataDir.resolve(TokenKeys.KEY_FILE), "c2hvcnQ=");

    assertThatThrownBy(() -> TokenKeys.load(Optional.empty(), dataDir))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsRefuseAShortKey() {
    assertThatThrownBy(() -> TokenSettings.withKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
