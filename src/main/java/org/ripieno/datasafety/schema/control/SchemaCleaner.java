package org.ripieno.datasafety.schema.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ripieno.datasafety.JdbcTransaction;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.adoption.LegacySystemLog;
import org.ripieno.datasafety.adoption.SchemaComparison;
import org.ripieno.datasafety.adoption.SchemaDifference;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.SchemaGuard;

/**
 * Removes the tables the schema guard finds misplaced in a database, never losing a row: each table
 * is locked, written to a backup file (structure and every row), the file is read back and its row
 * count compared with the table's, and only then are the tables dropped, all in one transaction on
 * the target. A legacy orchestra database's own {@code SystemLog} is backed up the same way and
 * then moved into central {@code "SystemLog"} with the orchestra's id ({@link
 * LegacySystemLog#moveToCentral}, the move adoption uses too), which drops it once every row is in
 * central; first its columns must fit central's, by adoption's rule.
 */
public final class SchemaCleaner {

  /** The central table a legacy orchestra database may still carry a copy of. */
  public static final String SYSTEM_LOG = "SystemLog";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SchemaCleaner() {}

  /**
   * Where a legacy orchestra database's {@code SystemLog} rows go.
   *
   * @param central central's login
   * @param orchestraId written into every moved row's {@code orchestraId}
   */
  public record SystemLogMove(DatabaseLogin central, String orchestraId) {}

  /**
   * @param backup the file holding the table's structure and rows
   * @param movedToCentral rows now in central {@code SystemLog}, or null for other tables
   */
  public record CleanedTable(String table, long rows, Path backup, Long movedToCentral) {}

  public record Result(String database, Path backupDirectory, List<CleanedTable> tables) {

    public JsonObject toJson() {
      JsonArrayBuilder cleaned = Json.createArrayBuilder();
      for (CleanedTable table : tables) {
        var entry =
            Json.createObjectBuilder()
                .add("table", table.table())
                .add("rows", table.rows())
                .add("backup", table.backup().toString());
        if (table.movedToCentral() != null) {
          entry.add("movedToCentralSystemLog", table.movedToCentral());
        }
        cleaned.add(entry);
      }
      var json = Json.createObjectBuilder().add("database", database).add("dropped", cleaned);
      if (backupDirectory != null) {
        json.add("backupDirectory", backupDirectory.toString());
      }
      return json.build();
    }
  }

  /** The backup or the move did not add up; nothing was dropped. */
  public static final class CleanAbortedException extends IllegalStateException {
    public CleanAbortedException(String message) {
      super(message);
    }
  }

  /** What a clean would drop now: the misplaced tables with their row counts. */
  public static Map<String, Long> misplaced(DatabaseLogin target, DatabaseKind kind)
      throws SQLException {
    try (Connection connection = target.connect()) {
      return new TreeMap<>(SchemaGuard.inspect(connection, kind).misplaced());
    }
  }

  /**
   * Backs up and drops every misplaced table of the target.
   *
   * @param move required for an orchestra database: where its {@code SystemLog} rows go
   */
  public static Result clean(
      DatabaseLogin target, DatabaseKind kind, Path backupRoot, SystemLogMove move)
      throws SQLException {
    Instant now = Instant.now();
    List<CleanedTable> cleaned = new ArrayList<>();
    String database;
    Path directory;
    try (Connection connection = target.connect()) {
      database = connection.getCatalog();
      directory = backupRoot.resolve(database + "-" + STAMP.format(now)).toAbsolutePath();
      Map<String, Long> misplaced = SchemaGuard.inspect(connection, kind).misplaced();
      if (misplaced.isEmpty()) {
        return new Result(database, null, List.of());
      }
      if (kind == DatabaseKind.ORCHESTRA && misplaced.containsKey(SYSTEM_LOG)) {
        if (move == null) {
          throw new IllegalArgumentException(
              "An orchestra database's SystemLog is moved to central, which needs the orchestra");
        }
        // Before anything is written: every column must have a place in central's SystemLog.
        try (Connection central = move.central().connect()) {
          requireSystemLogFits(connection, central);
        }
        // Backed up first (a copy as it was), then moved: the move checks every id in central.
        CleanedTable backedUp =
            JdbcTransaction.run(
                    connection,
                    () -> backUpAndDrop(connection, List.of(SYSTEM_LOG), directory, now, false))
                .get(0);
        long moved;
        try (Connection central = move.central().connect()) {
          moved = LegacySystemLog.moveToCentral(connection, central, move.orchestraId());
        } catch (IllegalStateException e) {
          throw new CleanAbortedException(e.getMessage());
        }
        cleaned.add(new CleanedTable(SYSTEM_LOG, backedUp.rows(), backedUp.backup(), moved));
      }
      List<String> rest =
          new TreeMap<>(misplaced)
              .keySet().stream()
                  .filter(t -> !cleaned.stream().anyMatch(c -> c.table().equals(t)))
                  .toList();
      if (!rest.isEmpty()) {
        cleaned.addAll(
            JdbcTransaction.run(
                connection, () -> backUpAndDrop(connection, rest, directory, now, true)));
      }
    }
    return new Result(database, directory, cleaned);
  }

