package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ripieno.security.passwords.Passwords;

/**
 * A generated password left sealed by an earlier version (a new orchestra's first admin whose
 * provisioning run stopped half-way), until the resumed run hashes it.
 */
class SealedPasswordTest {

  private static final SecretBox BOX =
      new SecretBox(SecretBox.Key.fromBytes(new byte[32]), List.of());

  @AfterEach
  void uninstall() {
    EncryptedString.uninstall();
  }

  /** What the earlier versions' {@code Passwords.seal} stored. */
  private static String sealed(String password) {
    return new EncryptedString().convertToDatabaseColumn(password);
  }

  @Test
  void aSealedPasswordIsEncryptedAndNeverMatchesAsAHash() {
    EncryptedString.install(BOX);
    String password = Passwords.generate();

    String sealed = sealed(password);

    assertThat(sealed).doesNotContain(password);
    assertThat(Passwords.isSealed(sealed)).isTrue();
    assertThat(Passwords.matches(password, sealed)).isFalse();
    assertThat(Passwords.matchesTakingFullCost(password, sealed)).isFalse();
  }

  @Test
  void hashingASealedPasswordGivesTheGeneratedPasswordsBcryptHash() {
    EncryptedString.install(BOX);
    String password = Passwords.generate();

    String hash = Passwords.hashSealed(sealed(password));

    assertThat(Passwords.isSealed(hash)).isFalse();
    assertThat(hash).startsWith("$2b$04$");
    assertThat(Passwords.matches(password, hash)).isTrue();
  }
}
