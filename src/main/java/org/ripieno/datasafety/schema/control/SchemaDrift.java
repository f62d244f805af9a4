package org.ripieno.datasafety.schema.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ripieno.datasafety.adoption.ExpectedSchema;
import org.ripieno.datasafety.adoption.SchemaComparison;
import org.ripieno.datasafety.adoption.SchemaDifference;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;

/**
 * Column-level drift of a database from its kind's schema at the database's own migration version:
 * columns missing or extra, another type or nullability, and foreign keys missing, extra or with
 * other actions. The comparison is adoption's ({@link SchemaComparison} against {@link
 * ExpectedSchema}, the catalog of a scratch database migrated to the same version); whole tables
 * are left to the schema guard's report. Reads only (the scratch database is created and dropped on
 * the given server).
 */
public final class SchemaDrift {

  /**
   * @param version the schema version compared with, or null when the columns were not compared
   * @param notCompared why not (no migration history, newer than this Ripieno), or null
   * @param differences the column and foreign-key differences found
   */
  public record Result(
      DatabaseKind kind, String version, String notCompared, List<SchemaDifference> differences) {

    public Result {
      differences = List.copyOf(differences);
    }

    public boolean hasDrift() {
      return !differences.isEmpty();
    }

    /** Lines for an operator, indented under the database's schema report. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      if (notCompared != null) {
        lines.add("  columns not compared: " + notCompared);
      } else if (differences.isEmpty()) {
        lines.add("  columns and foreign keys: as schema version " + version + " has them");
      } else {
        lines.add(
            "  column drift from schema version "
                + version
                + " ("
                + differences.size()
                + (differences.size() == 1 ? " difference):" : " differences):"));
        differences.forEach(d -> lines.add("    " + d.finding(kind)));
      }
      return lines;
    }

    public JsonObject toJson() {
      JsonArrayBuilder drift = Json.createArrayBuilder();
      for (SchemaDifference difference : differences) {
        JsonObjectBuilder entry =
            Json.createObjectBuilder()
                .add("kind", difference.kind().name())
                .add("table", difference.table());
        optional(entry, "name", difference.name());
        optional(entry, "expected", difference.expected());
        optional(entry, "actual", difference.actual());
        drift.add(entry.add("finding", difference.finding(kind)));
      }
      JsonObjectBuilder columns = Json.createObjectBuilder().add("drift", drift);
      optional(columns, "version", version);
      optional(columns, "notCompared", notCompared);
      return columns.build();
    }

    private static void optional(JsonObjectBuilder builder, String key, String value) {
      if (value != null) {
        builder.add(key, value);
      }
    }
  }

  private final DatabaseLogin scratchServer;

  /**
   * @param scratchServer login to a maintenance database where a scratch database may be created
   *     (the default orchestra server's)
   */
  public SchemaDrift(DatabaseLogin scratchServer) {
    this.scratchServer = scratchServer;
  }

  /**
   * Compares the database with its kind's schema at its own version.
   *
   * @throws SQLException when the database cannot be read
   * @throws ExpectedSchemaUnavailable when the scratch database cannot be created or migrated
   */
  public Result inspect(DatabaseLogin database, DatabaseKind kind) throws SQLException {
    Migrations.SchemaVersion version = Migrations.version(database.dataSource(), kind);
    if (version.current() == null) {
      return new Result(kind, null, "no migration history", List.of());
    }
    if (version.isAhead()) {
      return new Result(
          kind,
          null,
          "schema version " + version.current() + " is newer than this Ripieno's",
          List.of());
    }
    SchemaCatalog expected;
    try {
      expected = ExpectedSchema.at(scratchServer, kind, version.current());
    } catch (SQLException | RuntimeException e) {
      throw new ExpectedSchemaUnavailable(e);
    }
    SchemaCatalog actual;
    try (Connection connection = database.connect()) {
      actual = SchemaCatalog.read(connection);
    }
    List<SchemaDifference> differences =
        SchemaComparison.compare(expected, actual, Optional.empty()).stream()
            .filter(d -> !d.isWholeTable())
            .toList();
    return new Result(kind, version.current(), null, differences);
  }

  /** The schema to compare with could not be built on the scratch server. */
  public static final class ExpectedSchemaUnavailable extends RuntimeException {

    ExpectedSchemaUnavailable(Exception cause) {
      super(cause);
    }
  }
}
