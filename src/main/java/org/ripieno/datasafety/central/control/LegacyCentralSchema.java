package org.ripieno.datasafety.central.control;

import static org.ripieno.datasafety.TableRows.quote;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.schema.control.TableStructure;
import org.ripieno.datasafety.schema.control.TableStructure.Column;
import org.ripieno.datasafety.schema.control.TableStructure.Constraint;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;

/**
 * Compares a legacy central database's tables with the legacy central schema Ripieno baselines at
 * (central migration V1, {@code V1__legacy_central_schema.sql}) and says how each difference is
 * brought to it. What the legacy system's scripts left is known and repaired, always by adding:
 * missing tables ({@code Customer}, {@code SystemLog}), missing columns (with V1's default; {@code
 * orchestraId} filled from {@code id} as the legacy restore did, {@code updatedAt} from {@code
 * createdAt}), missing primary keys, indexes and foreign keys, and foreign keys with other actions
 * ({@code create-main-tables-neon.sql}'s {@code User} key with {@code ON DELETE SET NULL}). A
 * column of another type, or one V1 does not have, is not known: adoption refuses it.
 *
 * <p>The comparison itself is pure (structures in, differences out); {@link #expected} reads V1 as
 * PostgreSQL describes it from a scratch database, so nothing here copies the migration by hand.
 */
public final class LegacyCentralSchema {

  /** The central migration that is the legacy schema: adoption compares with it and baselines. */
  public static final String LEGACY_VERSION = "1";

  /** Required columns V1 gives no default, and what fills them in existing rows. */
  private static final Map<String, String> FILLED_FROM =
      Map.of("orchestraId", "\"id\"", "updatedAt", "\"createdAt\"");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile Map<String, TableStructure> expected;

  private LegacyCentralSchema() {}

  /**
   * One way the legacy database differs from V1.
   *
   * @param repair the statements that bring it to V1 (run with the others in one transaction);
   *     empty when {@code known} is false
   * @param known whether adoption repairs it; otherwise it refuses the database
   */
  public record Difference(String table, String description, boolean known, List<String> repair) {

    public Difference {
      Objects.requireNonNull(table, "table");
      repair = List.copyOf(repair);
    }

    /** One line for the operator. */
    public String describe() {
      return description
          + (known ? ": adoption brings it to V1" : ": not known, adoption refuses it");
    }
  }

