package org.ripieno.tenancy;

import java.util.List;
import java.util.Map;

/**
 * What the schema guard found in one database.
 *
 * @param database the database's name
 * @param kind what the database is supposed to be
 * @param missing tables of this kind that are absent
 * @param misplaced tables of the other kind that are present, with their row counts
 * @param unknown tables that belong to neither kind
 */
public record SchemaReport(
    String database,
    DatabaseKind kind,
    List<String> missing,
    Map<String, Long> misplaced,
    List<String> unknown) {

  public SchemaReport {
    missing = List.copyOf(missing);
    misplaced = Map.copyOf(misplaced);
    unknown = List.copyOf(unknown);
  }

  /** Neither missing nor misplaced tables (unknown tables are reported, but tolerated). */
  public boolean isHealthy() {
    return missing.isEmpty() && misplaced.isEmpty();
  }

  /** Exactly the tables of its kind, nothing else. */
  public boolean isExact() {
    return isHealthy() && unknown.isEmpty();
  }

  /** One line a person can act on, e.g. for a log or a health check. */
  public String summary() {
    if (isExact()) {
      return kind.unitName() + " database " + database + " holds exactly its tables";
    }
    StringBuilder text = new StringBuilder(kind.unitName() + " database " + database + ":");
    if (!missing.isEmpty()) {
      text.append(" missing tables ").append(missing).append(';');
    }
    if (!misplaced.isEmpty()) {
      text.append(" misplaced ").append(kind.other().unitName()).append(" tables ");
      text.append(describeCounts()).append(';');
    }
    if (!unknown.isEmpty()) {
      text.append(" unknown tables ").append(unknown).append(';');
    }
    return text.toString();
  }

  private String describeCounts() {
    StringBuilder text = new StringBuilder("[");
    misplaced.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              if (text.length() > 1) {
                text.append(", ");
              }
              text.append(e.getKey()).append(" (").append(e.getValue()).append(" rows)");
            });
    return text.append(']').toString();
  }
}
