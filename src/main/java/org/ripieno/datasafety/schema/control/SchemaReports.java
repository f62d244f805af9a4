package org.ripieno.datasafety.schema.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ripieno.tenancy.SchemaReport;

/** A schema guard report as JSON and as lines for a person. */
public final class SchemaReports {

  private SchemaReports() {}

  public static JsonObject toJson(SchemaReport report) {
    JsonArrayBuilder missing = Json.createArrayBuilder();
    report.missing().forEach(missing::add);
    JsonObjectBuilder misplaced = Json.createObjectBuilder();
    new TreeMap<>(report.misplaced()).forEach(misplaced::add);
    JsonArrayBuilder unknown = Json.createArrayBuilder();
    report.unknown().forEach(unknown::add);
    return Json.createObjectBuilder()
        .add("database", report.database())
        .add("kind", report.kind().unitName())
        .add("healthy", report.isHealthy())
        .add("missing", missing)
        .add("misplaced", misplaced)
        .add("unknown", unknown)
        .build();
  }

  /** One line per finding; a healthy database gets one line saying so. */
  public static List<String> lines(SchemaReport report) {
    List<String> lines = new ArrayList<>();
    String name = report.kind().unitName() + " database " + report.database();
    if (report.isHealthy()) {
      lines.add(
          name
              + ": OK, holds its "
              + report.kind().tables().size()
              + " tables"
              + (report.unknown().isEmpty() ? "" : " (and unknown tables, tolerated)"));
    } else {
      lines.add(name + ": FAILED");
    }
    if (!report.missing().isEmpty()) {
      lines.add("  missing tables: " + String.join(", ", report.missing()));
    }
    if (!report.misplaced().isEmpty()) {
      lines.add(
          "  misplaced "
              + report.kind().other().unitName()
              + " tables: "
              + describe(report.misplaced()));
    }
    if (!report.unknown().isEmpty()) {
      lines.add("  unknown tables (tolerated): " + String.join(", ", report.unknown()));
    }
    return lines;
  }

  /** {@code Musician (3 rows), Project (2 rows)}. */
  public static String describe(Map<String, Long> tables) {
    return new TreeMap<>(tables)
        .entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " row)" : " rows)"))
            .collect(Collectors.joining(", "));
  }
}
