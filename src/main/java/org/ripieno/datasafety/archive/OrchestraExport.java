package org.ripieno.datasafety.archive;

import static org.ripieno.datasafety.archive.SchemaCatalog.quote;

import jakarta.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.datasafety.archive.ArchiveSummary.SequencePosition;
import org.ripieno.datasafety.archive.ArchiveSummary.TableContent;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;

/**
 * Writes one orchestra database's data to an archive file: every row of every table of an orchestra
 * database ({@link DatabaseKind#ORCHESTRA}) except the identity marker, which belongs to the
 * database and not to the data, and Flyway's history. Rows are written as PostgreSQL's {@code
 * row_to_json} prints them, so every column type survives the round trip exactly, and streamed from
 * a cursor, so a large orchestra never sits in memory.
 */
public final class OrchestraExport {

  private static final int FETCH_SIZE = 500;

  private OrchestraExport() {}

  /**
   * Exports the orchestra's database to {@code file} (replaced if it exists). All tables are read
   * in one snapshot, so the archive is consistent even while the orchestra is in use. The file
   * appears only once it is complete: it is written next to its final name and then moved.
   *
   * @param database the orchestra's database; it must carry {@code orchestra}'s identity marker, so
   *     that an archive can never be labelled with the wrong orchestra
   * @return what was written (schema version and rows per table)
   * @throws ArchiveRefusedException when the database is not this orchestra's or lacks tables
   */
  public static ArchiveSummary write(DatabaseLogin database, ArchivedOrchestra orchestra, Path file)
      throws SQLException, IOException {
    String schemaVersion =
        Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA).current();
    if (schemaVersion == null) {
      throw new ArchiveRefusedException(
          "Database " + database.address() + " was never migrated: it is no orchestra database");
    }
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    ArchiveSummary summary;
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try (Statement session = connection.createStatement()) {
        // The textual forms row_to_json prints; hex bytea is what bytea's input reads back.
        session.execute("set local bytea_output = 'hex'");
      }
      try {
        IdentityMarker.verify(connection, orchestra.id());
      } catch (IdentityMarker.IdentityMismatchException e) {
        throw new ArchiveRefusedException(e.getMessage(), e);
      }
      SchemaCatalog catalog = SchemaCatalog.read(connection);
      List<String> order = catalog.insertionOrder(exportedTables(catalog, database));
      String exportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      List<TableContent> tables = new ArrayList<>();
      OwnerOnlyFiles.createEmpty(partial); // the whole orchestra's data: for its owner only
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        out.write("{\n\"formatVersion\": " + ArchiveFile.FORMAT_VERSION + ",\n");
        out.write("\"kind\": " + json(ArchiveFile.KIND) + ",\n");
        out.write("\"orchestra\": " + json(orchestra) + ",\n");
        out.write("\"schemaVersion\": " + json(schemaVersion) + ",\n");
        out.write("\"exportedAt\": " + json(exportedAt) + ",\n");
        out.write("\"tables\": [");
        for (int i = 0; i < order.size(); i++) {
          out.write(i == 0 ? "\n" : ",\n");
          tables.add(writeTable(connection, catalog.table(order.get(i)).orElseThrow(), out));
        }
        out.write("\n]\n}\n");
      }
      connection.commit();
      summary =
          new ArchiveSummary(
              ArchiveFile.FORMAT_VERSION, orchestra, schemaVersion, exportedAt, tables);
    } catch (SQLException | IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    moveIntoPlace(partial, absolute);
    return summary;
  }

  /** Every table of an orchestra database but the identity marker; all of them must be there. */
  static Set<String> exportedTables(SchemaCatalog catalog, DatabaseLogin database) {
    Set<String> tables = new LinkedHashSet<>(DatabaseKind.ORCHESTRA.tables());
    tables.remove(IdentityMarker.TABLE);
    List<String> missing = tables.stream().filter(t -> catalog.table(t).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new ArchiveRefusedException(
          "Database " + database.address() + " lacks the orchestra tables " + missing);
    }
    return tables;
  }

  private static TableContent writeTable(
      Connection connection, SchemaCatalog.Table table, Writer out)
      throws SQLException, IOException {
    Map<String, SequencePosition> sequences = new LinkedHashMap<>();
    for (Map.Entry<String, String> owned : table.sequences().entrySet()) {
      try (Statement query = connection.createStatement();
          ResultSet position =
              query.executeQuery("select last_value, is_called from " + quote(owned.getValue()))) {
        position.next();
        sequences.put(
            owned.getKey(), new SequencePosition(position.getLong(1), position.getBoolean(2)));
      }
    }
    out.write("{\"name\": " + json(table.name()) + ",\n \"columns\": [");
    out.write(String.join(", ", table.columnNames().stream().map(OrchestraExport::json).toList()));
    out.write("],\n \"sequences\": {");
    List<String> positions = new ArrayList<>();
    sequences.forEach(
        (column, position) ->
            positions.add(
                json(column)
                    + ": {\"lastValue\": "
                    + position.lastValue()
                    + ", \"isCalled\": "
                    + position.isCalled()
                    + "}"));
    out.write(String.join(", ", positions));
    out.write("},\n \"rows\": [");
    long rows = 0;
    // Ordered by the primary key, so two exports of the same data are the same file but for the
    // time stamp.
    List<String> ordering = table.primaryKey().isEmpty() ? table.columnNames() : table.primaryKey();
    String select =
        "select row_to_json(t)::text from "
            + quote(table.name())
            + " t order by "
            + String.join(", ", ordering.stream().map(c -> "t." + quote(c)).toList());
    try (PreparedStatement query = connection.prepareStatement(select)) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          out.write(rows == 0 ? "\n  " : ",\n  ");
          out.write(row.getString(1));
          rows++;
        }
      }
    }
    out.write(rows == 0 ? "]," : "\n ],");
    out.write("\n \"rowCount\": " + rows + "}");
    return new TableContent(table.name(), table.columnNames(), rows, sequences);
  }

  private static void moveIntoPlace(Path partial, Path file) throws IOException {
    try {
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String json(String value) {
    return value == null ? "null" : Json.createValue(value).toString();
  }

  private static String json(ArchivedOrchestra orchestra) {
    return "{\"id\": "
        + json(orchestra.id())
        + ", \"subdomain\": "
        + json(orchestra.subdomain())
        + ", \"name\": "
        + json(orchestra.name())
        + ", \"contactName\": "
        + json(orchestra.contactName())
        + ", \"contactEmail\": "
        + json(orchestra.contactEmail())
        + "}";
  }
}
