package org.ripieno.datasafety.adoption;

import static org.ripieno.datasafety.archive.SchemaCatalog.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ripieno.datasafety.adoption.SchemaDifference.Handling;
import org.ripieno.datasafety.adoption.SchemaDifference.Kind;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.datasafety.archive.SchemaCatalog.Column;
import org.ripieno.datasafety.archive.SchemaCatalog.ForeignKey;
import org.ripieno.tenancy.DatabaseKind;

/**
 * Compares a legacy orchestra database's catalog with the orchestra schema (the catalog of a
 * scratch database migrated to the same version) and says, for every difference, whether adoption
 * keeps it, moves it, repairs it or refuses it. Pure: no database, so every rule is unit-tested.
 *
 * <p>Known legacy variants ({@code legacy-operations.md} §4.5 and §6):
 *
 * <ul>
 *   <li>{@code _prisma_migrations}, Prisma's history table: kept and reported;
 *   <li>the central tables {@code Orchestra}, {@code User} and {@code Customer}, which the legacy
 *       incident created in every database: kept and reported ({@code schema clean --orchestra}
 *       removes them later);
 *   <li>{@code SystemLog}, which the legacy system created in orchestra databases by hand: its rows
 *       move to central (when central's {@code SystemLog} can take every column), then it is
 *       dropped;
 *   <li>{@code CustomRanking} as {@code combined_custom_lists_migration.sql} (or {@code
 *       migrate-custom-lists.sql}) made it, with {@code createdAt} (and {@code updatedAt}) instead
 *       of {@code addedAt}: {@code createdAt} becomes {@code addedAt} (values kept, converted to
 *       its type), {@code updatedAt} is dropped;
 *   <li>a column {@code NOT NULL} where the schema allows null ({@code init-database.sql}'s {@code
 *       ProjectNeed.rankingListId}): the constraint is dropped, which loses nothing;
 *   <li>foreign keys that connect the same columns with other actions (that file's musician key
 *       with {@code CASCADE}, the init scripts' {@code NO ACTION}) or under another name: recreated
 *       as the schema has them.
 * </ul>
 */
public final class SchemaComparison {

  static final String PRISMA_HISTORY = "_prisma_migrations";
  static final String SYSTEM_LOG = "SystemLog";
  static final String CUSTOM_RANKING = "CustomRanking";
  static final String ADDED_AT = "addedAt";
  static final String DRIFT_CREATED_AT = "createdAt";
  static final String DRIFT_UPDATED_AT = "updatedAt";

  /** How {@code format_type} begins every timestamp type, whatever its precision or zone. */
  private static final String TIMESTAMP = "timestamp";

  /** How a central table found in the legacy database is described. */
  static final String CENTRAL_TABLE =
      "a central table, left by the legacy incident; remove it with schema clean --orchestra";

  /** Central's SystemLog column that adoption fills itself with the orchestra's id. */
  static final String ORCHESTRA_ID = "orchestraId";

  private SchemaComparison() {}

  /**
   * @param expected the orchestra schema at the version the legacy database is at (V1 when it has
   *     no Flyway history)
   * @param actual the legacy database
   * @param centralSystemLog central's {@code SystemLog} table, which must be able to take the
   *     legacy rows; empty when it is not known (a legacy {@code SystemLog} is then unexpected)
   */
  public static List<SchemaDifference> compare(
      SchemaCatalog expected,
      SchemaCatalog actual,
      Optional<SchemaCatalog.Table> centralSystemLog) {
    List<SchemaDifference> differences = new ArrayList<>();
    Set<String> expectedTables = tablesOf(expected);
    Set<String> actualTables = tablesOf(actual);
    for (String table : expectedTables) {
      if (!actualTables.contains(table)) {
        differences.add(difference(Kind.MISSING_TABLE, table, null, null, null));
      }
    }
    for (String table : actualTables) {
      if (!expectedTables.contains(table)) {
        differences.addAll(extraTable(actual.table(table).orElseThrow(), centralSystemLog));
      }
    }
    for (String table : expectedTables) {
      if (actualTables.contains(table)) {
        differences.addAll(
            columns(expected.table(table).orElseThrow(), actual.table(table).orElseThrow()));
        differences.addAll(foreignKeys(table, expected, actual));
      }
    }
    return customRankingDrift(differences, expected, actual);
  }

