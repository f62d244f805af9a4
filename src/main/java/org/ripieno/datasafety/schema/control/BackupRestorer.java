package org.ripieno.datasafety.schema.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ripieno.datasafety.TableRows;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * Puts tables backed up by {@link SchemaCleaner} back, in one transaction: every table is created,
 * filled, its sequences set to where they were, its constraints and indexes added, foreign keys
 * last; then each table's row count is compared with its backup's. A table that exists already is
 * refused, and so is a backup whose structure holds statements {@code schema clean} does not write
 * ({@link #vouchFor}); nothing is changed.
 */
public final class BackupRestorer {

  private BackupRestorer() {}

  public record RestoredTable(String table, long rows, Path file, String fromDatabase) {}

  public record Result(String database, List<RestoredTable> tables) {
    public JsonObject toJson() {
      JsonArrayBuilder restored = Json.createArrayBuilder();
      for (RestoredTable t : tables) {
        restored.add(
            Json.createObjectBuilder()
                .add("table", t.table())
                .add("rows", t.rows())
                .add("backup", t.file().toString())
                .add("backedUpFrom", t.fromDatabase()));
      }
      return Json.createObjectBuilder().add("database", database).add("restored", restored).build();
    }
  }

  /** A table is there already, or the restored rows do not match the backup; nothing changed. */
  public static final class RestoreRefusedException extends IllegalStateException {
    public RestoreRefusedException(String message) {
      super(message);
    }
  }

  /** The backup files a path names: the file itself, or every backup in the directory. */
  public static List<Path> backupFiles(Path path) {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("There is no backup at " + path);
      }
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Path> backups =
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
      if (backups.isEmpty()) {
        throw new IllegalArgumentException("There is no backup (*.json) in " + path);
      }
      return backups;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + path, e);
    }
  }

  /** Reads every backup first, so a damaged file is refused before anything is changed. */
  public static List<TableBackup> read(List<Path> files) {
    List<TableBackup> backups = new ArrayList<>();
    for (Path file : files) {
      backups.add(TableBackup.read(file));
    }
    return backups;
  }

  /**
   * Refuses backups whose structure holds anything but what the catalog writes for their own table
   * ({@link TableStructure#unvouched}): their structure is run as SQL on the target.
   */
  public static void vouchFor(List<TableBackup> backups, List<Path> files) {
    for (int i = 0; i < backups.size(); i++) {
      TableBackup backup = backups.get(i);
      List<String> problems = new ArrayList<>();
      if (!backup.table().equals(backup.structure().table())) {
        problems.add(
            "it is the backup of "
                + backup.table()
                + " but its structure is "
                + backup.structure().table()
                + "'s");
      }
      problems.addAll(backup.structure().unvouched());
      if (!problems.isEmpty()) {
        throw new RestoreRefusedException(
            files.get(i)
                + " holds statements a backup by schema clean does not: "
                + String.join("; ", problems)
                + "; nothing was restored");
      }
    }
  }

  public static Result restore(DatabaseLogin target, List<Path> files) throws SQLException {
    List<TableBackup> backups = read(files);
    vouchFor(backups, files);
    try (Connection connection = target.connect()) {
      connection.setAutoCommit(false);
      try {
        List<RestoredTable> restored = restoreIn(connection, backups, files);
        connection.commit();
        return new Result(connection.getCatalog(), restored);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static List<RestoredTable> restoreIn(
      Connection connection, List<TableBackup> backups, List<Path> files) throws SQLException {
    for (TableBackup backup : backups) {
      if (TableRows.exists(connection, backup.table())) {
        throw new RestoreRefusedException(
            "Table "
                + backup.table()
                + " exists in "
                + connection.getCatalog()
                + " already; nothing was restored");
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (TableBackup backup : backups) {
        for (String sql : backup.structure().createStatements()) {
          statement.execute(sql);
        }
      }
      for (TableBackup backup : backups) {
        TableStructure structure = backup.structure();
        TableRows.insertAll(
            connection,
            backup.table(),
            structure.insertableColumns(),
            backup.rows(),
            structure.hasAlwaysIdentity());
      }
      for (TableBackup backup : backups) {
        for (String sql : backup.structure().completionStatements()) {
          statement.execute(sql);
        }
      }
      for (TableBackup backup : backups) {
        for (String sql : backup.structure().foreignKeyStatements()) {
          statement.execute(sql);
        }
      }
    }
    List<RestoredTable> restored = new ArrayList<>();
    for (int i = 0; i < backups.size(); i++) {
      TableBackup backup = backups.get(i);
      long count = TableRows.count(connection, backup.table());
      if (count != backup.rows().size()) {
        throw new RestoreRefusedException(
            backup.table()
                + " holds "
                + count
                + " rows after the restore, its backup "
                + backup.rows().size()
                + "; nothing was restored");
      }
      restored.add(new RestoredTable(backup.table(), count, files.get(i), backup.database()));
    }
    return restored;
  }
}
