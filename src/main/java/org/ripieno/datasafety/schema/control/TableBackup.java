package org.ripieno.datasafety.schema.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.JsonDocuments.InvalidDocumentException;

/**
 * One table's backup as the tool writes it: where it came from, its structure and every row as
 * PostgreSQL rendered it ({@code row_to_json}). {@code rowCount} is written separately from the
 * rows, so a truncated or edited file is noticed when it is read.
 */
public record TableBackup(
    String database, String table, Instant takenAt, TableStructure structure, JsonArray rows) {

  public static final String KIND = "ripieno-table-backup";
  public static final int FORMAT_VERSION = 1;

  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("kind", KIND)
        .add("formatVersion", FORMAT_VERSION)
        .add("database", database)
        .add("table", table)
        .add("takenAt", takenAt.toString())
        .add("structure", structure.toJson())
        .add("rowCount", rows.size())
        .add("rows", rows)
        .build();
  }

  public void write(Path file) {
    JsonDocuments.writeDurably(toJson(), file);
  }

  /** Reads a backup, refusing a file that is not one or whose row count does not add up. */
  public static TableBackup read(Path file) {
    JsonObject json = JsonDocuments.readObject(file);
    if (!KIND.equals(json.getString("kind", null))) {
      throw new InvalidDocumentException(file + " is not a table backup written by ripieno-admin");
    }
    if (json.getInt("formatVersion", -1) != FORMAT_VERSION) {
      throw new InvalidDocumentException(
          file
              + " has backup format version "
              + json.get("formatVersion")
              + ", not "
              + FORMAT_VERSION);
    }
    JsonArray rows = json.getJsonArray("rows");
    int declared = json.getInt("rowCount", -1);
    if (rows == null || rows.size() != declared) {
      throw new InvalidDocumentException(
          file
              + " is damaged: it declares "
              + declared
              + " rows but holds "
              + (rows == null ? 0 : rows.size()));
    }
    return new TableBackup(
        json.getString("database"),
        json.getString("table"),
        Instant.parse(json.getString("takenAt")),
        TableStructure.fromJson(json.getJsonObject("structure")),
        rows);
  }
}
