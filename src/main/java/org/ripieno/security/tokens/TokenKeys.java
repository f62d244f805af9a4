package org.ripieno.security.tokens;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.ripieno.config.OwnerOnlyFiles;

/**
 * Finds the key own tokens are signed with: the configured one, else one generated on first start
 * and kept in the data directory, so tokens survive a restart of a single instance without any
 * setup. Several instances must share a configured key, which the log line says.
 */
public final class TokenKeys {

  /** The file the generated key is kept in, inside the data directory. */
  public static final String KEY_FILE = "token-signing.key";

  private static final String PROPERTY = "ripieno.token.signing-key";
  private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());

  private TokenKeys() {}

  /**
   * The signing key.
   *
   * @param configuredBase64 {@code ripieno.token.signing-key}: base64 of at least 32 bytes; empty
   *     or blank means none is configured
   * @param dataDir where a generated key is kept
   * @throws IllegalArgumentException if the configured key is not base64 or too short (the message
   *     names the property, never the value)
   * @throws IllegalStateException if the key file exists but holds no usable key
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static byte[] load(Optional<String> configuredBase64, Path dataDir) {
    Optional<String> configured = configuredBase64.map(String::strip).filter(v -> !v.isEmpty());
    if (configured.isPresent()) {
      byte[] key = decode(configured.get());
      if (key == null || key.length < TokenSettings.MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            PROPERTY
                + " must be the base64 encoding of at least "
                + TokenSettings.MIN_KEY_BYTES
                + " bytes");
      }
      return key;
    }
    return fromFile(dataDir);
  }

  private static byte[] fromFile(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE).toAbsolutePath();
    OwnerOnlyFiles.Key key = OwnerOnlyFiles.readOrGenerateKey(file, TokenSettings.MIN_KEY_BYTES);
    if (key.bytes() == null || key.bytes().length < TokenSettings.MIN_KEY_BYTES) {
      throw new IllegalStateException(
          file + " holds no usable token signing key; delete it to generate a new one");
    }
    LOG.info(
        "Token signing key "
            + (key.generated() ? "generated and kept in " : "read from ")
            + file
            + "; set "
            + PROPERTY
            + " when running several instances");
    return key.bytes();
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