  /** Flyway's history is Ripieno's own and compared by version, not as a table. */
  private static Set<String> tablesOf(SchemaCatalog catalog) {
    Set<String> tables = new TreeSet<>(catalog.tables().keySet());
    tables.remove(DatabaseKind.MIGRATION_HISTORY_TABLE);
    return tables;
  }

  private static List<SchemaDifference> extraTable(
      SchemaCatalog.Table table, Optional<SchemaCatalog.Table> centralSystemLog) {
    SchemaDifference extra = difference(Kind.EXTRA_TABLE, table.name(), null, null, null);
    if (PRISMA_HISTORY.equals(table.name())) {
      return List.of(extra.handled(Handling.KEPT, List.of()));
    }
    if (SYSTEM_LOG.equals(table.name()) && centralSystemLog.isPresent()) {
      List<SchemaDifference> result = new ArrayList<>();
      result.add(extra.handled(Handling.MOVED_TO_CENTRAL, List.of()));
      result.addAll(systemLogFit(table, centralSystemLog.get()));
      return result;
    }
    if (!SYSTEM_LOG.equals(table.name()) && DatabaseKind.CENTRAL.tables().contains(table.name())) {
      // The legacy incident created every table in both kinds of database, so a central table here
      // is expected. Its rows are no orchestra data and no copy of central's to trust: it is kept
      // as it is, for `schema clean --orchestra` to back up and drop once the database is adopted.
      return List.of(
          new SchemaDifference(
              Kind.EXTRA_TABLE, table.name(), null, null, CENTRAL_TABLE, Handling.KEPT, List.of()));
    }
    return List.of(extra);
  }

  /**
   * Every legacy column must have a column in central (else its values would be lost), and every
   * column central requires must come from the legacy table (except the orchestra id, which the
   * move sets). Adoption and {@code schema clean} both check this before they move a legacy
   * orchestra database's {@code SystemLog} rows into central.
   *
   * @return the misfits, all {@link Handling#UNEXPECTED}; empty when every row can move
   */
  public static List<SchemaDifference> systemLogFit(
      SchemaCatalog.Table legacy, SchemaCatalog.Table central) {
    List<SchemaDifference> misfits = new ArrayList<>();
    for (Column column : legacy.columns()) {
      if (central.column(column.name()).isEmpty()) {
        misfits.add(
            new SchemaDifference(
                Kind.EXTRA_COLUMN,
                SYSTEM_LOG,
                column.name(),
                "no such column in central SystemLog",
                column.type(),
                Handling.UNEXPECTED,
                List.of()));
      }
    }
    for (Column column : central.columns()) {
      if (column.notNull()
          && !ORCHESTRA_ID.equals(column.name())
          && legacy.column(column.name()).isEmpty()) {
        misfits.add(
            new SchemaDifference(
                Kind.MISSING_COLUMN,
                SYSTEM_LOG,
                column.name(),
                column.type() + ", required by central SystemLog",
                null,
                Handling.UNEXPECTED,
                List.of()));
      }
    }
    return misfits;
  }

