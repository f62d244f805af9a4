package org.ripieno.datasafety.archive;

import static org.ripieno.datasafety.archive.SchemaCatalog.quote;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.ripieno.datasafety.archive.ArchiveSummary.SequencePosition;
import org.ripieno.datasafety.archive.ArchiveSummary.TableContent;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;

/**
 * Puts an archive's rows into an orchestra database that is freshly migrated and empty, at the
 * archive's schema version: in one transaction, tables in foreign-key order (checked against the
 * target's catalog), each row through {@code json_populate_record} so every column gets back its
 * exact value, and afterwards every serial sequence set past both the archived position and the
 * highest id, so new rows never collide with imported ones. Nothing is written unless all of it is.
 */
public final class ArchiveImport {

  /**
   * The one table a freshly migrated orchestra database is not empty in: migration V3 gives it one
   * counter per coded entity type, all at 0. The archive brings its own counters, which replace
   * these.
   */
  static final String ID_SEQUENCE_TABLE = "IdSequence";

  private static final int BATCH = 500;

  private ArchiveImport() {}

  /**
   * Imports {@code file} into {@code target}.
   *
   * @param orchestraId the orchestra the target database must be marked for
   * @return the archive's summary; every table now holds exactly its rows
   * @throws ArchiveRefusedException when the file is unusable or the target is not an empty
   *     orchestra database of this orchestra at the archive's schema version; nothing was changed
   */
  public static ArchiveSummary into(DatabaseLogin target, String orchestraId, Path file)
      throws SQLException, IOException {
    return into(target, orchestraId, file, ArchiveFile.inspect(file));
  }

