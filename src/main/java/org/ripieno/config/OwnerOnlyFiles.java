package org.ripieno.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Files in the data directory that only their owner may read: generated keys and the first
 * superadmin's password. Each is created owner-only before anything is written to it, so there is
 * no moment at which others could read it.
 */
public final class OwnerOnlyFiles {

  /** A key kept in a file, and whether this call generated it. */
  public record Key(byte[] bytes, boolean generated) {}

  private static final Object LOCK = new Object();

  private OwnerOnlyFiles() {}

  /**
   * The base64 key in the file, or a new random key of {@code length} bytes written there when the
   * file does not exist yet.
   *
   * @return the key; {@code bytes} is null when the file holds no base64 (the caller says why it
   *     cannot use it)
   */
  public static Key readOrGenerateKey(Path file, int length) {
    synchronized (LOCK) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (create(file)) {
          byte[] key = new byte[length];
          new SecureRandom().nextBytes(key);
          write(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator());
          return new Key(key, true);
        }
        return new Key(decode(Files.readString(file, StandardCharsets.US_ASCII).strip()), false);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read or create " + file.toAbsolutePath(), e);
      }
    }
  }

  /**
   * The base64 key in the file, read only: nothing is created when there is no such file.
   *
   * @return empty when the file does not exist; {@code bytes} is null when it holds no base64
   */
  public static Optional<Key> readKey(Path file) {
    synchronized (LOCK) {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Key(decode(Files.readString(file, StandardCharsets.US_ASCII).strip()), false));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
      }
    }
  }

  /**
   * Creates the directory and any missing parents, the ones created accessible only by their owner
   * ({@code rwx------}); directories that exist already are left as they are.
   */
  public static void createDirectories(Path directory) {
    Path absolute = directory.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        createDirectories(parent);
      }
      if (Files.isDirectory(absolute)) {
        return;
      }
      try {
        Files.createDirectory(
            absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createDirectory(absolute);
        var plain = absolute.toFile();
        boolean restricted =
            plain.setReadable(false, false)
                && plain.setWritable(false, false)
                && plain.setExecutable(false, false)
                && plain.setReadable(true, true)
                && plain.setWritable(true, true)
                && plain.setExecutable(true, true);
        if (!restricted) {
          throw new IOException("Cannot restrict the permissions of " + absolute);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw new UncheckedIOException("Cannot create the directory " + absolute, raced);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory " + absolute, e);
    }
  }

  /**
   * An empty file only its owner can read and write, replacing any file of that name, for content
   * written as a stream (exports holding an orchestra's data or password hashes).
   */
  public static void createEmpty(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      create(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file.toAbsolutePath(), e);
    }
  }

  /** Replaces the file with the content, readable only by its owner. */
  public static void replace(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      create(file);
      write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
    }
  }

  /** Creates the file owner-only; false when it already exists. */
  private static boolean create(Path file) throws IOException {
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
        var plain = file.toFile();
        boolean restricted =
            plain.setReadable(false, false)
                && plain.setWritable(false, false)
                && plain.setReadable(true, true)
                && plain.setWritable(true, true);
        if (!restricted) {
          throw new IOException("Cannot restrict the permissions of " + file.toAbsolutePath());
        }
      }
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(
        file,
        content,
        StandardCharsets.UTF_8,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.SYNC);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
