package org.ripieno.datasafety.archive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an orchestra archive holds, without its rows: written by {@link OrchestraExport}, read back
 * by {@link ArchiveFile#inspect}.
 *
 * @param schemaVersion the orchestra schema version (Flyway) of the exported database
 * @param exportedAt ISO-8601 UTC, e.g. {@code 2027-03-08T09:00:00.123Z}
 * @param tables in the file's order, which is an insertion order for the foreign keys
 */
public record ArchiveSummary(
    int formatVersion,
    ArchivedOrchestra orchestra,
    String schemaVersion,
    String exportedAt,
    List<TableContent> tables) {

  public ArchiveSummary {
    tables = List.copyOf(tables);
  }

  /**
   * One table of the archive.
   *
   * @param columns the table's columns when it was exported, in column order
   * @param sequences the position of each serial column's sequence, by column name
   */
  public record TableContent(
      String name, List<String> columns, long rowCount, Map<String, SequencePosition> sequences) {

    public TableContent {
      columns = List.copyOf(columns);
      sequences = Map.copyOf(sequences);
    }
  }

  /**
   * Where a sequence stood: {@code nextval} would return {@code lastValue + 1} when {@code
   * isCalled}, else {@code lastValue}.
   */
  public record SequencePosition(long lastValue, boolean isCalled) {

    public long nextValue() {
      return isCalled ? lastValue + 1 : lastValue;
    }
  }

  public Optional<TableContent> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Rows per table, in the file's order. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    tables.forEach(t -> counts.put(t.name(), t.rowCount()));
    return counts;
  }

  public long totalRows() {
    return tables.stream().mapToLong(TableContent::rowCount).sum();
  }
}
