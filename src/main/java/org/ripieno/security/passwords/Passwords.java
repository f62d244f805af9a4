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
 * <p>Two costs. A password a person chooses is hashed with cost 10: its entropy is low, and the
 * cost is what slows down guessing it from a stolen hash. A password this code generates ({@link
 * #generateHashed}) is hashed with bcrypt's minimum cost, 4: 20 characters drawn at random from 57
 * carry about 117 bits, so guessing it from its hash takes 2^116 tries on average, out of reach
 * whatever each try costs. Cost 10 would make each try 64 times (2^6) dearer, which changes nothing
 * there, and would cost the platform a tenth of a second of CPU per generated password. Nor is it
 * kept for long: {@code mustChangePassword} makes the person replace it (hashed with cost 10) at
 * the first sign-in. Both hashes are {@code $2b$}; {@link #matches} reads the cost from the hash.
 *
 * <p>Passwords longer than 72 bytes are handled as bcrypt itself (OpenBSD, PHP, Node) does: only
 * the first 72 bytes count. Rejecting them instead would lock out legacy users whose hashes were
 * made that way.
 */
public final class Passwords {

  /** bcrypt's cost for a password a person chooses. */
  private static final int COST = 10;

  /** bcrypt's minimum cost, for a password this code generates (117 bits of entropy). */
  private static final int GENERATED_COST = 4;

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

  /**
   * Checked when the stored hash is cheaper than a chosen password's (or missing), so that a login
   * takes as long whatever it checks.
   */
  private static final String FULL_COST_DECOY = hash("no such password: timing only");

  /** Checked beside a chosen password's hash, so that a login costs one check of each cost. */
  private static final String GENERATED_COST_DECOY =
      HASHER.hashToString(GENERATED_COST, "no such password: timing only".toCharArray());

  private Passwords() {}

  /** A password this code generated, and its hash; the password is shown once, never stored. */
  public record Generated(String password, String hash) {
    @Override
    public String toString() {
      return "Generated[hash=" + hash + "]";
    }
  }

  /**
   * Returns a {@code $2b$} bcrypt hash of {@code password} with cost 10, for a password a person
   * chose.
   */
  public static String hash(String password) {
    Objects.requireNonNull(password, "password");
    return HASHER.hashToString(COST, password.toCharArray());
  }

  /**
   * A new generated password ({@link #generate}) with its {@code $2b$} bcrypt hash at the minimum
   * cost, 4 (about a millisecond instead of a tenth of a second): see the class comment for why
   * that is safe for a generated password and never for a chosen one.
   */
  public static Generated generateHashed() {
    String password = generate();
    return new Generated(password, hashGenerated(password));
  }

  private static String hashGenerated(String generatedPassword) {
    return HASHER.hashToString(GENERATED_COST, generatedPassword.toCharArray());
  }

  /**
   * As {@link #matches}, but taking as long whatever it checks: for a login, whose answer time must
   * not tell whether the account exists ({@code hash} null) or still has a generated password (cost
   * 4). Every call checks one hash of each cost, the stored one and a decoy of the other cost (both
   * decoys when there is no usable hash), and drops the decoys' results.
   */
  public static boolean matchesTakingFullCost(String password, String hash) {
    String given = password == null ? "" : password;
    int cost = costOf(hash);
    boolean matches = matches(password, hash);
    if (cost != GENERATED_COST) {
      matches(given, GENERATED_COST_DECOY);
    }
    if (cost < COST) {
      matches(given, FULL_COST_DECOY);
    }
    return matches;
  }

  /** The cost written in an accepted bcrypt hash; 0 for anything else. */
  static int costOf(String hash) {
    return hash != null && ACCEPTED_HASH.matcher(hash).matches()
        ? Integer.parseInt(hash.substring(4, 6))
        : 0;
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
   * Whether a stored value is a generated password sealed for later hashing (encrypted with the
   * platform's secret key, {@code enc:v1:...}) rather than a hash. Earlier versions stored a new
   * orchestra's first admin's password so, and left the bcrypt hash (cost 10) to the provisioning
   * run; a run of such a version that stopped half-way can leave one, which the resumed run
   * replaces ({@link #hashSealed}). A sealed value never matches: {@link #matches} takes bcrypt
   * hashes only.
   */
  public static boolean isSealed(String stored) {
    return SecretBox.isEncrypted(stored);
  }

  /** The hash of a sealed generated password, at the cost of a generated password. */
  public static String hashSealed(String sealed) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("Not a sealed password");
    }
    return hashGenerated(new EncryptedString().convertToEntityAttribute(sealed));
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
