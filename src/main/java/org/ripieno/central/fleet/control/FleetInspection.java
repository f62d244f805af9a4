package org.ripieno.central.fleet.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.ripieno.central.fleet.control.FleetReports.CentralHealth;
import org.ripieno.central.fleet.control.FleetReports.Counts;
import org.ripieno.central.fleet.control.FleetReports.DatabaseSchema;
import org.ripieno.central.fleet.control.FleetReports.HealthAnswer;
import org.ripieno.central.fleet.control.FleetReports.HealthSummary;
import org.ripieno.central.fleet.control.FleetReports.Jobs;
import org.ripieno.central.fleet.control.FleetReports.LastMigration;
import org.ripieno.central.fleet.control.FleetReports.MetricsAnswer;
import org.ripieno.central.fleet.control.FleetReports.MetricsTotals;
import org.ripieno.central.fleet.control.FleetReports.OrchestraHealth;
import org.ripieno.central.fleet.control.FleetReports.OrchestraMetrics;
import org.ripieno.central.fleet.control.FleetReports.SchemaAnswer;
import org.ripieno.central.fleet.control.OrchestraProbe.Probe;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraUnavailableException;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;

/**
 * The platform's view of central and every orchestra database (every status but {@code deleted}):
 * the schema report, health and metrics. Orchestra databases are probed in parallel, at most {@link
 * FleetSettings#workers()} at once, each with an {@link OrchestraProbe} (short connections, never
 * the orchestra pools). Plain Java over a central {@link DataSource}, like {@link FleetMigration}.
 */
public final class FleetInspection {

  private final DataSource central;
  private final RipienoSettings settings;
  private final FleetSettings fleet;
  private final ThreadFactory threads;
  private final OrchestraProbe probe;

  public FleetInspection(DataSource central, RipienoSettings settings, ThreadFactory threads) {
    this.central = central;
    this.settings = settings;
    this.fleet = FleetSettings.from(settings);
    this.threads = threads;
    this.probe = new OrchestraProbe(fleet.probeTimeout());
  }

  /**
   * The schema guard and version of central and of every orchestra database.
   *
   * @throws SQLException when central cannot be read
   */
  public SchemaAnswer schema() throws SQLException {
    DatabaseSchema centralSchema = centralSchema();
    List<RegisteredOrchestra> orchestras = CentralOrchestraRows.pooled(central).allButDeleted();
    List<Probe> probes = probeAll(orchestras);
    List<DatabaseSchema> reports = new ArrayList<>();
    boolean allCurrent = true;
    boolean allHealthy = centralSchema.healthy();
    for (int i = 0; i < orchestras.size(); i++) {
      RegisteredOrchestra orchestra = orchestras.get(i);
      Probe found = probes.get(i);
      DatabaseSchema report = orchestraSchema(orchestra, found);
      reports.add(report);
      allCurrent &= found.upToDate();
      allHealthy &= report.healthy();
    }
    return new SchemaAnswer(centralSchema, reports, allCurrent, allHealthy);
  }

  /** Reachability, identity marker, schema version and last migration of every database. */
  public HealthAnswer health() throws SQLException {
    CentralHealth centralHealth = centralHealth();
    List<RegisteredOrchestra> orchestras = CentralOrchestraRows.pooled(central).allButDeleted();
    List<Probe> probes = probeAll(orchestras);
    List<OrchestraHealth> answers = new ArrayList<>();
    int reachable = 0;
    int healthy = 0;
    for (int i = 0; i < orchestras.size(); i++) {
      RegisteredOrchestra orchestra = orchestras.get(i);
      Probe found = probes.get(i);
      reachable += found.reachable() ? 1 : 0;
      healthy += found.healthy() ? 1 : 0;
      answers.add(
          new OrchestraHealth(
              orchestra.id(),
              orchestra.subdomain(),
              orchestra.name(),
              orchestra.status(),
              serverOf(orchestra),
              orchestra.databaseAddress(),
              found.reachable(),
              found.markerMatches(),
              found.version() == null ? null : found.version().current(),
              found.version() == null ? null : found.version().expected(),
              found.upToDate(),
              found.healthy(),
              orchestra.lastMigrationResult() == null && orchestra.lastMigratedAt() == null
                  ? null
                  : new LastMigration(
                      orchestra.lastMigrationResult(),
                      orchestra.schemaVersion(),
                      orchestra.lastMigratedAt()),
              new Jobs(
                  orchestra.jobs().lastRunAt(),
                  orchestra.jobs().lastResult(),
                  orchestra.jobs().failures(),
                  orchestra.jobs().dueAt()),
              found.millis(),
              found.error()));
    }
    return new HealthAnswer(
        centralHealth,
        answers,
        new HealthSummary(orchestras.size(), reachable, orchestras.size() - reachable, healthy),
        null);
  }

