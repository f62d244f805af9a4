package org.ripieno.datasafety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an archive: what a complete file yields, and every way a damaged one is refused. */
class ArchiveFileTest {

  @TempDir Path directory;

  private static final String HEADER =
      """
      {"formatVersion": 1, "kind": "ripieno-orchestra-archive",
       "orchestra": {"id": "c1", "subdomain": "sco", "name": "SCO", "contactName": null,
                     "contactEmail": "a@b.org"},
       "schemaVersion": "3", "exportedAt": "2027-03-08T09:00:00.123Z",
      """;

  private static final String INSTRUMENTS =
      """
      {"name": "Instrument", "columns": ["id", "name"],
       "sequences": {"id": {"lastValue": 7, "isCalled": true}},
       "rows": [
        {"id": 1, "name": "Violin \\"I\\""},
        {"id": 2, "name": "Cello"}
       ],
       "rowCount": 2}
      """;

  @Test
  void aCompleteArchiveYieldsItsHeaderTablesAndRows() throws Exception {
    Path file =
        write(HEADER + "\"tables\": [" + INSTRUMENTS + ", " + table("Empty", "[]", 0) + "]}");

    ArchiveSummary summary = ArchiveFile.inspect(file);

    assertThat(summary.formatVersion()).isEqualTo(1);
    assertThat(summary.orchestra())
        .isEqualTo(new ArchivedOrchestra("c1", "sco", "SCO", null, "a@b.org"));
    assertThat(summary.schemaVersion()).isEqualTo("3");
    assertThat(summary.exportedAt()).isEqualTo("2027-03-08T09:00:00.123Z");
    assertThat(summary.rowCounts())
        .containsExactly(java.util.Map.entry("Instrument", 2L), java.util.Map.entry("Empty", 0L));
    assertThat(summary.table("Instrument").orElseThrow().sequences().get("id").nextValue())
        .isEqualTo(8);
    List<String> rows = new ArrayList<>();
    ArchiveFile.readRows(
        file,
        new ArchiveFile.RowSink() {
          @Override
          public void startTable(ArchiveSummary.TableContent table) {
            rows.add("table " + table.name());
          }

          @Override
          public void row(String json) {
            rows.add(json);
          }

          @Override
          public void endTable() {}
        });
    assertThat(rows)
        .containsExactly(
            "table Instrument",
            "{\"id\":1,\"name\":\"Violin \\\"I\\\"\"}",
            "{\"id\":2,\"name\":\"Cello\"}",
            "table Empty");
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    String complete = HEADER + "\"tables\": [" + INSTRUMENTS + "]}";
    Path file = write(complete.substring(0, complete.indexOf("Cello")));
    assertRefused(file, "not a well-formed orchestra archive");
  }

  @Test
  void aRowCountThatDisagreesWithTheRowsIsRefused() throws Exception {
    Path file =
        write(
            HEADER
                + "\"tables\": ["
                + INSTRUMENTS.replace("\"rowCount\": 2", "\"rowCount\": 3")
                + "]}");
    assertRefused(file, "declares 3 rows but holds 2");
  }

  @Test
  void aRowWithOtherColumnsIsRefused() throws Exception {
    Path file =
        write(
            HEADER
                + "\"tables\": ["
                + INSTRUMENTS.replace("\"name\": \"Cello\"", "\"title\": \"Cello\"")
                + "]}");
    assertRefused(file, "row 2 of Instrument has the columns");
  }

  @Test
  void anotherFormatVersionOrKindIsRefused() throws Exception {
    assertRefused(
        write(HEADER.replace("\"formatVersion\": 1", "\"formatVersion\": 2") + "\"tables\": []}"),
        "format version 2");
    assertRefused(
        write(
            HEADER.replace("ripieno-orchestra-archive", "main-tables-export") + "\"tables\": []}"),
        "its kind is main-tables-export");
    assertRefused(
        write("{\"exportDate\": \"2025-07-03T14:52:34.025Z\", \"orchestras\": [], \"users\": []}"),
        "formatVersion must be the archive's first member");
  }

  @Test
  void aTableListedTwiceIsRefused() throws Exception {
    assertRefused(
        write(HEADER + "\"tables\": [" + INSTRUMENTS + ", " + INSTRUMENTS + "]}"),
        "table Instrument appears twice");
  }

  @Test
  void aMissingFileIsNamed() {
    assertRefused(directory.resolve("nothing.json"), "There is no archive file");
  }

  private static String table(String name, String rows, long count) {
    return "{\"name\": \""
        + name
        + "\", \"columns\": [\"id\"], \"sequences\": {}, \"rows\": "
        + rows
        + ", \"rowCount\": "
        + count
        + "}";
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(directory, "archive", ".json");
    Files.writeString(file, text);
    return file;
  }

  private static void assertRefused(Path file, String reason) {
    assertThatThrownBy(() -> ArchiveFile.inspect(file))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining(reason);
  }
}
