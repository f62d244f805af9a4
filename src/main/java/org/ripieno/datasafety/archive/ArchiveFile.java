package org.ripieno.datasafety.archive;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.ripieno.datasafety.archive.ArchiveSummary.SequencePosition;
import org.ripieno.datasafety.archive.ArchiveSummary.TableContent;

/**
 * Reads an orchestra archive (the format is in {@code docs/data-transfer.md}) as a stream: one row
 * at a time is in memory, however large the file. {@link #inspect} checks the whole file without
 * touching any database; an import then reads it a second time to insert the rows.
 */
public final class ArchiveFile {

  /** The version of the format this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** What the file is, so that another JSON file given by mistake is refused by name. */
  public static final String KIND = "ripieno-orchestra-archive";

  private ArchiveFile() {}

  /**
   * Reads the whole file and checks it: the format version, the orchestra and schema version, and
   * for every table its columns, that every row has exactly those columns and that the number of
   * rows is the one the file declares (so a truncated or edited file is refused).
   *
   * @throws ArchiveRefusedException when the file is not a complete, well-formed archive
   */
  public static ArchiveSummary inspect(Path file) throws IOException {
    try {
      return parse(file, null);
    } catch (SQLException e) {
      throw new IllegalStateException("No database is involved in reading an archive", e);
    }
  }

  /** Receives the rows of an archive, table by table, in the file's order. */
  interface RowSink {
    void startTable(TableContent table) throws SQLException;

    /** One row as a JSON object, keyed by column name. */
    void row(String json) throws SQLException;

    void endTable() throws SQLException;
  }

  /** Streams the rows to {@code sink}; the file should have passed {@link #inspect} first. */
  static ArchiveSummary readRows(Path file, RowSink sink) throws IOException, SQLException {
    return parse(file, sink);
  }

