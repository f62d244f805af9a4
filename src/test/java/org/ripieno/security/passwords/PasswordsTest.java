package org.ripieno.security.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks that Ripieno's hashes and the legacy system's bcrypt hashes verify alike. */
class PasswordsTest {

  private static final String LEGACY_PASSWORD = "correct horse battery staple";

  /** Made outside this code with {@code htpasswd -bnBC 10 "" 'correct horse battery staple'}. */
  private static final String LEGACY_2Y_HASH =
      "$2y$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi";

  /** The same hash with the {@code $2b$} prefix the legacy system wrote; equally valid. */
  private static final String LEGACY_2B_HASH =
      "$2b$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi";

  private static final String LEGACY_2A_HASH =
      "$2a$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi";

  /** {@code htpasswd -bnBC 10 "" 'Grüße, Walküre!'}: non-ASCII passwords are hashed as UTF-8. */
  private static final String LEGACY_UTF8_HASH =
      "$2y$10$ib78lkKxlOXZElTI6zHvgONFfPNCmT1wKasVZWDr24j0m8X3TyKde";

  /** {@code htpasswd} with {@code "abcdefghij" x 8}: only the first 72 bytes count in bcrypt. */
  private static final String LEGACY_80_CHARACTER_HASH =
      "$2y$10$G7mn0WNnNurp1XyZFHNimuVMT325rBvsxg3CkdUgZr4McSMY4BnGS";

  @Test
  void legacyHashMadeElsewhereMatchesItsPassword() {
    assertThat(Passwords.matches(LEGACY_PASSWORD, LEGACY_2B_HASH)).isTrue();
    assertThat(Passwords.matches(LEGACY_PASSWORD, LEGACY_2Y_HASH)).isTrue();
    assertThat(Passwords.matches(LEGACY_PASSWORD, LEGACY_2A_HASH)).isTrue();
  }

  @Test
  void legacyHashRejectsWrongPassword() {
    assertThat(Passwords.matches("correct horse battery stapler", LEGACY_2B_HASH)).isFalse();
    assertThat(Passwords.matches("Correct horse battery staple", LEGACY_2Y_HASH)).isFalse();
    assertThat(Passwords.matches("", LEGACY_2A_HASH)).isFalse();
  }

  @Test
  void legacyNonAsciiPasswordMatches() {
    assertThat(Passwords.matches("Grüße, Walküre!", LEGACY_UTF8_HASH)).isTrue();
    assertThat(Passwords.matches("Grusse, Walkure!", LEGACY_UTF8_HASH)).isFalse();
  }

  @Test
  void longPasswordsCountTheirFirst72BytesLikeOtherBcryptImplementations() {
    String eighty = "abcdefghij".repeat(8);
    assertThat(Passwords.matches(eighty, LEGACY_80_CHARACTER_HASH)).isTrue();
    assertThat(Passwords.matches(eighty.substring(0, 72) + "zzz", LEGACY_80_CHARACTER_HASH))
        .isTrue();
    assertThat(Passwords.matches(eighty.substring(0, 71), LEGACY_80_CHARACTER_HASH)).isFalse();
    assertThat(Passwords.matches(eighty, Passwords.hash(eighty))).isTrue();
  }

  @Test
  void hashIsBcrypt2bCost10AndVerifies() {
    String hash = Passwords.hash("s3cret-Passw0rd");

    assertThat(hash).startsWith("$2b$10$").hasSize(60);
    assertThat(Passwords.matches("s3cret-Passw0rd", hash)).isTrue();
    assertThat(Passwords.matches("s3cret-Passw0rd ", hash)).isFalse();
  }

  @Test
  void samePasswordHashesDifferentlyEachTime() {
    assertThat(Passwords.hash("same")).isNotEqualTo(Passwords.hash("same"));
  }