  /** The same, for a file that has just passed {@link ArchiveFile#inspect}. */
  static ArchiveSummary into(
      DatabaseLogin target, String orchestraId, Path file, ArchiveSummary archive)
      throws SQLException, IOException {
    Objects.requireNonNull(orchestraId, "orchestraId");
    Migrations.SchemaVersion version =
        Migrations.version(target.dataSource(), DatabaseKind.ORCHESTRA);
    if (!archive.schemaVersion().equals(version.current())) {
      throw new ArchiveRefusedException(
          "The archive is at orchestra schema version "
              + archive.schemaVersion()
              + ", database "
              + target.address()
              + " at "
              + version.current()
              + ": an archive is imported only into a database at its own version");
    }
    try (Connection connection = target.connect()) {
      connection.setAutoCommit(false);
      try {
        importRows(connection, orchestraId, file, archive);
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    return archive;
  }

  private static void importRows(
      Connection connection, String orchestraId, Path file, ArchiveSummary archive)
      throws SQLException, IOException {
    try {
      IdentityMarker.verify(connection, orchestraId);
    } catch (IdentityMarker.IdentityMismatchException e) {
      throw new ArchiveRefusedException(e.getMessage(), e);
    }
    SchemaCatalog catalog = SchemaCatalog.read(connection);
    checkTables(catalog, archive, connection.getCatalog());
    lockAndRequireEmpty(connection, archive);
    ArchiveFile.readRows(file, new Inserter(connection));
    for (TableContent table : archive.tables()) {
      advanceSequences(connection, catalog.table(table.name()).orElseThrow(), table);
      long count = count(connection, table.name());
      if (count != table.rowCount()) {
        throw new IllegalStateException(
            "After the import "
                + table.name()
                + " holds "
                + count
                + " rows, the archive "
                + table.rowCount());
      }
    }
  }

  /**
   * The archive's tables are exactly the target's orchestra tables, each with the same columns, and
   * in an order that inserts every referenced row before the rows referencing it.
   */
  static void checkTables(SchemaCatalog catalog, ArchiveSummary archive, String database) {
    Set<String> expected = new TreeSet<>(DatabaseKind.ORCHESTRA.tables());
    expected.remove(IdentityMarker.TABLE);
    Set<String> inFile = new TreeSet<>(archive.rowCounts().keySet());
    if (!inFile.equals(expected)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(inFile);
      Set<String> extra = new TreeSet<>(inFile);
      extra.removeAll(expected);
      throw new ArchiveRefusedException(
          "The archive's tables do not match an orchestra database: missing "
              + missing
              + ", not orchestra tables "
              + extra);
    }
    Set<String> before = new HashSet<>();
    for (TableContent table : archive.tables()) {
      SchemaCatalog.Table target =
          catalog
              .table(table.name())
              .orElseThrow(
                  () ->
                      new ArchiveRefusedException(
                          "Database " + database + " has no table " + table.name()));
      if (!Set.copyOf(target.columnNames()).equals(Set.copyOf(table.columns()))) {
        throw new ArchiveRefusedException(
            "Table "
                + table.name()
                + " has the columns "
                + target.columnNames()
                + " in database "
                + database
                + " but "
                + table.columns()
                + " in the archive");
      }
      for (SchemaCatalog.ForeignKey key : catalog.foreignKeysOf(table.name())) {
        if (inFile.contains(key.referencedTable())
            && !key.referencedTable().equals(table.name())
            && !before.contains(key.referencedTable())) {
          throw new ArchiveRefusedException(
              "The archive lists "
                  + table.name()
                  + " before "
                  + key.referencedTable()
                  + ", which it references");
        }
      }
      before.add(table.name());
    }
  }

  private static void lockAndRequireEmpty(Connection connection, ArchiveSummary archive)
      throws SQLException {
    List<String> quoted = new ArrayList<>();
    archive.tables().forEach(t -> quoted.add(quote(t.name())));
    try (Statement lock = connection.createStatement()) {
      // Nobody may write while the rows go in; the database should not be in use anyway.
      lock.execute("lock table " + String.join(", ", quoted) + " in exclusive mode");
    }
    Map<String, Long> notEmpty = new LinkedHashMap<>();
    for (TableContent table : archive.tables()) {
      long rows =
          ID_SEQUENCE_TABLE.equals(table.name())
              ? countWhere(connection, table.name(), "\"lastNumber\" <> 0")
              : count(connection, table.name());
      if (rows > 0) {
        notEmpty.put(table.name(), rows);
      }
    }
    if (!notEmpty.isEmpty()) {
      throw new ArchiveRefusedException(
          "Database "
              + connection.getCatalog()
              + " is not empty (rows per table: "
              + notEmpty
              + "): an archive is imported only into a freshly created orchestra database");
    }
    try (Statement clear = connection.createStatement()) {
      clear.executeUpdate("delete from " + quote(ID_SEQUENCE_TABLE));
    }
  }

  /** Inserts the rows of one table at a time, in batches. */
  private static final class Inserter implements ArchiveFile.RowSink {

    private final Connection connection;
    private PreparedStatement insert;
    private int pending;

    Inserter(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void startTable(TableContent table) throws SQLException {
      String name = quote(table.name());
      insert =
          connection.prepareStatement(
              "insert into "
                  + name
                  + " select * from json_populate_record(null::"
                  + name
                  + ", ?::json)");
      pending = 0;
    }

    @Override
    public void row(String json) throws SQLException {
      insert.setString(1, json);
      insert.addBatch();
      if (++pending == BATCH) {
        insert.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void endTable() throws SQLException {
      if (pending > 0) {
        insert.executeBatch();
      }
      insert.close();
    }
  }

  private static void advanceSequences(
      Connection connection, SchemaCatalog.Table table, TableContent archived) throws SQLException {
    for (Map.Entry<String, String> owned : table.sequences().entrySet()) {
      SequencePosition position = archived.sequences().get(owned.getKey());
      long archivedNext = position == null ? 1 : position.nextValue();
      try (PreparedStatement setval =
          connection.prepareStatement(
              "select setval(?::regclass, greatest(?, (select coalesce(max("
                  + quote(owned.getKey())
                  + "), 0) + 1 from "
                  + quote(table.name())
                  + ")), false)")) {
        setval.setString(1, quote(owned.getValue()));
        setval.setLong(2, archivedNext);
        setval.executeQuery().close();
      }
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    return countWhere(connection, table, "true");
  }

  private static long countWhere(Connection connection, String table, String condition)
      throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet result =
            query.executeQuery("select count(*) from " + quote(table) + " where " + condition)) {
      result.next();
      return result.getLong(1);
    }
  }
}
