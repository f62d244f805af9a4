package org.ripieno.security.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the central database (database credentials, SMTP/SMS keys, webhook
 * secrets) so that a copy of the database alone does not reveal them.
 *
 * <p>Values are sealed with AES-256-GCM under the current key and stored as {@code
 * enc:v1:<keyId>:<base64url(iv || ciphertext+tag)>}. The key id travels with the value so that a
 * new key can be introduced while values sealed under older keys remain readable until they are
 * written again.
 */
public final class SecretBox {

  private static final String PREFIX = "enc:v1:";
  private static final Pattern ENCRYPTED_VALUE =
      Pattern.compile("enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+");
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;
  private static final int MASK_VISIBLE_CHARACTERS = 4;
  public static final String MASK = "***";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Key currentKey;
  private final Map<String, Key> keysById;

  /**
   * @param currentKey the key new values are encrypted with (and that also decrypts)
   * @param previousKeys keys that are only used to decrypt values written before a rotation
   */
  public SecretBox(Key currentKey, List<Key> previousKeys) {
    this.currentKey = Objects.requireNonNull(currentKey, "currentKey");
    Map<String, Key> keys = new LinkedHashMap<>();
    keys.put(currentKey.id(), currentKey);
    for (Key previous : Objects.requireNonNull(previousKeys, "previousKeys")) {
      keys.putIfAbsent(Objects.requireNonNull(previous, "previous key").id(), previous);
    }
    this.keysById = Map.copyOf(keys);
  }

  /** Id of the key that new values are encrypted with. */
  public String currentKeyId() {
    return currentKey.id();
  }

  /** Encrypts {@code plaintext} under the current key; {@code null} stays {@code null}. */
  public String encrypt(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    String header = PREFIX + currentKey.id();
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, currentKey.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] payload = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return header + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a secret with AES-256-GCM", e);
    }
  }

  /**
   * Decrypts a value produced by {@link #encrypt}; {@code null} stays {@code null}.
   *
   * @throws IllegalStateException when the value is not an encrypted value, names a key that is not
   *     configured, or was altered; the message never contains the value
   */
  public String decrypt(String stored) {
    if (stored == null) {
      return null;
    }
    if (!isEncrypted(stored)) {
      throw new IllegalStateException("The stored secret is not an enc:v1 encrypted value");
    }
    int keyIdEnd = stored.indexOf(':', PREFIX.length());
    String keyId = stored.substring(PREFIX.length(), keyIdEnd);
    Key key = keysById.get(keyId);
    if (key == null) {
      throw new IllegalStateException(
          "The stored secret was encrypted with key "
              + keyId
              + ", which is neither ripieno.secret-key nor one of the previous keys");
    }
    byte[] payload;
    try {
      payload = Base64.getUrlDecoder().decode(stored.substring(keyIdEnd + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The stored secret is malformed (invalid base64)");
    }
    if (payload.length < IV_BYTES + TAG_BITS / Byte.SIZE) {
      throw new IllegalStateException("The stored secret is malformed (too short)");
    }
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(
          Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, payload, 0, IV_BYTES));
      cipher.updateAAD(stored.substring(0, keyIdEnd).getBytes(StandardCharsets.US_ASCII));
      byte[] plaintext = cipher.doFinal(payload, IV_BYTES, payload.length - IV_BYTES);
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "The stored secret failed authentication with key " + keyId + ": it was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not decrypt a stored secret with key " + keyId, e);
    }
  }

  /** Whether {@code value} has the shape of a value produced by {@link #encrypt}. */
  public static boolean isEncrypted(String value) {
    return value != null && ENCRYPTED_VALUE.matcher(value).matches();
  }

  /**
   * Masks a secret for API responses: {@code ***} followed by its last four characters, or {@code
   * ***} alone when it is too short to show any of it safely.
   */
  public static String mask(String secret) {
    if (secret == null) {
      return null;
    }
    int length = secret.codePointCount(0, secret.length());
    if (length <= MASK_VISIBLE_CHARACTERS) {
      return MASK;
    }
    int visibleFrom = secret.offsetByCodePoints(0, length - MASK_VISIBLE_CHARACTERS);
    return MASK + secret.substring(visibleFrom);
  }

  /**
   * A 256-bit AES key with its id, the first 8 hex characters of the SHA-256 of its bytes, so the
   * id can be stored next to each value without revealing the key.
   */
  public static final class Key {

    private final String id;
    private final byte[] bytes;

    private Key(byte[] bytes) {
      this.bytes = bytes;
      this.id = idOf(bytes);
    }

    /** Wraps a copy of exactly 32 raw key bytes. */
    public static Key fromBytes(byte[] bytes) {
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "A secret key must be exactly " + KEY_BYTES + " bytes, not " + bytes.length);
      }
      return new Key(bytes.clone());
    }

    public String id() {
      return id;
    }

    private SecretKeySpec aesKey() {
      return new SecretKeySpec(bytes, "AES");
    }

    private static String idOf(byte[] bytes) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return HexFormat.of().formatHex(Arrays.copyOf(digest, 4));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }

    /** Shows the id only, so a key never ends up in a log by accident. */
    @Override
    public String toString() {
      return "SecretBox.Key[" + id + "]";
    }
  }
}
