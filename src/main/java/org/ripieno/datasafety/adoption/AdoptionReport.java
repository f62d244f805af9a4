package org.ripieno.datasafety.adoption;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ripieno.tenancy.DatabaseAddress;

/**
 * What an adoption found and did (or, in a dry run, would do).
 *
 * @param orchestraId the registry entry's id (also the identity marker written); null when the
 *     orchestra would get a new id (a dry run or refusal of a database no entry or marker names)
 * @param newEntry whether a registry entry is created (else an existing one is updated)
 * @param versionBefore the database's orchestra schema version before (null: never migrated)
 * @param versionAfter after adoption (in a dry run or refusal: unchanged)
 * @param differences every difference from the orchestra schema, with how it is handled
 * @param steps the changes made, in order (in a dry run: the changes that would be made)
 * @param rowsBefore rows per table before (orchestra tables and any others found)
 * @param rowsAfter rows per table after (empty in a dry run or refusal)
 * @param refusal why nothing was changed, when {@code outcome} is {@link Outcome#REFUSED}
 */
public record AdoptionReport(
    Outcome outcome,
    String subdomain,
    String orchestraId,
    boolean newEntry,
    DatabaseAddress database,
    String versionBefore,
    String versionAfter,
    List<SchemaDifference> differences,
    List<String> steps,
    Map<String, Long> rowsBefore,
    Map<String, Long> rowsAfter,
    long systemLogRowsMoved,
    String refusal) {

  public AdoptionReport {
    differences = List.copyOf(differences);
    steps = List.copyOf(steps);
    rowsBefore = Map.copyOf(rowsBefore);
    rowsAfter = Map.copyOf(rowsAfter);
  }

  public enum Outcome {
    /** The database is an orchestra database now, registered and served. */
    ADOPTED,
    /** Checked and planned; nothing changed. */
    DRY_RUN,
    /** Nothing changed; {@code refusal} says why (differences, confirmation, registry). */
    REFUSED
  }

  public List<SchemaDifference> unexpectedDifferences() {
    return differences.stream().filter(SchemaDifference::isUnexpected).toList();
  }

  /** The report as lines for an operator's terminal. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "orchestra "
            + subdomain
            + (orchestraId == null ? "" : " (" + orchestraId + ")")
            + " on database "
            + database
            + ": "
            + outcome);
    lines.add(
        "schema version before: "
            + (versionBefore == null ? "none (legacy database)" : versionBefore)
            + ", after: "
            + (versionAfter == null ? "none" : versionAfter));
    if (differences.isEmpty()) {
      lines.add("no differences from the orchestra schema");
    }
    differences.forEach(d -> lines.add("difference: " + d.describe()));
    steps.forEach(s -> lines.add((outcome == Outcome.DRY_RUN ? "would: " : "done: ") + s));
    // What adoption added (the counters, the seed defaults) or moved away, table by table.
    new TreeMap<>(rowsAfter)
        .forEach(
            (table, rows) -> {
              Long was = rowsBefore.get(table);
              if (was != null && !was.equals(rows)) {
                lines.add("rows of " + table + ": " + was + " -> " + rows);
              }
            });
    new TreeSet<>(rowsBefore.keySet())
        .stream()
            .filter(table -> !rowsAfter.isEmpty() && !rowsAfter.containsKey(table))
            .forEach(
                table ->
                    lines.add(
                        "rows of " + table + ": " + rowsBefore.get(table) + " -> table gone"));
    if (refusal != null) {
      lines.add("refused: " + refusal);
    }
    return lines;
  }
}
