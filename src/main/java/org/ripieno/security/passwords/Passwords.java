package org.ripieno.security.passwords;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.secrets.SecretBox;

/**
 * Hashes and checks user passwords with bcrypt, accepting the {@code $2a$}, {@code $2b$} and {@code
 * $2y$} hashes of the legacy system as they are, so migrated users keep their passwords.
 *
 * <p>Passwords longer than 72 bytes are handled as bcrypt itself (OpenBSD, PHP, Node) does: only
 * the first 72 bytes count. Rejecting them instead would lock out legacy users whose hashes were
 * made that way.
 */
public final class Passwords {

  private static final int COST = 10;
  private static final int GENERATED_LENGTH = 20;
  private static final String GENERATED_ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final Pattern ACCEPTED_HASH =
      Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BCrypt.Hasher HASHER =
      BCrypt.with(BCrypt.Version.VERSION_2B, RANDOM, LongPasswordStrategies.none());
  private static final BCrypt.Verifyer VERIFIER =
      BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.none());

  private Passwords() {}

  /** Returns a {@code $2b$} bcrypt hash of {@code password} with cost 10. */
  public static String hash(String password) {
    Objects.requireNonNull(password, "password");
    return HASHER.hashToString(COST, password.toCharArray());
  }

  /**
   * Whether {@code password} matches a {@code $2a$}, {@code $2b$} or {@code $2y$} bcrypt hash;
   * {@code false} for a missing password or a missing or malformed hash, never an exception.
   */
  public static boolean matches(String password, String hash) {
    if (password == null || hash == null || !ACCEPTED_HASH.matcher(hash).matches()) {
      return false;
    }
    try {
      return VERIFIER.verify(password.toCharArray(), hash.toCharArray()).verified;
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /**
   * A generated password sealed for later hashing: encrypted with the platform's secret key (as
   * central's other secrets are), stored where its hash goes until {@link #hashSealed} replaces it.
   * It never matches ({@link #matches} takes bcrypt hashes only), so nobody signs in with it; it
   * lets a background job pay for the bcrypt hash instead of the request that generated the
   * password, and a job that stops half-way still finds it.
   */
  public static String seal(String generatedPassword) {
    Objects.requireNonNull(generatedPassword, "generatedPassword");
    return new EncryptedString().convertToDatabaseColumn(generatedPassword);
  }

  /** Whether a stored value is a sealed password ({@link #seal}) rather than a hash. */
  public static boolean isSealed(String stored) {
    return SecretBox.isEncrypted(stored);
  }

  /** The bcrypt hash (cost 10) of a sealed password. */
  public static String hashSealed(String sealed) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("Not a sealed password");
    }
    return hash(new EncryptedString().convertToEntityAttribute(sealed));
  }

  /**
   * Returns a random 20-character password of letters and digits, leaving out the look-alikes 0, O,
   * 1, l and I so it can be read out or typed without mistakes.
   */
  public static String generate() {
    StringBuilder password = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      password.append(GENERATED_ALPHABET.charAt(RANDOM.nextInt(GENERATED_ALPHABET.length())));
    }
    return password.toString();
  }
}
