package org.ripieno.orchestra.seed.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ripieno.orchestra.codes.control.CodeType;

/**
 * The canonical seed's email templates and settings that an orchestra database lacks, and writing
 * them: a database the legacy system's scripts made has none (legacy-operations.md §1.3 and §4.3).
 * Instruments, positions and ranking lists are the orchestra's own data and are never added. Plain
 * JDBC, since adoption runs without the application. Template codes come from the {@code
 * IdSequence} counter, so they follow the codes already in use.
 */
public final class SeedDefaults {

  /**
   * What is missing.
   *
   * @param templateTypes the template types with no row, in the seed's order
   * @param settingKeys the setting keys with no row, in the seed's order
   */
  public record Missing(List<String> templateTypes, List<String> settingKeys) {

    public Missing {
      templateTypes = List.copyOf(templateTypes);
      settingKeys = List.copyOf(settingKeys);
    }

    public boolean isEmpty() {
      return templateTypes.isEmpty() && settingKeys.isEmpty();
    }

    /** For an operator: {@code 7 email templates (reminder, ...) and 2 settings (...)}. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (!templateTypes.isEmpty()) {
        parts.add(
            templateTypes.size() + " email template(s) (" + String.join(", ", templateTypes) + ")");
      }
      if (!settingKeys.isEmpty()) {
        parts.add(settingKeys.size() + " setting(s) (" + String.join(", ", settingKeys) + ")");
      }
      return String.join(" and ", parts);
    }
  }

  private SeedDefaults() {}

  /** Reads what the database lacks; it must have the {@code EmailTemplate} and {@code Settings}. */
  public static Missing find(Connection orchestraDatabase) throws SQLException {
    Set<String> types = strings(orchestraDatabase, "SELECT type FROM \"EmailTemplate\"");
    Set<String> keys = strings(orchestraDatabase, "SELECT key FROM \"Settings\"");
    List<String> missingTypes =
        CanonicalSeed.templates(null).stream()
            .map(CanonicalSeed.TemplateSeed::type)
            .filter(type -> !types.contains(type))
            .toList();
    List<String> missingKeys =
        CanonicalSeed.SETTINGS.keySet().stream().filter(key -> !keys.contains(key)).toList();
    return new Missing(missingTypes, missingKeys);
  }

  /**
   * Writes what the database lacks (run it in the caller's transaction): each missing template
   * signed with the orchestra's name and given the next {@code TMPL} code, each missing setting
   * with its default value. Harmless to repeat.
   *
   * @return what was written
   */
  public static Missing write(Connection orchestraDatabase, String orchestraName)
      throws SQLException {
    Missing missing = find(orchestraDatabase);
    for (CanonicalSeed.TemplateSeed template : CanonicalSeed.templates(orchestraName)) {
      if (!missing.templateTypes().contains(template.type())) {
        continue;
      }
      try (PreparedStatement insert =
          orchestraDatabase.prepareStatement(
              "INSERT INTO \"EmailTemplate\" (\"emailTemplateId\", type, subject, body,"
                  + " variables, \"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?, ?::jsonb,"
                  + " now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')")) {
        insert.setString(1, nextCode(orchestraDatabase, CodeType.EMAIL_TEMPLATE));
        insert.setString(2, template.type());
        insert.setString(3, template.subject());
        insert.setString(4, template.body());
        insert.setString(5, CanonicalSeed.variablesJson(template.variables()));
        insert.executeUpdate();
      }
    }
    for (String key : missing.settingKeys()) {
      String[] valueAndDescription = CanonicalSeed.SETTINGS.get(key);
      try (PreparedStatement insert =
          orchestraDatabase.prepareStatement(
              "INSERT INTO \"Settings\" (key, value, description, \"createdAt\", \"updatedAt\")"
                  + " VALUES (?, ?, ?, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')")) {
        insert.setString(1, key);
        insert.setString(2, valueAndDescription[0]);
        insert.setString(3, valueAndDescription[1]);
        insert.executeUpdate();
      }
    }
    return missing;
  }

  /**
   * The next code of a type from its counter, as {@code IdCodes} hands them out. The counter row
   * exists from migration V3 on, which puts it past the codes already present.
   */
  private static String nextCode(Connection orchestraDatabase, CodeType type) throws SQLException {
    try (PreparedStatement next =
        orchestraDatabase.prepareStatement(
            "UPDATE \"IdSequence\" SET \"lastNumber\" = \"lastNumber\" + 1,"
                + " \"updatedAt\" = now() AT TIME ZONE 'UTC' WHERE \"entityType\" = ?"
                + " RETURNING \"lastNumber\"")) {
      next.setString(1, type.entityType());
      try (ResultSet number = next.executeQuery()) {
        if (!number.next()) {
          throw new SQLException("IdSequence has no counter for " + type.entityType());
        }
        return type.format(number.getInt(1));
      }
    }
  }

  private static Set<String> strings(Connection database, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Statement statement = database.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