  /**
   * V1's central tables as PostgreSQL describes them: a scratch database is migrated to V1, read
   * and dropped. Kept for the life of the process.
   *
   * @param scratchServer login to a maintenance database where a scratch database may be created
   */
  public static Map<String, TableStructure> expected(DatabaseLogin scratchServer)
      throws SQLException {
    Map<String, TableStructure> known = expected;
    if (known != null) {
      return known;
    }
    String name = "ripieno_scratch_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    try (Connection maintenance = scratchServer.connect();
        Statement create = maintenance.createStatement()) {
      create.execute("CREATE DATABASE " + quote(name));
    }
    try {
      DatabaseLogin scratch = scratchServer.forDatabase(name, "ripieno:adopt:central-schema");
      Migrations.flywayConfiguration(scratch.dataSource(), DatabaseKind.CENTRAL)
          .target(LEGACY_VERSION)
          .load()
          .migrate();
      Map<String, TableStructure> structures = new LinkedHashMap<>();
      try (Connection connection = scratch.connect()) {
        for (String table : DatabaseKind.CENTRAL.tables()) {
          structures.put(table, TableStructure.read(connection, table));
        }
      }
      expected = Map.copyOf(structures);
      return expected;
    } finally {
      OrchestraDatabases.drop(scratchServer, name);
    }
  }

  /** The structures of V1's tables the database holds (absent ones are missing). */
  public static Map<String, TableStructure> actual(
      Connection connection, Map<String, TableStructure> expected) throws SQLException {
    Map<String, TableStructure> structures = new LinkedHashMap<>();
    for (String table : expected.keySet()) {
      if (TableRows.exists(connection, table)) {
        structures.put(table, TableStructure.read(connection, table));
      }
    }
    return structures;
  }

  /**
   * Every difference of the legacy tables from V1, in the order their repairs run: missing tables,
   * then columns, keys and indexes per table, then foreign keys (once every table exists).
   */
  public static List<Difference> compare(
      Map<String, TableStructure> expected, Map<String, TableStructure> actual) {
    List<Difference> differences = new ArrayList<>();
    List<Difference> foreignKeys = new ArrayList<>();
    for (TableStructure table : expected.values()) {
      TableStructure present = actual.get(table.table());
      if (present == null) {
        List<String> create = new ArrayList<>(table.createStatements());
        create.addAll(table.completionStatements());
        differences.add(
            new Difference(table.table(), "table " + table.table() + " is missing", true, create));
        table.foreignKeyStatements().stream()
            .map(sql -> new Difference(table.table(), "its foreign keys", true, List.of(sql)))
            .forEach(foreignKeys::add);
        continue;
      }
      differences.addAll(columns(table, present));
      differences.addAll(keysAndIndexes(table, present));
      foreignKeys.addAll(foreignKeys(table, present));
    }
    differences.addAll(foreignKeys);
    return differences;
  }

  private static List<Difference> columns(TableStructure expected, TableStructure actual) {
    List<Difference> differences = new ArrayList<>();
    String table = quote(expected.table());
    for (Column column : expected.columns()) {
      String subject = expected.table() + "." + column.name();
      String name = quote(column.name());
      Optional<Column> found =
          actual.columns().stream().filter(c -> c.name().equals(column.name())).findFirst();
      if (found.isEmpty()) {
        differences.add(missingColumn(expected.table(), column, subject));
        continue;
      }
      Column present = found.get();
      if (!present.type().equals(column.type())) {
        differences.add(
            new Difference(
                expected.table(),
                "column " + subject + " has type " + present.type() + ", V1 has " + column.type(),
                false,
                List.of()));
        continue;
      }
      List<String> repair = new ArrayList<>();
      List<String> what = new ArrayList<>();
      if (!Objects.equals(present.defaultExpression(), column.defaultExpression())) {
        what.add(
            "default " + present.defaultExpression() + " instead of " + column.defaultExpression());
        repair.add(
            "ALTER TABLE "
                + table
                + " ALTER COLUMN "
                + name
                + (column.defaultExpression() == null
                    ? " DROP DEFAULT"
                    : " SET DEFAULT " + column.defaultExpression()));
      }
      if (present.notNull() != column.notNull()) {
        what.add(
            present.notNull() ? "NOT NULL instead of nullable" : "nullable instead of NOT NULL");
        // A NULL left in a column V1 requires stops the repair, and the adoption changes nothing.
        repair.add(
            "ALTER TABLE "
                + table
                + " ALTER COLUMN "
                + name
                + (column.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
      }
      if (!repair.isEmpty()) {
        differences.add(
            new Difference(
                expected.table(),
                "column " + subject + ": " + String.join(", ", what),
                true,
                repair));
      }
    }
    for (Column column : actual.columns()) {
      if (expected.columns().stream().noneMatch(c -> c.name().equals(column.name()))) {
        differences.add(
            new Difference(
                expected.table(),
                "column "
                    + expected.table()
                    + "."
                    + column.name()
                    + " ("
                    + column.type()
                    + ") is not in V1",
                false,
                List.of()));
      }
    }
    return differences;
  }

  private static Difference missingColumn(String tableName, Column column, String subject) {
    String table = quote(tableName);
    String name = quote(column.name());
    String added =
        "ALTER TABLE "
            + table
            + " ADD COLUMN "
            + name
            + " "
            + column.type()
            + (column.defaultExpression() == null ? "" : " DEFAULT " + column.defaultExpression());
    if (!column.notNull()) {
      return new Difference(tableName, "column " + subject + " is missing", true, List.of(added));
    }
    if (column.defaultExpression() != null) {
      return new Difference(
          tableName, "column " + subject + " is missing", true, List.of(added + " NOT NULL"));
    }
    String fill = FILLED_FROM.get(column.name());
    if (fill == null) {
      return new Difference(
          tableName,
          "column " + subject + " (required, no default) is missing and nothing fills it",
          false,
          List.of());
    }
    return new Difference(
        tableName,
        "column " + subject + " is missing (filled from " + fill + ")",
        true,
        List.of(
            added,
            "UPDATE " + table + " SET " + name + " = " + fill,
            "ALTER TABLE " + table + " ALTER COLUMN " + name + " SET NOT NULL"));
  }

  /** Primary keys and unique or check constraints, and indexes, matched by what they cover. */
  private static List<Difference> keysAndIndexes(TableStructure expected, TableStructure actual) {
    List<Difference> differences = new ArrayList<>();
    List<String> actualKeys = new ArrayList<>();
    actual.constraints().stream()
        .filter(c -> !"f".equals(c.type()))
        .forEach(c -> actualKeys.add(coverage(c)));
    actual.indexes().forEach(index -> actualKeys.add(coverage(index)));
    for (Constraint constraint : expected.constraints()) {
      if (!"f".equals(constraint.type()) && !actualKeys.contains(coverage(constraint))) {
        differences.add(
            new Difference(
                expected.table(),
                "constraint " + constraint.name() + " (" + constraint.definition() + ") is missing",
                true,
                List.of(
                    "ALTER TABLE "
                        + quote(expected.table())
                        + " ADD CONSTRAINT "
                        + quote(constraint.name())
                        + " "
                        + constraint.definition())));
      }
    }
    for (String index : expected.indexes()) {
      if (!actualKeys.contains(coverage(index))) {
        differences.add(
            new Difference(
                expected.table(),
                "index " + indexName(index) + " is missing",
                true,
                List.of(index)));
      }
    }
    return differences;
  }

  /** Keys are paired by the columns they connect; one with other actions is recreated. */
  private static List<Difference> foreignKeys(TableStructure expected, TableStructure actual) {
    List<Difference> differences = new ArrayList<>();
    List<Constraint> actualKeys =
        actual.constraints().stream().filter(c -> "f".equals(c.type())).toList();
    for (Constraint key : expected.constraints()) {
      if (!"f".equals(key.type())) {
        continue;
      }
      String add =
          "ALTER TABLE "
              + quote(expected.table())
              + " ADD CONSTRAINT "
              + quote(key.name())
              + " "
              + key.definition();
      Optional<Constraint> same =
          actualKeys.stream()
              .filter(c -> connection(c.definition()).equals(connection(key.definition())))
              .findFirst();
      if (same.isEmpty()) {
        differences.add(
            new Difference(
                expected.table(), "foreign key " + key.name() + " is missing", true, List.of(add)));
      } else if (!same.get().definition().equals(key.definition())
          || !same.get().name().equals(key.name())) {
        differences.add(
            new Difference(
                expected.table(),
                "foreign key "
                    + same.get().name()
                    + " is "
                    + same.get().definition()
                    + ", V1 has "
                    + key.name()
                    + " "
                    + key.definition(),
                true,
                List.of(
                    "ALTER TABLE "
                        + quote(expected.table())
                        + " DROP CONSTRAINT "
                        + quote(same.get().name()),
                    add)));
      }
    }
    for (Constraint key : actualKeys) {
      if (expected.constraints().stream()
          .noneMatch(
              c ->
                  "f".equals(c.type())
                      && connection(c.definition()).equals(connection(key.definition())))) {
        differences.add(
            new Difference(
                expected.table(),
                "foreign key " + key.name() + " (" + key.definition() + ") is not in V1",
                false,
                List.of()));
      }
    }
    return differences;
  }

  /** What a key or index covers, without its name: {@code UNIQUE (subdomain)}, {@code (email)}. */
  static String coverage(Constraint constraint) {
    return switch (constraint.type()) {
      case "p" -> "PRIMARY " + constraint.definition().replaceFirst("^PRIMARY KEY ", "");
      case "u" -> "UNIQUE " + constraint.definition().replaceFirst("^UNIQUE ", "");
      default -> constraint.definition();
    };
  }

  /** {@code CREATE [UNIQUE] INDEX name ON public."T" USING btree (cols)} by what it covers. */
  static String coverage(String index) {
    int using = index.indexOf(" USING btree ");
    String columns = using < 0 ? index : index.substring(using + " USING btree ".length());
    return (index.startsWith("CREATE UNIQUE INDEX ") ? "UNIQUE " : "") + columns;
  }

  private static String indexName(String index) {
    String rest = index.replaceFirst("^CREATE (UNIQUE )?INDEX ", "");
    int on = rest.indexOf(" ON ");
    return on < 0 ? rest : rest.substring(0, on);
  }

  /** A foreign key's definition without its actions: what it connects. */
  static String connection(String definition) {
    int actions = definition.indexOf(" ON ");
    return actions < 0 ? definition : definition.substring(0, actions);
  }
}
