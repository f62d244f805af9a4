package org.ripieno.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Orchestra API keys ({@code sk_<subdomain>_<48 hex>}, the legacy format). A key is shown once,
 * when generated; central keeps only its SHA-256 hash (the key is random, so no slow hash is
 * needed) and its last four characters for display.
 */
public final class ApiKeys {

  /** How a stored hash begins; a stored value without it is a legacy plaintext key. */
  public static final String HASH_PREFIX = "sha256:";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /**
   * @param key the key to hand out, once
   * @param hash what to store in {@code Orchestra.apiKey}
   * @param last4 what to store in {@code Orchestra.apiKeyLast4}
   */
  public record Generated(String key, String hash, String last4) {
    @Override
    public String toString() {
      return "ApiKey[***" + last4 + "]";
    }
  }

  public static Generated generate(String subdomain) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String key = "sk_" + subdomain + "_" + HexFormat.of().formatHex(random);
    return new Generated(key, hash(key), key.substring(key.length() - 4));
  }

  /** Whether a presented key is the one whose hash is stored; constant time. */
  public static boolean matches(String presented, String storedHash) {
    if (presented == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(presented).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** The hash of a key, as {@code Orchestra.apiKey} holds it: {@code sha256:<64 hex>}. */
  public static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HASH_PREFIX
          + HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
