package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.datasafety.SqlErrors;
import org.ripieno.datasafety.schema.control.SchemaDrift;
import org.ripieno.datasafety.schema.control.SchemaReports;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schema check}: the schema guard's report per database (missing, misplaced with row counts,
 * unknown tables), then its column-level drift ({@link SchemaDrift}: columns missing or extra,
 * types, nullability, foreign keys) from its kind's schema at its own version. Reads only (the
 * schema to compare with is learnt from a scratch database on the default orchestra server, created
 * and dropped). Exit 1 when any database misses a table or holds a misplaced one, drifts in a
 * column or foreign key, or cannot be reached, or when an orchestra's database carries another
 * orchestra's identity marker or none; 2 when the schema to compare with cannot be built.
 */
@Command(
    name = "check",
    description =
        "Report missing, misplaced (with row counts) and unknown tables per database, and column"
            + " drift (types, nullability, missing or extra columns, foreign keys). Without"
            + " options: central and every orchestra.")
final class SchemaCheckCommand extends AdminCommand {

  @Option(names = "--central", description = "Check the central database.")
  boolean central;

  @Option(
      names = "--orchestra",
      paramLabel = "SUB",
      description = "Check this orchestra's database (repeatable).")
  List<String> orchestras = new ArrayList<>();

  @Option(names = "--all", description = "Check every orchestra's database (not deleted ones).")
  boolean all;

  @Override
  protected int execute(AdminSession session) throws SQLException {
    if (all && !orchestras.isEmpty()) {
      throw AdminFailure.cannotRun(
          "Name orchestras with --orchestra or check them --all, not both");
    }
    if (!central && !all && orchestras.isEmpty()) {
      central = true;
      all = true;
    }
    Output out = session.output();
    DatabaseLogin centralLogin = session.targetCentral();
    SchemaDrift drift = new SchemaDrift(session.orchestraServers().get("default"));
    JsonArrayBuilder reports = Json.createArrayBuilder();
    JsonArrayBuilder problems = Json.createArrayBuilder();
    boolean failed = false;
    if (central) {
      SchemaReport report;
      try (Connection connection = centralLogin.connect()) {
        report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      }
      SchemaReports.lines(report).forEach(out::line);
      SchemaDrift.Result columns;
      try {
        columns = drift.inspect(centralLogin, DatabaseKind.CENTRAL);
      } catch (SQLException | RuntimeException e) {
        throw cannotCompare(e);
      }
      columns.lines().forEach(out::line);
      reports.add(
          Json.createObjectBuilder(SchemaReports.toJson(report))
              .add("columns", columns.toJson())
              .build());
      failed |= !report.isHealthy() || columns.hasDrift();
      if (columns.hasDrift()) {
        problems.add("central: " + columnProblem(columns));
      }
    }
    if (all || !orchestras.isEmpty()) {
      List<RegisteredOrchestra> entries = new ArrayList<>();
      try {
        if (all) {
          entries.addAll(session.registry());
        } else {
          orchestras.forEach(subdomain -> entries.add(session.orchestra(subdomain)));
        }
      } catch (AdminFailure noRegistry) {
        if (noRegistry.exitCode() != ExitCode.CHECK_FAILED) {
          throw noRegistry;
        }
        out.line(noRegistry.getMessage());
        problems.add(noRegistry.getMessage());
        failed = true;
      }
      OrchestraProbe probe = session.probe();
      for (RegisteredOrchestra entry : entries) {
        String problem = checkOrchestra(session, probe, drift, entry, reports);
        if (problem != null) {
          out.line("orchestra " + entry.subdomain() + ": FAILED, " + problem);
          problems.add(entry.subdomain() + ": " + problem);
          failed = true;
        }
      }
    }
    out.put("reports", reports.build());
    out.put("problems", problems.build());
    return failed ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  /** Checks one orchestra's database; returns what is wrong with it, or null. */
  private static String checkOrchestra(
      AdminSession session,
      OrchestraProbe probe,
      SchemaDrift drift,
      RegisteredOrchestra entry,
      JsonArrayBuilder reports) {
    Output out = session.output();
    if (!entry.hasDatabase()) {
      return "no database is registered";
    }
    OrchestraRoute route;
    try {
      route = session.route(entry);
    } catch (AdminFailure unroutable) {
      return unroutable.getMessage();
    }
    out.target(AdminSession.orchestraLine(entry, route, "status " + entry.status()));
    OrchestraProbe.Probe found = probe.probe(route);
    if (!found.reachable() || found.schema() == null) {
      return found.error();
    }
    SchemaReport report = found.schema();
    SchemaReports.lines(report).forEach(line -> out.line("  " + line));
    SchemaDrift.Result columns = null;
    String columnFailure = null;
    try {
      columns = drift.inspect(route.login(), DatabaseKind.ORCHESTRA);
      columns.lines().forEach(line -> out.line("  " + line));
    } catch (SchemaDrift.ExpectedSchemaUnavailable e) {
      throw cannotCompare(e.getCause());
    } catch (SQLException | RuntimeException e) {
      columnFailure = "its columns cannot be read: " + SqlErrors.describeFailure(e);
    }
    var json =
        Json.createObjectBuilder(SchemaReports.toJson(report)).add("orchestra", entry.subdomain());
    if (columns != null) {
      json.add("columns", columns.toJson());
    }
    reports.add(json.build());
    if (!Boolean.TRUE.equals(found.markerMatches())) {
      // Another orchestra's database (or one without a marker) is not this orchestra's schema,
      // however healthy its tables: the probe's text names the marker it found.
      return found.error() != null ? found.error() : "its identity marker is not this orchestra's";
    }
    if (!report.isHealthy()) {
      return "tables missing or misplaced";
    }
    if (columnFailure != null) {
      return columnFailure;
    }
    return columns.hasDrift() ? columnProblem(columns) : null;
  }

  /** {@code column drift: Musician.phone, Project.notes}: each table and column or key once. */
  private static String columnProblem(SchemaDrift.Result columns) {
    return "column drift: "
        + String.join(
            ", ",
            columns.differences().stream()
                .map(d -> d.name() == null ? d.table() : d.table() + "." + d.name())
                .distinct()
                .toList());
  }

  /** The schema to compare with could not be built: the check cannot run (2). */
  private static AdminFailure cannotCompare(Throwable cause) {
    Throwable reason =
        cause instanceof SchemaDrift.ExpectedSchemaUnavailable ? cause.getCause() : cause;
    return AdminFailure.cannotRun(
        "Cannot compare the columns: "
            + (reason instanceof SQLException sql
                ? SqlErrors.describe(sql)
                : SqlErrors.describeFailure(reason)));
  }
}
