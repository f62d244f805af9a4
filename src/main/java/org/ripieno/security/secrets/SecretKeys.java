package org.ripieno.security.secrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.config.RipienoSettings;

/**
 * Builds the {@link SecretBox} from configuration, so that a single instance works without any
 * setup (a key generated once and kept in the data directory) while several instances can share one
 * configured key ({@code ripieno.secret-key}).
 */
public final class SecretKeys {

  /** Name of the file in the data directory that holds the generated key. */
  public static final String KEY_FILE_NAME = "secret.key";

  private static final String CONFIG_KEY = "ripieno.secret-key";
  private static final int KEY_BYTES = 32;
  private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

  private SecretKeys() {}

  /**
   * The box the configuration describes ({@code ripieno.secret-key}, {@code
   * ripieno.secret-key.previous}, else the key file in {@code ripieno.data-dir}): one rule for the
   * server and the operators' command line, so both read and write the same secrets.
   */
  public static SecretBox load(RipienoSettings settings) {
    return load(
        settings.optional(CONFIG_KEY), settings.list(CONFIG_KEY + ".previous"), settings.dataDir());
  }

  /**
   * Returns a box whose current key is {@code configuredKey} (base64 of 32 bytes) or, when none is
   * configured, the key kept in {@code <dataDir>/secret.key}, generated on first use.
   *
   * @param previousKeys base64 keys that were current before a rotation; used only to decrypt
   * @throws IllegalArgumentException when a configured key is not base64 of exactly 32 bytes
   */
  public static SecretBox load(
      Optional<String> configuredKey, List<String> previousKeys, Path dataDir) {
    SecretBox.Key currentKey =
        configuredKey.filter(key -> !key.isBlank()).isPresent()
            ? SecretBox.Key.fromBytes(decodeConfigured(configuredKey.get(), CONFIG_KEY))
            : SecretBox.Key.fromBytes(readOrCreateKeyFile(dataDir));
    return new SecretBox(currentKey, previousKeys(previousKeys));
  }

  /**
   * The box the configuration describes, read-only: the configured key ({@code ripieno.secret-key},
   * with {@code ripieno.secret-key.previous}) or the key file that already exists in {@code
   * ripieno.data-dir}. Unlike {@link #load(RipienoSettings)} it never generates a key: a tool that
   * works on the server's data must use the server's key, and a key of its own would encrypt values
   * the server cannot read.
   *
   * @return empty when no key is configured and the data directory holds no key file
   */
  public static Optional<SecretBox> loadExisting(RipienoSettings settings) {
    return loadExisting(
        settings.optional(CONFIG_KEY), settings.list(CONFIG_KEY + ".previous"), settings.dataDir());
  }

  /**
   * As {@link #load(Optional, List, Path)}, but reading {@code <dataDir>/secret.key} only when it
   * exists: nothing is created, neither the file nor the directory.
   *
   * @return empty when no key is configured and there is no key file
   * @throws IllegalArgumentException when a configured key is not base64 of exactly 32 bytes
   * @throws IllegalStateException when the key file does not hold such a key
   */
  public static Optional<SecretBox> loadExisting(
      Optional<String> configuredKey, List<String> previousKeys, Path dataDir) {
    if (configuredKey.filter(key -> !key.isBlank()).isPresent()) {
      return Optional.of(load(configuredKey, previousKeys, dataDir));
    }
    Path keyFile = dataDir.resolve(KEY_FILE_NAME).toAbsolutePath();
    Optional<OwnerOnlyFiles.Key> key = OwnerOnlyFiles.readKey(keyFile);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretBox(
            SecretBox.Key.fromBytes(checked(key.get(), keyFile)), previousKeys(previousKeys)));
  }

  private static List<SecretBox.Key> previousKeys(List<String> previousKeys) {
    List<SecretBox.Key> decryptOnlyKeys = new ArrayList<>();
    for (int i = 0; i < previousKeys.size(); i++) {
      String description = "previous key number " + (i + 1) + " of " + CONFIG_KEY;
      decryptOnlyKeys.add(
          SecretBox.Key.fromBytes(decodeConfigured(previousKeys.get(i), description)));
    }
    return decryptOnlyKeys;
  }

  private static byte[] decodeConfigured(String base64, String description) {
    byte[] bytes = decodeBase64(base64);
    if (bytes == null || bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "The "
              + description
              + " must be base64 of exactly "
              + KEY_BYTES
              + " bytes (for example the output of: openssl rand -base64 32)");
    }
    return bytes;
  }

  /** Accepts standard and URL-safe base64, with or without padding; {@code null} if neither. */
  private static byte[] decodeBase64(String base64) {
    if (base64 == null) {
      return null;
    }
    String trimmed = base64.strip();
    try {
      return Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(trimmed);
      } catch (IllegalArgumentException notUrlSafe) {
        return null;
      }
    }
  }

  private static byte[] readOrCreateKeyFile(Path dataDir) {
    Path keyFile = dataDir.resolve(KEY_FILE_NAME).toAbsolutePath();
    OwnerOnlyFiles.Key key = OwnerOnlyFiles.readOrGenerateKey(keyFile, KEY_BYTES);
    byte[] bytes = checked(key, keyFile);
    LOG.info(
        "Secrets at rest are encrypted with the key "
            + (key.generated() ? "generated in " : "kept in ")
            + keyFile
            + "; set "
            + CONFIG_KEY
            + " instead when running several instances, so they all share one key");
    return bytes;
  }

  private static byte[] checked(OwnerOnlyFiles.Key key, Path keyFile) {
    if (key.bytes() == null || key.bytes().length != KEY_BYTES) {
      throw new IllegalStateException(
          "The secret key file "
              + keyFile
              + " does not hold base64 of exactly "
              + KEY_BYTES
              + " bytes; restore it from a backup (values encrypted with it cannot be read"
              + " without it)");
    }
    return key.bytes();
  }
}
