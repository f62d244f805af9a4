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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
   * The seed's revision: raised by one in the release that changes what the template's seed holds
   * ({@link CanonicalSeed}'s instruments, list types, email templates or settings, or how {@link
   * #writeTemplateSeed} writes them). Unlike {@link #version()}, a hash, it is ordered: during a
   * rolling upgrade an instance leaves a template of a newer revision alone instead of rebuilding
   * it back to its own seed. {@code ProvisionedSeedTest} pins the content hash of this revision, so
   * a change of the seed without a new revision fails the build.
   */
  public static final int REVISION = 1;

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
    List<CanonicalSeed.TemplateSeed> templates = CanonicalSeed.templates(orchestraName);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("Instrument", (long) CanonicalSeed.INSTRUMENTS.size());
    expected.put("Position", (long) positions);
    expected.put("RankingList", (long) positions * CanonicalSeed.LIST_TYPES.size());
    expected.put("EmailTemplate", (long) templates.size());
    List<String> counts = new ArrayList<>();
    expected.keySet().forEach(table -> counts.add("(SELECT count(*) FROM \"" + table + "\")"));
    List<Long> actual = longs(orchestraDatabase, "SELECT " + String.join(", ", counts));
    int column = 0;
    for (Map.Entry<String, Long> table : expected.entrySet()) {
      long rows = actual.get(column++);
      if (rows != table.getValue()) {
        problems.add(table.getKey() + " has " + rows + " rows, the seed has " + table.getValue());
      }
    }

    String name = signature(orchestraName);
    Map<String, String> signed =
        pairs(
            orchestraDatabase,
            "SELECT type, count(*)::text FROM \"EmailTemplate\" WHERE position(? in body) > 0"
                + " AND position(? in subject || body) = 0 GROUP BY type",
            name,
            NAME_PLACEHOLDER);
    for (CanonicalSeed.TemplateSeed template : templates) {
      if (!"1".equals(signed.get(template.type()))) {
        problems.add("email template " + template.type() + " is missing or not signed " + name);
      }
    }

    Map<String, String> settings = pairs(orchestraDatabase, "SELECT key, value FROM \"Settings\"");
    CanonicalSeed.SETTINGS.forEach(
        (key, value) -> {
          if (!value[0].equals(settings.get(key))) {
            problems.add("setting " + key + " is not " + value[0]);
          }
        });

    Map<String, String> sequences =
        pairs(
            orchestraDatabase,
            "SELECT \"entityType\", count(*) || ' ' || max(\"lastNumber\")"
                + " FROM \"IdSequence\" GROUP BY \"entityType\"");
    List<String> highest = new ArrayList<>();
    SEEDED_CODES.forEach(
        (type, seeded) ->
            highest.add(
                "(SELECT COALESCE(MAX(substring(\""
                    + seeded.column()
                    + "\" FROM '^"
                    + type.prefix()
                    + "([0-9]+)$')::int), 0) FROM \""
                    + seeded.table()
                    + "\")"));
    List<Long> seededHighest = longs(orchestraDatabase, "SELECT " + String.join(", ", highest));
    int seededColumn = 0;
    Map<CodeType, Long> highestByType = new LinkedHashMap<>();
    for (CodeType type : SEEDED_CODES.keySet()) {
      highestByType.put(type, seededHighest.get(seededColumn++));
    }
    for (CodeType type : CodeType.values()) {
      String[] rowsAndCounter = sequences.getOrDefault(type.entityType(), "0 0").split(" ");
      if (!"1".equals(rowsAndCounter[0])) {
        problems.add(
            "IdSequence has " + rowsAndCounter[0] + " rows for " + type.entityType() + ", not 1");
        continue;
      }
      long counter = Long.parseLong(rowsAndCounter[1]);
      long seededCode = highestByType.getOrDefault(type, 0L);
      if (counter < seededCode) {
        problems.add(
            "IdSequence "
                + type.entityType()
                + " is at "
                + counter
                + ", behind the seeded code "
                + type.format((int) seededCode));
      }
    }
    return problems;
  }

  private record Seeded(String table, String column) {}

  /** The code types the seed hands out codes for, with where those codes are. */
  private static final Map<CodeType, Seeded> SEEDED_CODES = seededCodes();

  private static Map<CodeType, Seeded> seededCodes() {
    Map<CodeType, Seeded> codes = new LinkedHashMap<>();
    codes.put(CodeType.INSTRUMENT, new Seeded("Instrument", "instrumentId"));
    codes.put(CodeType.POSITION, new Seeded("Position", "positionId"));
    codes.put(CodeType.RANKING_LIST, new Seeded("RankingList", "rankingListId"));
    codes.put(CodeType.EMAIL_TEMPLATE, new Seeded("EmailTemplate", "emailTemplateId"));
    return codes;
  }

  /** The name the templates are signed with: the same fallback as the seed's. */
  private static String signature(String orchestraName) {
    return orchestraName == null || orchestraName.isBlank() ? "Orkestern" : orchestraName;
  }

  /** The columns of a one-row answer. */
  private static List<Long> longs(Connection database, String sql) throws SQLException {
    try (Statement statement = database.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      List<Long> values = new ArrayList<>();
      for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
        values.add(row.getLong(i));
      }
      return values;
    }
  }

  /** A two-column answer as a map. */
  private static Map<String, String> pairs(Connection database, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = database.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      Map<String, String> pairs = new HashMap<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          pairs.put(rows.getString(1), rows.getString(2));
        }
      }
      return pairs;
    }
  }
}
