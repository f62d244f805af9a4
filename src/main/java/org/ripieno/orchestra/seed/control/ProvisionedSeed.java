package org.ripieno.orchestra.seed.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.codes.control.CodeType;

/**
 * The canonical seed as provisioning uses it: written once into a server's template database with a
 * placeholder for the orchestra's name, then, in each clone, signed with the name and checked
 * against {@code seed.md} before the orchestra may become active. Plain JDBC, since provisioning
 * works on a database no orchestra is routed to yet.
 */
public final class ProvisionedSeed {

  /** Stands for the orchestra's name in the template's email templates. */
  public static final String NAME_PLACEHOLDER = "\u27E6orchestra-name\u27E7";

  private ProvisionedSeed() {}

  /** The seed with the placeholder, for the template database. */
  public static void writeTemplateSeed(jakarta.persistence.EntityManager entityManager) {
    CanonicalSeed.onSequences(entityManager).apply(entityManager, NAME_PLACEHOLDER);
  }

  /**
   * Changes whenever the seed's content changes, so a template built from another version of the
   * seed is rebuilt.
   */
  public static String version() {
    StringBuilder content = new StringBuilder();
    CanonicalSeed.INSTRUMENTS.forEach(i -> content.append(i).append('\n'));
    content.append(CanonicalSeed.LIST_TYPES).append('\n');
    CanonicalSeed.templates(NAME_PLACEHOLDER).forEach(t -> content.append(t).append('\n'));
    CanonicalSeed.SETTINGS.forEach(
        (key, value) -> content.append(key).append('=').append(List.of(value)).append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(content.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts the orchestra's name where the template has the placeholder; harmless to repeat. */
  public static void sign(Connection orchestraDatabase, String orchestraName) throws SQLException {
    try (PreparedStatement sign =
        orchestraDatabase.prepareStatement(
            "UPDATE \"EmailTemplate\" SET subject = replace(subject, ?, ?),"
                + " body = replace(body, ?, ?) WHERE position(? in subject || body) > 0")) {
      String name = signature(orchestraName);
      sign.setString(1, NAME_PLACEHOLDER);
      sign.setString(2, name);
      sign.setString(3, NAME_PLACEHOLDER);
      sign.setString(4, name);
      sign.setString(5, NAME_PLACEHOLDER);
      sign.executeUpdate();
    }
  }

  /**
   * What differs from a complete canonical seed signed with the orchestra's name; empty when the
   * database holds it: the counts of {@code seed.md}, every template type signed with the name, the
   * settings, and an {@code IdSequence} row per code type with its counter past the codes in use.
   */
  public static List<String> problems(Connection orchestraDatabase, String orchestraName)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    int positions = CanonicalSeed.INSTRUMENTS.stream().mapToInt(i -> i.positions().size()).sum();
    expectCount(orchestraDatabase, "Instrument", CanonicalSeed.INSTRUMENTS.size(), problems);
    expectCount(orchestraDatabase, "Position", positions, problems);
    expectCount(
        orchestraDatabase, "RankingList", positions * CanonicalSeed.LIST_TYPES.size(), problems);
    List<CanonicalSeed.TemplateSeed> templates = CanonicalSeed.templates(orchestraName);
    expectCount(orchestraDatabase, "EmailTemplate", templates.size(), problems);
    String name = signature(orchestraName);
    for (CanonicalSeed.TemplateSeed template : templates) {
      long signed =
          count(
              orchestraDatabase,
              "SELECT count(*) FROM \"EmailTemplate\" WHERE type = ? AND position(? in body) > 0"
                  + " AND position(? in subject || body) = 0",
              template.type(),
              name,
              NAME_PLACEHOLDER);
      if (signed != 1) {
        problems.add("email template " + template.type() + " is missing or not signed " + name);
      }
    }
    for (Map.Entry<String, String[]> setting : CanonicalSeed.SETTINGS.entrySet()) {
      long present =
          count(
              orchestraDatabase,
              "SELECT count(*) FROM \"Settings\" WHERE key = ? AND value = ?",
              setting.getKey(),
              setting.getValue()[0]);
      if (present != 1) {
        problems.add("setting " + setting.getKey() + " is not " + setting.getValue()[0]);
      }
    }
    for (CodeType type : CodeType.values()) {
      checkSequence(orchestraDatabase, type, problems);
    }
    return problems;
  }

  private static void checkSequence(Connection database, CodeType type, List<String> problems)
      throws SQLException {
    long rows =
        count(
            database,
            "SELECT count(*) FROM \"IdSequence\" WHERE \"entityType\" = ?",
            type.entityType());
    if (rows != 1) {
      problems.add("IdSequence has " + rows + " rows for " + type.entityType() + ", not 1");
      return;
    }
    Seeded seeded = SEEDED_CODES.get(type);
    if (seeded == null) {
      return;
    }
    long highest =
        count(
            database,
            "SELECT COALESCE(MAX(substring(\""
                + seeded.column()
                + "\" FROM '^"
                + type.prefix()
                + "([0-9]+)$')::int), 0) FROM \""
                + seeded.table()
                + "\"");
    long counter =
        count(
            database,
            "SELECT \"lastNumber\" FROM \"IdSequence\" WHERE \"entityType\" = ?",
            type.entityType());
    if (counter < highest) {
      problems.add(
          "IdSequence "
              + type.entityType()
              + " is at "
              + counter
              + ", behind the seeded code "
              + type.format((int) highest));
    }
  }

  private record Seeded(String table, String column) {}

  /** The code types the seed hands out codes for, with where those codes are. */
  private static final Map<CodeType, Seeded> SEEDED_CODES =
      Map.of(
          CodeType.INSTRUMENT, new Seeded("Instrument", "instrumentId"),
          CodeType.POSITION, new Seeded("Position", "positionId"),
          CodeType.RANKING_LIST, new Seeded("RankingList", "rankingListId"),
          CodeType.EMAIL_TEMPLATE, new Seeded("EmailTemplate", "emailTemplateId"));

  private static void expectCount(
      Connection database, String table, long expected, List<String> problems) throws SQLException {
    long actual = count(database, "SELECT count(*) FROM \"" + table + "\"");
    if (actual != expected) {
      problems.add(table + " has " + actual + " rows, the seed has " + expected);
    }
  }

  /** The name the templates are signed with: the same fallback as the seed's. */
  private static String signature(String orchestraName) {
    return orchestraName == null || orchestraName.isBlank() ? "Orkestern" : orchestraName;
  }

  private static long count(Connection database, String sql, String... parameters)
      throws SQLException {
    if (parameters.length == 0) {
      try (Statement statement = database.createStatement();
          ResultSet row = statement.executeQuery(sql)) {
        row.next();
        return row.getLong(1);
      }
    }
    try (PreparedStatement statement = database.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }
}
