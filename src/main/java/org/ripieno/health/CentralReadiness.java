package org.ripieno.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;
import org.ripieno.tenancy.LegacyCentral;
import org.ripieno.tenancy.SchemaReport;

/**
 * Ready when central is reachable, migrated, and holds exactly the central tables (unknown extra
 * tables are reported but tolerated). The schema guard runs at every probe, so a table created
 * while the application runs is noticed at the next one. A legacy central database that was not
 * adopted is down with what to do ({@link LegacyCentral}).
 *
 * <p>{@code /health/ready} is public, so each evaluation has two parts: what anyone may read (which
 * check, why in general words, table names and the action) and the details (the database's login,
 * address and the underlying error), which go to the log and to the superadmin's {@code
 * /api/platform/health} only.
 */
@Readiness
@ApplicationScoped
public class CentralReadiness implements HealthCheck {

  static final String NAME = "central-database";

  private static final Logger LOG = Logger.getLogger(CentralReadiness.class.getName());

  @Inject CentralDatabase central;

  private volatile String lastProblem;
  private volatile Trouble lastTrouble;

  /**
   * One evaluation of central.
   *
   * @param reason why it is not ready, in general words (null when ready)
   * @param publicData what anyone may read besides the reason: table names, the action to take
   * @param details the same with the database's login and address and the underlying error
   */
  public record Condition(
      boolean ready, String reason, Map<String, String> publicData, String details) {}

  /** The last time central was not ready, kept after it recovered. */
  public record Trouble(String details, Instant at) {}

  @Override
  public HealthCheckResponse call() {
    Condition condition = evaluate();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    if (condition.reason() != null) {
      response.withData("reason", condition.reason());
    }
    condition.publicData().forEach(response::withData);
    return condition.ready() ? response.up().build() : response.down().build();
  }

  /** Evaluates central now; a problem is logged (with its details) when it appears or changes. */
  public Condition evaluate() {
    Condition condition = inspect();
    reportChange(condition.ready() ? null : condition.details());
    return condition;
  }

  /** When central was last not ready, and why in detail; null if never since the start. */
  public Trouble lastTrouble() {
    return lastTrouble;
  }

  private Condition inspect() {
    String database = "Central database " + central.describe();
    SchemaReport report;
    try {
      report = central.inspectSchema();
    } catch (CentralDatabase.LegacyCentralException e) {
      // The log names the database to confirm with; the public answer names none.
      return new Condition(
          false, LegacyCentral.PROBLEM, Map.of("action", LegacyCentral.ACTION), e.getMessage());
    } catch (CentralUnavailableException e) {
      String message = String.valueOf(e.getMessage());
      String details = message.contains(central.describe()) ? message : database + ": " + message;
      return new Condition(false, e.publicReason(), Map.of(), details);
    } catch (RuntimeException e) {
      return new Condition(
          false, CentralUnavailableException.UNREACHABLE, Map.of(), database + ": " + e);
    }
    Map<String, String> tables = new LinkedHashMap<>();
    if (!report.missing().isEmpty()) {
      tables.put("missingTables", String.join(", ", report.missing()));
    }
    if (!report.misplaced().isEmpty()) {
      tables.put("misplacedTables", describe(report.misplaced()));
    }
    if (!report.unknown().isEmpty()) {
      tables.put("unknownTables", String.join(", ", report.unknown()));
    }
    if (report.isHealthy()) {
      return new Condition(true, null, tables, database + ": " + report.summary());
    }
    String reason =
        report.misplaced().isEmpty()
            ? "The central database lacks tables"
            : "The central database holds tables that belong to orchestras";
    String action =
        report.misplaced().isEmpty()
            ? "Central lacks tables: restore central from a backup (docs/operations.md)"
            : "Orchestra tables do not belong in central: back each one up and drop it"
                + " (docs/operations.md, 'Misplaced tables')";
    tables.put("action", action);
    return new Condition(false, reason, tables, database + ": " + report.summary() + ". " + action);
  }

  private static String describe(Map<String, Long> tables) {
    return tables.entrySet().stream()
        .map(table -> table.getKey() + " (" + table.getValue() + " rows)")
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Logs a problem when it appears or changes, not at every probe. */
  private void reportChange(String problem) {
    if (problem != null) {
      lastTrouble = new Trouble(problem, Instant.now());
    }
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
