package org.ripieno.central.fleet.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.Caller;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;
import org.ripieno.tenancy.OrchestraConnections;

/**
 * The server's side of fleet work: starts {@link FleetMigration} runs in the background on managed
 * threads and keeps them for polling, lets this instance's {@code OrchestraRegistry} forget every
 * database a run migrated, and answers the schema report, health and metrics through {@link
 * FleetInspection}.
 */
@ApplicationScoped
public class FleetOperations {

  private static final Logger LOG = Logger.getLogger(FleetOperations.class.getName());
  private static final int KEPT_RUNS = 20;

  @Inject CentralDatabase central;
  @Inject RipienoSettings settings;
  @Inject OrchestraConnections connections;
  @Inject SystemLogWriter systemLog;

  @Resource ManagedExecutorService executor;
  @Resource ManagedThreadFactory threads;

  private final FleetRuns runs = new FleetRuns(KEPT_RUNS);

  /** Starts a run, or joins the one running on this instance. */
  public FleetRuns.Start migrate(Caller by) {
    FleetMigration migration = new FleetMigration(central.dataSource(), settings, threads);
    FleetRuns.Start start =
        runs.startOrJoin(
            () -> new FleetRun(UUID.randomUUID().toString(), Instant.now(), by.username()),
            run -> executor.execute(() -> migration.run(new RetireMigrated(run))));
    if (!start.joined()) {
      systemLog.write(
          new SystemLogWriter.Event(
              "info",
              "superadmin",
              "Fleet migration started",
              by.userId(),
              null,
              null,
              null,
              Map.of(
                  "run", start.run().id(),
                  "workers", String.valueOf(migration.fleetSettings().workers()))));
    }
    return start;
  }

  public Optional<FleetRun> run(String id) {
    return runs.find(id);
  }

  public List<FleetRun> runs() {
    return runs.recent();
  }

  public FleetReports.SchemaAnswer schema() {
    try {
      return inspection().schema();
    } catch (SQLException e) {
      throw centralUnavailable(e);
    }
  }

  public FleetReports.HealthAnswer health() {
    try {
      return inspection().health();
    } catch (SQLException e) {
      throw centralUnavailable(e);
    }
  }

  public FleetReports.MetricsAnswer metrics() {
    try {
      return inspection().metrics();
    } catch (SQLException e) {
      throw centralUnavailable(e);
    }
  }

  private FleetInspection inspection() {
    return new FleetInspection(central.dataSource(), settings, threads);
  }

  private static CentralUnavailableException centralUnavailable(SQLException e) {
    return new CentralUnavailableException(
        "The central database cannot be read: " + FleetMigration.shorten(e.getMessage()), e);
  }

  /**
   * Passes everything to the run and closes this instance's open copy of each migrated database. A
   * database that was behind was refused when opened and so is not open (failed openings are not
   * kept); closing anyway means the next request checks the database afresh whatever happened
   * meanwhile.
   */
  private final class RetireMigrated implements FleetListener {
    private final FleetRun run;

    RetireMigrated(FleetRun run) {
      this.run = run;
    }

    @Override
    public void started(FleetProgress.Snapshot snapshot) {
      run.started(snapshot);
    }

    @Override
    public void changed(FleetProgress.Entry orchestra, FleetProgress.Snapshot snapshot) {
      if (orchestra.state() == FleetProgress.State.MIGRATED) {
        connections.registry().retire(orchestra.orchestraId());
      }
      run.changed(orchestra, snapshot);
    }

    @Override
    public void finished(FleetProgress.Snapshot snapshot) {
      run.finished(snapshot);
      LOG.info(() -> "Fleet migration run " + run.id() + " " + run.status());
    }
  }
}
