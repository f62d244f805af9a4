package org.ripieno.central.fleet.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of the platform's schema report, health and metrics (nulls are left out in JSON). */
public final class FleetReports {

  private FleetReports() {}

  /**
   * {@code GET /api/platform/schema}.
   *
   * @param allCurrent every orchestra database reachable and at the current version
   * @param allHealthy central and every orchestra database without missing or misplaced tables
   */
  public record SchemaAnswer(
      DatabaseSchema central,
      List<DatabaseSchema> orchestras,
      boolean allCurrent,
      boolean allHealthy) {}

  /**
   * The schema guard and the schema version of one database.
   *
   * @param misplaced tables of the other kind of database, with their row counts
   */
  public record DatabaseSchema(
      String orchestraId,
      String subdomain,
      String status,
      String kind,
      String database,
      boolean reachable,
      Boolean markerMatches,
      String schemaVersion,
      String expectedVersion,
      boolean upToDate,
      List<String> missing,
      Map<String, Long> misplaced,
      List<String> unknown,
      boolean healthy,
      String summary,
      String error) {}

  /**
   * {@code GET /api/platform/health}.
   *
   * @param centralCheck the readiness check of central with the details public readiness leaves out
   */
  public record HealthAnswer(
      CentralHealth central,
      List<OrchestraHealth> orchestras,
      HealthSummary summary,
      CentralCheck centralCheck) {

    public HealthAnswer withCentralCheck(CentralCheck check) {
      return new HealthAnswer(central, orchestras, summary, check);
    }
  }

  /**
   * Central's readiness check for the superadmin: the public reason and the details (login,
   * address, error), and the last time it was not ready (kept after it recovered).
   */
  public record CentralCheck(
      String status, String reason, String details, String lastProblem, Instant lastProblemAt) {}

  public record CentralHealth(
      boolean reachable,
      String database,
      String schemaVersion,
      String expectedVersion,
      boolean upToDate,
      boolean schemaHealthy,
      long millis,
      String error) {}

  /**
   * @param healthy reachable, its own marker, at the current version, no table missing
   * @param lastMigration what the last fleet migration recorded on the central row
   * @param jobs the staffing jobs' last run and next due time, as kept on the central row
   */
  public record OrchestraHealth(
      String id,
      String subdomain,
      String name,
      String status,
      String server,
      String database,
      boolean reachable,
      Boolean markerMatches,
      String schemaVersion,
      String expectedVersion,
      boolean upToDate,
      boolean healthy,
      LastMigration lastMigration,
      Jobs jobs,
      long millis,
      String error) {}

  public record LastMigration(String result, String version, Instant at) {}

  /**
   * @param lastRunAt when the jobs last ran for the orchestra (null: not since this was kept)
   * @param lastResult {@code ok: ...} with what the run did, or {@code failed: <cause>}
   * @param failures runs in a row that failed; the next try waits longer with each
   * @param nextDueAt when the jobs next have work there (null: nothing known due)
   */
  public record Jobs(Instant lastRunAt, String lastResult, int failures, Instant nextDueAt) {}

  public record HealthSummary(int orchestras, int reachable, int unreachable, int healthy) {}

  /** {@code GET /api/platform/metrics}. */
  public record MetricsAnswer(
      List<OrchestraMetrics> orchestras, MetricsTotals totals, Revenue revenue) {}

  /**
   * @param pricePerMonth the legacy column: whole Swedish kronor (SEK) per month
   */
  public record OrchestraMetrics(
      String id,
      String subdomain,
      String name,
      String status,
      String plan,
      int pricePerMonth,
      boolean reachable,
      Counts counts,
      String error) {}

  /**
   * Rows per orchestra: musicians, projects and requests from its own database (null when it could
   * not be read), accounts from central.
   */
  public record Counts(Long musicians, Long projects, Long requests, long users) {}

  /** Sums over the orchestras listed; database counts over the reachable ones. */
  public record MetricsTotals(
      int orchestras,
      int active,
      int reachable,
      long musicians,
      long projects,
      long requests,
      long users) {}

  /**
   * Monthly recurring revenue: the sum of {@code pricePerMonth} over the active orchestras.
   *
   * @param monthly in {@code currency}, whole units (the legacy column is whole kronor)
   */
  public record Revenue(long monthly, String currency, int activeOrchestras) {}
}
