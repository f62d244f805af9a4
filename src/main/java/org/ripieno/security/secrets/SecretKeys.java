package org.ripieno.security.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

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
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());
  private static final Object KEY_FILE_LOCK = new Object();

  private SecretKeys() {}

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
    List<SecretBox.Key> decryptOnlyKeys = new ArrayList<>();
    for (int i = 0; i < previousKeys.size(); i++) {
      String description = "previous key number " + (i + 1) + " of " + CONFIG_KEY;
      decryptOnlyKeys.add(
          SecretBox.Key.fromBytes(decodeConfigured(previousKeys.get(i), description)));
    }
    return new SecretBox(currentKey, decryptOnlyKeys);
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
    Path keyFile = dataDir.resolve(KEY_FILE_NAME);
    synchronized (KEY_FILE_LOCK) {
      try {
        Files.createDirectories(dataDir);
        byte[] key = createKeyFile(keyFile);
        if (key == null) {
          key = readKeyFile(keyFile);
        }
        LOG.info(
            "Secrets at rest are encrypted with the key generated in "
                + keyFile.toAbsolutePath()
                + "; set "
                + CONFIG_KEY
                + " instead when running several instances, so they all share one key");
        return key;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not read or create the secret key file " + keyFile, e);
      }
    }
  }

  /** Creates the file owner-only before writing to it; {@code null} when it already exists. */
  private static byte[] createKeyFile(Path keyFile) throws IOException {
    try {
      createOwnerOnlyFile(keyFile);
    } catch (FileAlreadyExistsException e) {
      return null;
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key) + System.lineSeparator();
    Files.write(
        keyFile,
        encoded.getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.SYNC);
    return key;
  }

  private static void createOwnerOnlyFile(Path keyFile) throws IOException {
    FileAttribute<Set<PosixFilePermission>> ownerOnly =
        PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
    try {
      Files.createFile(keyFile, ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(keyFile);
      var file = keyFile.toFile();
      boolean restricted =
          file.setReadable(false, false)
              && file.setWritable(false, false)
              && file.setReadable(true, true)
              && file.setWritable(true, true);
      if (!restricted) {
        LOG.warning("Could not restrict " + keyFile.toAbsolutePath() + " to its owner");
      }
    }
  }

  private static byte[] readKeyFile(Path keyFile) throws IOException {
    byte[] key = decodeBase64(Files.readString(keyFile, StandardCharsets.US_ASCII));
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalStateException(
          "The secret key file "
              + keyFile.toAbsolutePath()
              + " does not hold base64 of exactly "
              + KEY_BYTES
              + " bytes; restore it from a backup (values encrypted with it cannot be read"
              + " without it)");
    }
    return key;
  }
}
