package org.ripieno.security.secrets;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Objects;

/**
 * Keeps a string attribute encrypted in its column, so secrets in central are never written in
 * plaintext. It fails closed: with no {@link SecretBox} installed it refuses to read or write
 * rather than store a secret unencrypted.
 *
 * <p>Values that are not encrypted yet (plaintext from the legacy system) are read as they are and
 * become encrypted the next time they are written.
 */
@Converter
public class EncryptedString implements AttributeConverter<String, String> {

  private static volatile SecretBox installedBox;

  /** Makes {@code box} the one every converter instance in this process uses. */
  public static void install(SecretBox box) {
    installedBox = Objects.requireNonNull(box, "box");
  }

  /** Removes the installed box, so conversions fail closed again. */
  static void uninstall() {
    installedBox = null;
  }

  @Override
  public String convertToDatabaseColumn(String attribute) {
    if (attribute == null) {
      return null;
    }
    return box().encrypt(attribute);
  }

  @Override
  public String convertToEntityAttribute(String column) {
    if (column == null) {
      return null;
    }
    SecretBox box = box();
    return SecretBox.isEncrypted(column) ? box.decrypt(column) : column;
  }

  private static SecretBox box() {
    SecretBox box = installedBox;
    if (box == null) {
      throw new IllegalStateException("Secrets are not available: the secret key was not loaded");
    }
    return box;
  }
}