  private static List<SchemaDifference> columns(
      SchemaCatalog.Table expected, SchemaCatalog.Table actual) {
    List<SchemaDifference> differences = new ArrayList<>();
    String table = expected.name();
    for (Column column : expected.columns()) {
      Optional<Column> present = actual.column(column.name());
      if (present.isEmpty()) {
        differences.add(
            difference(Kind.MISSING_COLUMN, table, column.name(), describe(column), null));
        continue;
      }
      if (!column.type().equals(present.get().type())) {
        differences.add(
            difference(
                Kind.COLUMN_TYPE, table, column.name(), column.type(), present.get().type()));
      }
      if (column.notNull() != present.get().notNull()) {
        SchemaDifference nullability =
            difference(
                Kind.COLUMN_NULLABILITY,
                table,
                column.name(),
                nullability(column),
                nullability(present.get()));
        // NOT NULL where the schema allows null (the init scripts' ProjectNeed.rankingListId,
        // which breaks needs on custom lists): dropping it loses nothing. The other way round,
        // nulls may already be there, so that stays unexpected.
        differences.add(
            column.notNull()
                ? nullability
                : nullability.handled(
                    Handling.REPAIRED,
                    List.of(
                        "ALTER TABLE "
                            + quote(table)
                            + " ALTER COLUMN "
                            + quote(column.name())
                            + " DROP NOT NULL")));
      }
    }
    for (Column column : actual.columns()) {
      if (expected.column(column.name()).isEmpty()) {
        differences.add(
            difference(Kind.EXTRA_COLUMN, table, column.name(), null, describe(column)));
      }
    }
    return differences;
  }

  /** Keys are paired by what they connect; a pair that differs in actions or name is recreated. */
  private static List<SchemaDifference> foreignKeys(
      String table, SchemaCatalog expected, SchemaCatalog actual) {
    Map<String, ForeignKey> expectedKeys = byConnection(expected.foreignKeysOf(table));
    Map<String, ForeignKey> actualKeys = byConnection(actual.foreignKeysOf(table));
    List<SchemaDifference> differences = new ArrayList<>();
    expectedKeys.forEach(
        (connection, key) -> {
          ForeignKey present = actualKeys.get(connection);
          if (present == null) {
            differences.add(
                difference(Kind.MISSING_FOREIGN_KEY, table, key.name(), describe(key), null));
          } else if (!present.onDelete().equals(key.onDelete())
              || !present.onUpdate().equals(key.onUpdate())
              || !present.name().equals(key.name())) {
            differences.add(
                new SchemaDifference(
                    Kind.FOREIGN_KEY_DEFINITION,
                    table,
                    key.name(),
                    describe(key),
                    describe(present),
                    Handling.REPAIRED,
                    List.of(
                        "ALTER TABLE "
                            + quote(table)
                            + " DROP CONSTRAINT "
                            + quote(present.name())
                            + ", ADD "
                            + key.definition())));
          }
        });
    actualKeys.forEach(
        (connection, key) -> {
          if (!expectedKeys.containsKey(connection)) {
            differences.add(
                difference(Kind.EXTRA_FOREIGN_KEY, table, key.name(), null, describe(key)));
          }
        });
    return differences;
  }