  private static ArchiveSummary parse(Path file, RowSink sink) throws IOException, SQLException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = Json.createParser(reader)) {
      return new Reading(parser, sink).archive();
    } catch (NoSuchFileException e) {
      throw new ArchiveRefusedException("There is no archive file " + file);
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw new ArchiveRefusedException(
          file + " is not a well-formed orchestra archive (" + e.getMessage() + ")", e);
    }
  }

  /** One pass over a file. */
  private static final class Reading {

    private final JsonParser parser;
    private final RowSink sink;

    Reading(JsonParser parser, RowSink sink) {
      this.parser = parser;
      this.sink = sink;
    }

    ArchiveSummary archive() throws SQLException {
      expect(parser.next(), Event.START_OBJECT, "the archive");
      Integer formatVersion = null;
      String kind = null;
      ArchivedOrchestra orchestra = null;
      String schemaVersion = null;
      String exportedAt = null;
      List<TableContent> tables = null;
      Event event;
      while ((event = parser.next()) != Event.END_OBJECT) {
        expect(event, Event.KEY_NAME, "a member name");
        String key = parser.getString();
        Event value = parser.next();
        if (formatVersion == null && !"formatVersion".equals(key)) {
          throw refused("formatVersion must be the archive's first member");
        }
        switch (key) {
          case "formatVersion" -> {
            expect(value, Event.VALUE_NUMBER, "formatVersion");
            formatVersion = parser.getInt();
            if (formatVersion != FORMAT_VERSION) {
              throw refused(
                  "the archive has format version "
                      + formatVersion
                      + "; this Ripieno reads version "
                      + FORMAT_VERSION);
            }
          }
          case "kind" -> kind = string(value, "kind");
          case "orchestra" -> orchestra = orchestra(value);
          case "schemaVersion" -> schemaVersion = string(value, "schemaVersion");
          case "exportedAt" -> exportedAt = string(value, "exportedAt");
          case "tables" -> {
            if (orchestra == null || schemaVersion == null) {
              throw refused("orchestra and schemaVersion must come before tables");
            }
            tables = tables(value);
          }
          default -> skip(value);
        }
      }
      if (!KIND.equals(kind)) {
        throw refused("its kind is " + kind + ", not " + KIND);
      }
      if (tables == null || exportedAt == null) {
        throw refused("tables or exportedAt are missing");
      }
      return new ArchiveSummary(formatVersion, orchestra, schemaVersion, exportedAt, tables);
    }

    private ArchivedOrchestra orchestra(Event value) {
      expect(value, Event.START_OBJECT, "orchestra");
      JsonObject object = parser.getObject();
      try {
        return new ArchivedOrchestra(
            object.getString("id"),
            object.getString("subdomain"),
            object.getString("name"),
            object.getString("contactName", null),
            object.getString("contactEmail", null));
      } catch (NullPointerException | ClassCastException e) {
        throw refused("orchestra needs id, subdomain and name as strings");
      }
    }

    private List<TableContent> tables(Event value) throws SQLException {
      expect(value, Event.START_ARRAY, "tables");
      List<TableContent> tables = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Event event;
      while ((event = parser.next()) != Event.END_ARRAY) {
        expect(event, Event.START_OBJECT, "a table");
        TableContent table = table();
        if (!names.add(table.name())) {
          throw refused("table " + table.name() + " appears twice");
        }
        tables.add(table);
      }
      return tables;
    }

    private TableContent table() throws SQLException {
      String name = null;
      List<String> columns = null;
      Map<String, SequencePosition> sequences = Map.of();
      long rows = -1;
      Long declaredRows = null;
      Event event;
      while ((event = parser.next()) != Event.END_OBJECT) {
        expect(event, Event.KEY_NAME, "a member name");
        String key = parser.getString();
        Event value = parser.next();
        switch (key) {
          case "name" -> name = string(value, "a table's name");
          case "columns" -> columns = columns(value, name);
          case "sequences" -> sequences = sequences(value, name);
          case "rows" -> {
            if (name == null || columns == null) {
              throw refused("a table's name and columns must come before its rows");
            }
            rows = rows(value, new TableContent(name, columns, 0, sequences));
          }
          case "rowCount" -> {
            expect(value, Event.VALUE_NUMBER, "rowCount");
            declaredRows = parser.getLong();
          }
          default -> skip(value);
        }
      }
      if (name == null || columns == null || rows < 0 || declaredRows == null) {
        throw refused("table " + name + " lacks its name, columns, rows or rowCount");
      }
      if (rows != declaredRows) {
        throw refused("table " + name + " declares " + declaredRows + " rows but holds " + rows);
      }
      return new TableContent(name, columns, rows, sequences);
    }

    private List<String> columns(Event value, String table) {
      expect(value, Event.START_ARRAY, "columns of " + table);
      List<String> columns = new ArrayList<>();
      for (JsonValue column : parser.getArray()) {
        if (!(column instanceof JsonString text)) {
          throw refused("the columns of " + table + " are not all names");
        }
        columns.add(text.getString());
      }
      if (new HashSet<>(columns).size() != columns.size() || columns.isEmpty()) {
        throw refused("the columns of " + table + " are empty or repeat a name");
      }
      return columns;
    }

    private Map<String, SequencePosition> sequences(Event value, String table) {
      expect(value, Event.START_OBJECT, "sequences of " + table);
      Map<String, SequencePosition> sequences = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> entry : parser.getObject().entrySet()) {
        if (!(entry.getValue() instanceof JsonObject position)
            || !(position.get("lastValue") instanceof JsonNumber lastValue)
            || !(position.get("isCalled") == JsonValue.TRUE
                || position.get("isCalled") == JsonValue.FALSE)) {
          throw refused("sequence of " + table + "." + entry.getKey() + " is malformed");
        }
        sequences.put(
            entry.getKey(),
            new SequencePosition(
                lastValue.longValueExact(), position.get("isCalled") == JsonValue.TRUE));
      }
      return sequences;
    }

    private long rows(Event value, TableContent table) throws SQLException {
      expect(value, Event.START_ARRAY, "rows of " + table.name());
      Set<String> columns = Set.copyOf(table.columns());
      if (sink != null) {
        sink.startTable(table);
      }
      long count = 0;
      Event event;
      while ((event = parser.next()) != Event.END_ARRAY) {
        expect(event, Event.START_OBJECT, "a row of " + table.name());
        JsonObject row = parser.getObject();
        if (!row.keySet().equals(columns)) {
          throw refused(
              "row "
                  + (count + 1)
                  + " of "
                  + table.name()
                  + " has the columns "
                  + row.keySet()
                  + ", not "
                  + table.columns());
        }
        if (sink != null) {
          sink.row(row.toString());
        }
        count++;
      }
      if (sink != null) {
        sink.endTable();
      }
      return count;
    }

    private String string(Event value, String what) {
      expect(value, Event.VALUE_STRING, what);
      return parser.getString();
    }

    private void skip(Event value) {
      if (value == Event.START_OBJECT) {
        parser.skipObject();
      } else if (value == Event.START_ARRAY) {
        parser.skipArray();
      }
    }

    private void expect(Event actual, Event expected, String what) {
      if (actual != expected) {
        throw refused(
            what
                + " should be "
                + expected
                + " but is "
                + actual
                + " (near line "
                + parser.getLocation().getLineNumber()
                + ")");
      }
    }

    private static ArchiveRefusedException refused(String reason) {
      return new ArchiveRefusedException("Not a usable orchestra archive: " + reason);
    }
  }
}
