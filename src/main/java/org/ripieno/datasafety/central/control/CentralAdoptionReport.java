package org.ripieno.datasafety.central.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ripieno.datasafety.central.control.LegacyCentralSchema.Difference;
import org.ripieno.datasafety.schema.control.SchemaReports;

/**
 * What was found, and what was done or would be.
 *
 * @param versionBefore Ripieno's central schema version before (null: a legacy database)
 * @param misplaced orchestra tables found in it, with their rows (backed up and dropped)
 * @param notes what the row conversion does, per orchestra or customer
 * @param backupDirectory where the misplaced tables were backed up, or null
 */
public record CentralAdoptionReport(
    Outcome outcome,
    String database,
    String versionBefore,
    String versionAfter,
    Map<String, Long> misplaced,
    List<Difference> differences,
    List<String> notes,
    List<String> steps,
    Map<String, Long> rowsBefore,
    Map<String, Long> rowsAfter,
    Path backupDirectory,
    String refusal) {

  public enum Outcome {
    /** The database is a Ripieno central database now. */
    ADOPTED,
    /** Checked and planned; nothing changed. */
    DRY_RUN,
    /** Already a Ripieno central database with nothing legacy left. */
    NOTHING_TO_DO,
    /** Nothing changed; the report says why. */
    REFUSED
  }

  public CentralAdoptionReport {
    misplaced = Map.copyOf(misplaced);
    differences = List.copyOf(differences);
    notes = List.copyOf(notes);
    steps = List.copyOf(steps);
    rowsBefore = Map.copyOf(rowsBefore);
    rowsAfter = Map.copyOf(rowsAfter);
  }

  /** The report as lines for an operator's terminal. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("central database " + database + ": " + outcome);
    lines.add(
        "schema version before: "
            + (versionBefore == null ? "none (legacy central database)" : versionBefore)
            + ", after: "
            + (versionAfter == null ? "none" : versionAfter));
    if (!misplaced.isEmpty()) {
      lines.add("misplaced orchestra tables: " + SchemaReports.describe(misplaced));
    }
    differences.forEach(d -> lines.add("difference: " + d.describe()));
    notes.forEach(n -> lines.add("note: " + n));
    steps.forEach(s -> lines.add((outcome == Outcome.ADOPTED ? "done: " : "would: ") + s));
    if (!rowsBefore.isEmpty()) {
      lines.add(
          "rows: "
              + new TreeMap<>(rowsBefore)
                  .entrySet().stream()
                      .map(
                          e ->
                              e.getKey()
                                  + " "
                                  + e.getValue()
                                  + (rowsAfter.containsKey(e.getKey())
                                      ? " -> " + rowsAfter.get(e.getKey())
                                      : ""))
                      .collect(Collectors.joining(", ")));
    }
    if (refusal != null) {
      lines.add("refused: " + refusal);
    }
    return lines;
  }

  /** The fields of the command's JSON document. */
  public JsonObject toJson() {
    JsonArrayBuilder differenceArray = Json.createArrayBuilder();
    differences.forEach(d -> differenceArray.add(d.describe()));
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("outcome", outcome.name())
            .add("database", database)
            .add("versionBefore", versionBefore == null ? JsonValue.NULL : text(versionBefore))
            .add("versionAfter", versionAfter == null ? JsonValue.NULL : text(versionAfter))
            .add("misplaced", counts(misplaced))
            .add("differences", differenceArray)
            .add("notes", Json.createArrayBuilder(notes))
            .add("steps", Json.createArrayBuilder(steps))
            .add("rowsBefore", counts(rowsBefore))
            .add("rowsAfter", counts(rowsAfter));
    if (backupDirectory != null) {
      json.add("backupDirectory", backupDirectory.toString());
    }
    if (refusal != null) {
      json.add("refusal", refusal);
    }
    return json.build();
  }

  private static JsonValue text(String value) {
    return Json.createValue(value);
  }

  private static JsonObject counts(Map<String, Long> counts) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    new TreeMap<>(counts).forEach(json::add);
    return json.build();
  }
}