  /**
   * Recognises the documented {@code CustomRanking} drift among the differences found: {@code
   * addedAt} missing, {@code createdAt} present with a timestamp type (converted to {@code
   * addedAt}'s when it differs), and optionally {@code updatedAt} of a timestamp type, with nothing
   * else different in that table's columns.
   */
  private static List<SchemaDifference> customRankingDrift(
      List<SchemaDifference> differences, SchemaCatalog expected, SchemaCatalog actual) {
    Optional<Column> addedAt =
        expected.table(CUSTOM_RANKING).flatMap(table -> table.column(ADDED_AT));
    if (addedAt.isEmpty()) {
      return differences;
    }
    Map<String, SchemaDifference> columnDifferences = new LinkedHashMap<>();
    for (SchemaDifference difference : differences) {
      if (difference.table().equals(CUSTOM_RANKING) && isColumnKind(difference.kind())) {
        columnDifferences.put(difference.kind() + ":" + difference.name(), difference);
      }
    }
    SchemaDifference missing = columnDifferences.get(Kind.MISSING_COLUMN + ":" + ADDED_AT);
    SchemaDifference created = columnDifferences.get(Kind.EXTRA_COLUMN + ":" + DRIFT_CREATED_AT);
    SchemaDifference updated = columnDifferences.get(Kind.EXTRA_COLUMN + ":" + DRIFT_UPDATED_AT);
    int drift = 2 + (updated == null ? 0 : 1);
    if (missing == null
        || created == null
        || !created.actual().startsWith(TIMESTAMP)
        || (updated != null && !updated.actual().startsWith(TIMESTAMP))
        || columnDifferences.size() != drift) {
      return differences;
    }
    List<String> repair = new ArrayList<>();
    String table = quote(CUSTOM_RANKING);
    String column = quote(ADDED_AT);
    repair.add(
        "ALTER TABLE " + table + " RENAME COLUMN " + quote(DRIFT_CREATED_AT) + " TO " + column);
    String createdType = createdAtType(actual);
    if (!createdType.equals(addedAt.get().type())) {
      // Another precision or a time zone: converted, values kept (a zoned time as UTC, the zone
      // Ripieno stores times in).
      repair.add(
          "ALTER TABLE "
              + table
              + " ALTER COLUMN "
              + column
              + " TYPE "
              + addedAt.get().type()
              + " USING "
              + column
              + (createdType.contains("with time zone") ? " AT TIME ZONE 'UTC'" : ""));
    }
    String fallback = updated == null ? "" : quote(DRIFT_UPDATED_AT) + ", ";
    repair.add(
        "UPDATE "
            + table
            + " SET "
            + column
            + " = COALESCE("
            + fallback
            + "CURRENT_TIMESTAMP) WHERE "
            + column
            + " IS NULL");
    repair.add(
        "ALTER TABLE "
            + table
            + " ALTER COLUMN "
            + column
            + (addedAt.get().defaultExpression() == null
                ? " DROP DEFAULT"
                : " SET DEFAULT " + addedAt.get().defaultExpression())
            + ", ALTER COLUMN "
            + column
            + (addedAt.get().notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
    if (updated != null) {
      repair.add("ALTER TABLE " + table + " DROP COLUMN " + quote(DRIFT_UPDATED_AT));
    }
    List<SchemaDifference> result = new ArrayList<>();
    for (SchemaDifference difference : differences) {
      if (difference == missing) {
        result.add(difference.handled(Handling.REPAIRED, repair));
      } else if (difference == created || difference == updated) {
        result.add(difference.handled(Handling.REPAIRED, List.of()));
      } else {
        result.add(difference);
      }
    }
    return result;
  }

  private static String createdAtType(SchemaCatalog actual) {
    return actual
        .table(CUSTOM_RANKING)
        .flatMap(table -> table.column(DRIFT_CREATED_AT))
        .map(Column::type)
        .orElseThrow();
  }

  private static boolean isColumnKind(Kind kind) {
    return kind == Kind.MISSING_COLUMN
        || kind == Kind.EXTRA_COLUMN
        || kind == Kind.COLUMN_TYPE
        || kind == Kind.COLUMN_NULLABILITY;
  }

  private static Map<String, ForeignKey> byConnection(List<ForeignKey> keys) {
    Map<String, ForeignKey> result = new LinkedHashMap<>();
    keys.forEach(key -> result.put(key.connection(), key));
    return result;
  }

  private static SchemaDifference difference(
      Kind kind, String table, String name, String expected, String actual) {
    return new SchemaDifference(
        kind, table, name, expected, actual, Handling.UNEXPECTED, List.of());
  }

  private static String describe(Column column) {
    return column.type() + (column.notNull() ? " not null" : "");
  }

  private static String nullability(Column column) {
    return column.notNull() ? "NOT NULL" : "nullable";
  }

  private static String describe(ForeignKey key) {
    return key.name()
        + " "
        + key.connection()
        + " ON DELETE "
        + key.onDelete()
        + " ON UPDATE "
        + key.onUpdate();
  }
}