  /**
   * Refuses a legacy {@code SystemLog} whose columns do not fit central's ({@link
   * SchemaComparison#systemLogFit}, adoption's rule): a column central lacks would lose its values,
   * a column central requires and the legacy table lacks would stop the insert halfway.
   */
  static void requireSystemLogFits(Connection orchestra, Connection central) throws SQLException {
    SchemaCatalog.Table legacy = SchemaCatalog.read(orchestra).table(SYSTEM_LOG).orElseThrow();
    Optional<SchemaCatalog.Table> centralLog = SchemaCatalog.read(central).table(SYSTEM_LOG);
    if (centralLog.isEmpty()) {
      throw new CleanAbortedException(
          "Central holds no SystemLog to move the orchestra's rows to; nothing was changed");
    }
    List<SchemaDifference> misfits = SchemaComparison.systemLogFit(legacy, centralLog.get());
    if (!misfits.isEmpty()) {
      throw new CleanAbortedException(
          "The orchestra database's SystemLog does not fit central SystemLog: "
              + misfits.stream()
                  .map(
                      d ->
                          "column "
                              + d.name()
                              + (d.kind() == SchemaDifference.Kind.MISSING_COLUMN
                                  ? " is missing (" + d.expected() + ")"
                                  : " (" + d.actual() + ") has no column in central"))
                  .collect(Collectors.joining(", "))
              + "; nothing was changed");
    }
  }

  /** Locks the tables, backs each one up and checks its file, then drops them (if asked). */
  private static List<CleanedTable> backUpAndDrop(
      Connection connection, List<String> tables, Path directory, Instant now, boolean drop)
      throws SQLException {
    String database = connection.getCatalog();
    String names = tables.stream().map(TableRows::quote).collect(Collectors.joining(", "));
    try (Statement lock = connection.createStatement()) {
      // Nobody writes to the tables between the backup and the drop.
      lock.execute("LOCK TABLE " + names + " IN ACCESS EXCLUSIVE MODE");
    }
    List<CleanedTable> cleaned = new ArrayList<>();
    for (String table : tables) {
      long count = TableRows.count(connection, table);
      TableStructure structure = TableStructure.read(connection, table);
      JsonArray rows = TableRows.readAll(connection, table, orderOf(structure));
      Path file = directory.resolve(table + ".json");
      if (Files.exists(file)) {
        throw new CleanAbortedException(
            "A backup " + file + " exists already; nothing was dropped");
      }
      new TableBackup(database, table, now, structure, rows).write(file);
      long inFile = TableBackup.read(file).rows().size();
      if (inFile != count || rows.size() != count) {
        throw new CleanAbortedException(
            "The backup of "
                + table
                + " in "
                + file
                + " holds "
                + inFile
                + " rows but the table has "
                + count
                + "; nothing was dropped");
      }
      cleaned.add(new CleanedTable(table, count, file, null));
    }
    if (drop) {
      try (Statement statement = connection.createStatement()) {
        // One statement: foreign keys among the dropped tables are no obstacle, and without
        // CASCADE a table that stays and refers to one of them stops the drop instead of losing
        // its key.
        statement.execute("DROP TABLE " + names);
      }
    }
    return cleaned;
  }

  /** Primary key order when there is one, so backups of the same rows read the same. */
  private static List<String> orderOf(TableStructure structure) {
    return structure.columns().stream()
        .map(TableStructure.Column::name)
        .filter("id"::equals)
        .toList();
  }
}
