package org.ripieno.datasafety.central.control;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.tenancy.DatabaseKind;

/**
 * Which central columns hold secrets. The encrypted ones are read from the entity mapping (every
 * attribute converted by {@link EncryptedString}), so a secret added to an entity is handled here
 * without a second list; a few more columns are credentials in another form and are left out of an
 * export without secrets as well.
 */
public final class CentralSecrets {

  /**
   * Credentials that are not encrypted: the legacy plaintext database URL (with its password), the
   * hash of an orchestra's API key, and password hashes.
   */
  private static final Map<String, Set<String>> OTHER_CREDENTIALS =
      Map.of("Orchestra", Set.of("databaseUrl", "apiKey"), "User", Set.of("passwordHash"));

  private CentralSecrets() {}

  /** Columns of the table that are stored encrypted ({@code enc:v1:...}). */
  public static Set<String> encrypted(String table) {
    Set<String> columns = new LinkedHashSet<>();
    Class<?> type = DatabaseKind.CENTRAL.entityOf(table).orElse(null);
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Convert convert = field.getAnnotation(Convert.class);
        if (convert != null && convert.converter() == EncryptedString.class) {
          Column column = field.getAnnotation(Column.class);
          columns.add(column != null && !column.name().isEmpty() ? column.name() : field.getName());
        }
      }
    }
    return columns;
  }

  /** Columns an export without secrets leaves out. */
  public static Set<String> leftOutWithoutSecrets(String table) {
    Set<String> columns = new LinkedHashSet<>(encrypted(table));
    columns.addAll(OTHER_CREDENTIALS.getOrDefault(table, Set.of()));
    return columns;
  }
}
