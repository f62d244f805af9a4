package org.ripieno.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.LegacyCentral;
import org.ripieno.tenancy.SchemaReport;

/**
 * Ready when central is reachable, migrated, and holds exactly the central tables (unknown extra
 * tables are reported but tolerated). The schema guard runs at every probe, so a table created
 * while the application runs is noticed at the next one. A legacy central database that was not
 * adopted is down with what to do ({@link LegacyCentral}); readiness is public, so its answer names
 * no database, host, port or user (the log does).
 */
@Readiness
@ApplicationScoped
public class CentralReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(CentralReadiness.class.getName());

  @Inject CentralDatabase central;

  private volatile String lastProblem;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("central-database");
    SchemaReport report;
    try {
      report = central.inspectSchema();
    } catch (CentralDatabase.LegacyCentralException e) {
      // The log names the database to confirm with; the public answer names none.
      reportChange(e.getMessage());
      return response
          .down()
          .withData("error", LegacyCentral.PROBLEM)
          .withData("action", LegacyCentral.ACTION)
          .build();
    } catch (RuntimeException e) {
      String problem = String.valueOf(e.getMessage() == null ? e : e.getMessage());
      reportChange(problem);
      return response.down().withData("error", problem).build();
    }
    if (!report.missing().isEmpty()) {
      response.withData("missingTables", String.join(", ", report.missing()));
    }
    if (!report.misplaced().isEmpty()) {
      response.withData("misplacedTables", describe(report.misplaced()));
    }
    if (!report.unknown().isEmpty()) {
      response.withData("unknownTables", String.join(", ", report.unknown()));
    }
    if (report.isHealthy()) {
      reportChange(null);
      return response.up().build();
    }
    String action =
        report.misplaced().isEmpty()
            ? "Central lacks tables: restore central from a backup (docs/operations.md)"
            : "Orchestra tables do not belong in central: back each one up and drop it"
                + " (docs/operations.md, 'Misplaced tables')";
    reportChange(report.summary() + ". " + action);
    return response.down().withData("action", action).build();
  }

  private static String describe(Map<String, Long> tables) {
    return tables.entrySet().stream()
        .map(table -> table.getKey() + " (" + table.getValue() + " rows)")
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Logs a problem when it appears or changes, not at every probe. */
  private void reportChange(String problem) {
    if (Objects.equals(problem, lastProblem)) {
      return;
    }
    lastProblem = problem;
    if (problem == null) {
      LOG.info("Central database is ready");
    } else {
      LOG.severe("Not ready: " + problem);
    }
  }
}
