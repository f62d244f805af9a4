package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.fleet.control.RegisteredOrchestra;
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
 * unknown tables). Reads only. Exit 1 when any database misses a table or holds a misplaced one, or
 * cannot be reached, or when an orchestra's database carries another orchestra's identity marker or
 * none.
 */
@Command(
    name = "check",
    description =
        "Report missing, misplaced (with row counts) and unknown tables per database. Without"
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
    JsonArrayBuilder reports = Json.createArrayBuilder();
    JsonArrayBuilder problems = Json.createArrayBuilder();
    boolean failed = false;
    if (central) {
      SchemaReport report;
      try (Connection connection = centralLogin.connect()) {
        report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      }
      SchemaReports.lines(report).forEach(out::line);
      reports.add(SchemaReports.toJson(report));
      failed |= !report.isHealthy();
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
        String problem = checkOrchestra(session, probe, entry, reports);
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
    reports.add(
        Json.createObjectBuilder(SchemaReports.toJson(report))
            .add("orchestra", entry.subdomain())
            .build());
    if (!Boolean.TRUE.equals(found.markerMatches())) {
      // Another orchestra's database (or one without a marker) is not this orchestra's schema,
      // however healthy its tables: the probe's text names the marker it found.
      return found.error() != null ? found.error() : "its identity marker is not this orchestra's";
    }
    return report.isHealthy() ? null : "tables missing or misplaced";
  }
}