  /** Rows per orchestra, totals and the monthly revenue of the active orchestras (SEK). */
  public MetricsAnswer metrics() throws SQLException {
    List<RegisteredOrchestra> orchestras = CentralOrchestraRows.pooled(central).allButDeleted();
    Map<String, Long> users = CentralOrchestraRows.pooled(central).accountsByOrchestra();
    List<Probe> probes = probeAll(orchestras);
    List<OrchestraMetrics> answers = new ArrayList<>();
    int active = 0;
    int reachable = 0;
    long musicians = 0;
    long projects = 0;
    long requests = 0;
    long accounts = 0;
    for (int i = 0; i < orchestras.size(); i++) {
      RegisteredOrchestra orchestra = orchestras.get(i);
      Probe found = probes.get(i);
      OrchestraProbe.Counts rows = found.counts();
      long userCount = users.getOrDefault(orchestra.id(), 0L);
      answers.add(
          new OrchestraMetrics(
              orchestra.id(),
              orchestra.subdomain(),
              orchestra.name(),
              orchestra.status(),
              orchestra.plan(),
              orchestra.pricePerMonth(),
              found.reachable(),
              new Counts(
                  rows == null ? null : rows.musicians(),
                  rows == null ? null : rows.projects(),
                  rows == null ? null : rows.requests(),
                  userCount),
              found.reachable() ? null : found.error()));
      active += orchestra.isActive() ? 1 : 0;
      reachable += found.reachable() ? 1 : 0;
      accounts += userCount;
      if (rows != null) {
        musicians += rows.musicians();
        projects += rows.projects();
        requests += rows.requests();
      }
    }
    return new MetricsAnswer(
        answers,
        new MetricsTotals(
            orchestras.size(), active, reachable, musicians, projects, requests, accounts),
        MonthlyRevenue.of(orchestras));
  }

  /** Probes the orchestras in parallel (bounded), in their order; never throws for one of them. */
  public List<Probe> probeAll(List<RegisteredOrchestra> orchestras) {
    Map<String, DatabaseLogin> servers = settings.orchestraServers();
    try {
      return BoundedParallel.map(
          orchestras, fleet.workers(), threads, orchestra -> probeOne(orchestra, servers));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while probing the orchestra databases", e);
    }
  }

  private Probe probeOne(RegisteredOrchestra orchestra, Map<String, DatabaseLogin> servers) {
    if (!orchestra.hasDatabase()) {
      return OrchestraProbe.unreachable(
          orchestra.id(), orchestra.subdomain(), null, "No database yet");
    }
    try {
      return probe.probe(orchestra.route(servers));
    } catch (OrchestraUnavailableException | IllegalStateException e) {
      // An unknown server, or a stored password that cannot be decrypted.
      return OrchestraProbe.unreachable(
          orchestra.id(), orchestra.subdomain(), orchestra.databaseAddress(), e.getMessage());
    }
  }

  private DatabaseSchema centralSchema() throws SQLException {
    SchemaReport report;
    try (Connection connection = central.getConnection()) {
      report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
    }
    Migrations.SchemaVersion version = centralVersion();
    return new DatabaseSchema(
        null,
        null,
        null,
        DatabaseKind.CENTRAL.unitName(),
        report.database(),
        true,
        null,
        version == null ? null : version.current(),
        version == null ? null : version.expected(),
        version != null && !version.isBehind() && !version.isAhead(),
        report.missing(),
        report.misplaced(),
        report.unknown(),
        report.isHealthy(),
        report.summary(),
        version == null ? "Cannot read central's schema version" : null);
  }

  private CentralHealth centralHealth() {
    long started = System.nanoTime();
    try {
      SchemaReport report;
      try (Connection connection = central.getConnection()) {
        report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      }
      Migrations.SchemaVersion version = centralVersion();
      return new CentralHealth(
          true,
          report.database(),
          version == null ? null : version.current(),
          version == null ? null : version.expected(),
          version != null && !version.isBehind() && !version.isAhead(),
          report.isHealthy(),
          (System.nanoTime() - started) / 1_000_000,
          report.isHealthy() ? null : report.summary());
    } catch (SQLException e) {
      return new CentralHealth(
          false,
          null,
          null,
          null,
          false,
          false,
          (System.nanoTime() - started) / 1_000_000,
          "Cannot be reached: " + FleetMigration.shorten(e.getMessage()));
    }
  }

  private Migrations.SchemaVersion centralVersion() {
    try {
      return Migrations.version(central, DatabaseKind.CENTRAL);
    } catch (FlywayException e) {
      return null;
    }
  }

  private static DatabaseSchema orchestraSchema(RegisteredOrchestra orchestra, Probe found) {
    SchemaReport report = found.schema();
    return new DatabaseSchema(
        orchestra.id(),
        orchestra.subdomain(),
        orchestra.status(),
        DatabaseKind.ORCHESTRA.unitName(),
        orchestra.databaseAddress(),
        found.reachable(),
        found.markerMatches(),
        found.version() == null ? null : found.version().current(),
        found.version() == null ? null : found.version().expected(),
        found.upToDate(),
        report == null ? null : report.missing(),
        report == null ? null : report.misplaced(),
        report == null ? null : report.unknown(),
        report != null && report.isHealthy(),
        report == null ? null : report.summary(),
        found.error());
  }

  private static String serverOf(RegisteredOrchestra orchestra) {
    return orchestra.databaseServer() == null
        ? RipienoSettings.DEFAULT_SERVER
        : orchestra.databaseServer();
  }
}
