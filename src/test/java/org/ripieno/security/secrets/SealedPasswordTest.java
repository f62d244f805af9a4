package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ripieno.security.passwords.Passwords;

/** A generated password sealed until a background job hashes it (provisioning's first admin). */
class SealedPasswordTest {

  private static final SecretBox BOX =
      new SecretBox(SecretBox.Key.fromBytes(new byte[32]), List.of());

  @AfterEach
  void uninstall() {
    EncryptedString.uninstall();
  }

  @Test
  void aSealedPasswordIsEncryptedAndNeverMatchesAsAHash() {
    EncryptedString.install(BOX);
    String password = Passwords.generate();

    String sealed = Passwords.seal(password);

    assertThat(sealed).doesNotContain(password);
    assertThat(Passwords.isSealed(sealed)).isTrue();
    assertThat(Passwords.matches(password, sealed)).isFalse();
  }

  @Test
  void hashingASealedPasswordGivesTheBcryptHashOfThePassword() {
    EncryptedString.install(BOX);
    String password = Passwords.generate();

    String hash = Passwords.hashSealed(Passwords.seal(password));

    assertThat(Passwords.isSealed(hash)).isFalse();
    assertThat(hash).startsWith("$2b$10$");
    assertThat(Passwords.matches(password, hash)).isTrue();
  }
}