  @Test
  void badInputIsFalseNotAnException() {
    String hash = Passwords.hash("password");
    for (String badHash :
        new String[] {
          null,
          "",
          "password",
          "$2b$10$short",
          "$2x$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi",
          "$2b$99$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi",
          "$2b$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiX!",
          "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
          hash + "x"
        }) {
      assertThatCode(() -> assertThat(Passwords.matches("password", badHash)).isFalse())
          .as("hash %s", badHash)
          .doesNotThrowAnyException();
    }
    assertThat(Passwords.matches(null, hash)).isFalse();
  }

  @Test
  void generatedPasswordsAre20UnambiguousLettersAndDigits() {
    Set<String> generated = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String password = Passwords.generate();
      assertThat(password).hasSize(20).matches("[A-Za-z2-9]+").doesNotContain("O", "l", "I");
      generated.add(password);
    }
    assertThat(generated).hasSize(200);
  }

  @Test
  void generatedPasswordCanBeHashedAndVerified() {
    String password = Passwords.generate();
    assertThat(Passwords.matches(password, Passwords.hash(password))).isTrue();
  }

  @Test
  void aGeneratedPasswordIsHashedWithBcrypt2bAtTheMinimumCost() {
    Passwords.Generated generated = Passwords.generateHashed();

    assertThat(generated.password()).hasSize(20).matches("[A-Za-z2-9]+");
    assertThat(generated.hash()).startsWith("$2b$04$").hasSize(60);
    assertThat(Passwords.matches(generated.password(), generated.hash())).isTrue();
    assertThat(Passwords.matches(generated.password() + "x", generated.hash())).isFalse();
    assertThat(generated.toString()).doesNotContain(generated.password());
  }

  @Test
  void aChosenPasswordKeepsCost10() {
    assertThat(Passwords.hash(Passwords.generate())).startsWith("$2b$10$");
  }

  @Test
  void theLoginCheckAnswersLikeMatchesForEveryKindOfHash() {
    Passwords.Generated generated = Passwords.generateHashed();
    String chosen = Passwords.hash("chosen-password");

    assertThat(Passwords.matchesTakingFullCost(generated.password(), generated.hash())).isTrue();
    assertThat(Passwords.matchesTakingFullCost("wrong", generated.hash())).isFalse();
    assertThat(Passwords.matchesTakingFullCost("chosen-password", chosen)).isTrue();
    assertThat(Passwords.matchesTakingFullCost("wrong", chosen)).isFalse();
    assertThat(Passwords.matchesTakingFullCost(LEGACY_PASSWORD, LEGACY_2Y_HASH)).isTrue();
    assertThat(Passwords.matchesTakingFullCost("anything", null)).isFalse();
    assertThat(Passwords.matchesTakingFullCost("anything", "not a hash")).isFalse();
  }

  /**
   * A login must not tell by its time whether the account exists or still has its generated
   * password: checking a cost-4 hash, or none, takes as long as a cost-10 one. Fastest of five
   * each, so that a busy machine slows the reference rather than the subject; without the decoy the
   * cost-4 check takes a 64th of the time, far below the half asserted.
   */
  @Test
  void theLoginCheckOfAGeneratedPasswordOrOfNoAccountTakesAsLongAsAChosenPasswords() {
    Passwords.Generated generated = Passwords.generateHashed();
    String chosen = Passwords.hash("chosen-password");
    long reference = fastestOfFive(() -> Passwords.matches("wrong", chosen));

    assertThat(fastestOfFive(() -> Passwords.matchesTakingFullCost("wrong", generated.hash())))
        .isGreaterThan(reference / 2);
    assertThat(fastestOfFive(() -> Passwords.matchesTakingFullCost("wrong", null)))
        .isGreaterThan(reference / 2);
  }

  private static long fastestOfFive(Runnable check) {
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long started = System.nanoTime();
      check.run();
      fastest = Math.min(fastest, System.nanoTime() - started);
    }
    return fastest;
  }

  @Test
  void theCostIsReadFromTheHash() {
    assertThat(Passwords.costOf(LEGACY_2Y_HASH)).isEqualTo(10);
    assertThat(Passwords.costOf(Passwords.generateHashed().hash())).isEqualTo(4);
    assertThat(Passwords.costOf(null)).isZero();
    assertThat(Passwords.costOf("enc:v1:abc")).isZero();
  }
}
