package org.ripieno.central.fleet.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.ripieno.central.fleet.control.FleetProgress.Entry;
import org.ripieno.central.fleet.control.FleetProgress.Snapshot;
import org.ripieno.central.fleet.control.FleetProgress.State;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Migrates every orchestra database (every status but {@code deleted}) to the schema version this
 * code carries: in parallel on at most {@link FleetSettings#workers()} threads, each database under
 * its {@link DatabaseLock} so no two runs migrate it at once, and only after its identity marker
 * proved it is the orchestra's own (an orchestra migration run on central or on another kind of
 * database would be the legacy incident again). Each outcome is recorded on the orchestra's central
 * row ({@code schemaVersion}, {@code lastMigrationResult}, {@code lastMigratedAt}); one failure
 * never stops the others. Rerunning is safe: a database at the current version is left as it is.
 *
 * <p>Plain Java over a central {@link DataSource}: the server wraps it in {@code FleetMigrations},
 * the operators' command line calls it directly.
 */
public final class FleetMigration {

  private static final Logger LOG = Logger.getLogger(FleetMigration.class.getName());
  private static final int MAX_ERROR = 500;

  private final DataSource central;
  private final RipienoSettings settings;
  private final FleetSettings fleet;
  private final ThreadFactory threads;
  private final Clock clock;
  private final Set<String> only;

  /** For tools: plain daemon threads. */
  public FleetMigration(DataSource central, RipienoSettings settings) {
    this(central, settings, BoundedParallel.daemonThreads("ripieno-fleet"));
  }

  /**
   * @param central the central database (read for the registry, written for the results)
   * @param settings where the database servers and {@code ripieno.fleet.*} come from
   * @param threads where the workers' threads come from (a managed factory inside the server)
   */
  public FleetMigration(DataSource central, RipienoSettings settings, ThreadFactory threads) {
    this(central, settings, FleetSettings.from(settings), threads, Clock.systemUTC());
  }

  FleetMigration(
      DataSource central,
      RipienoSettings settings,
      FleetSettings fleet,
      ThreadFactory threads,
      Clock clock) {
    this(central, settings, fleet, threads, clock, Set.of());
  }

  private FleetMigration(
      DataSource central,
      RipienoSettings settings,
      FleetSettings fleet,
      ThreadFactory threads,
      Clock clock,
      Set<String> only) {
    this.central = central;
    this.settings = settings;
    this.fleet = fleet;
    this.threads = threads;
    this.clock = clock;
    this.only = Set.copyOf(only);
  }

  /** The same run limited to these subdomains; none means the whole fleet. */
  public FleetMigration only(Collection<String> subdomains) {
    return new FleetMigration(central, settings, fleet, threads, clock, Set.copyOf(subdomains));
  }

  public FleetSettings fleetSettings() {
    return fleet;
  }

  /**
   * Runs once over the whole fleet and returns when every database is done. Never throws for a
   * database's failure: the snapshot has each orchestra's state and error, and {@code error()} when
   * the run as a whole could not proceed (central unreadable).
   */
  public Snapshot run(FleetListener listener) {
    Notifier notify = new Notifier(listener == null ? FleetListener.NONE : listener);
    FleetProgress progress = new FleetProgress(fleet.workers(), clock);
    List<RegisteredOrchestra> orchestras;
    Map<String, DatabaseLogin> servers;
    try {
      orchestras =
          CentralOrchestraRows.pooled(central).allButDeleted().stream()
              .filter(o -> only.isEmpty() || only.contains(o.subdomain()))
              .toList();
      servers = settings.orchestraServers();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Fleet migration cannot read the central registry", e);
      progress.end("The central registry cannot be read: " + centralFailure(e));
      Snapshot ended = progress.snapshot();
      notify.finished(ended);
      return ended;
    }
    progress.begin(orchestras);
    notify.started(progress.snapshot());
    LOG.info(
        () ->
            "Fleet migration of "
                + orchestras.size()
                + " orchestra databases with "
                + fleet.workers()
                + " workers");
    String runError = null;
    try {
      BoundedParallel.map(
          orchestras,
          fleet.workers(),
          threads,
          orchestra -> {
            migrate(orchestra, servers, progress, notify);
            return null;
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runError = "The run was interrupted";
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Fleet migration stopped", e);
      runError = "The run stopped: " + shorten(e.getMessage());
    }
    progress.end(runError);
    Snapshot ended = progress.snapshot();
    LOG.info(
        () ->
            "Fleet migration finished: "
                + ended.migrated()
                + " migrated, "
                + ended.upToDate()
                + " up to date, "
                + ended.skipped()
                + " skipped, "
                + ended.failed()
                + " failed");
    notify.finished(ended);
    return ended;
  }

  /** One orchestra, start to end; every failure ends up in the progress, none is thrown. */
  private void migrate(
      RegisteredOrchestra orchestra,
      Map<String, DatabaseLogin> servers,
      FleetProgress progress,
      Notifier notify) {
    String id = orchestra.id();
    if (!orchestra.hasDatabase()) {
      // Provisioning has not created it yet; provisioning migrates what it creates.
      notify.changed(
          progress.finish(id, State.SKIPPED, null, 0, "No database yet"), progress.snapshot());
      return;
    }
    if ("pending".equals(orchestra.status())) {
      // Its provisioning owns the database (it may not carry its marker yet) and migrates it.
      notify.changed(
          progress.finish(
              id, State.SKIPPED, null, 0, "Being provisioned; provisioning migrates it"),
          progress.snapshot());
      return;
    }
    Outcome outcome;
    try {
      OrchestraRoute route = orchestra.route(servers);
      notify.starting(progress.snapshot(), route);
      outcome = migrateDatabase(route, progress, notify);
    } catch (OrchestraUnavailableException e) {
      outcome = Outcome.failed(null, e.getMessage(), true);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Migrating orchestra " + orchestra.subdomain() + " failed", e);
      outcome = Outcome.failed(null, "Unexpected failure: " + shorten(e.getMessage()), true);
    }
    if (outcome.record()) {
      try {
        CentralOrchestraRows.pooled(central)
            .recordMigration(id, outcome.version(), resultText(outcome), clock.instant());
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot record the migration of " + orchestra.subdomain(), e);
        outcome =
            Outcome.failed(
                outcome.version(),
                resultText(outcome)
                    + "; central could not record it ("
                    + centralFailure(e)
                    + "), run again",
                false);
      }
    }
    Entry finished =
        progress.finish(
            id, outcome.state(), outcome.version(), outcome.migrationsApplied(), outcome.error());
    String said = resultText(outcome);
    LOG.info(() -> "Orchestra " + orchestra.subdomain() + ": " + said);
    notify.changed(finished, progress.snapshot());
  }

  /**
   * Flyway ran in the lock holder's session: a migration that broke the session must keep its own
   * outcome, not take "cannot be reached" from the unlock. The lock ends with the session anyway.
   */
  private static void unlockQuietly(Connection lockHolder, OrchestraRoute route) {
    try {
      DatabaseLock.unlock(lockHolder);
    } catch (SQLException e) {
      LOG.fine(() -> "Migration lock of " + route.subdomain() + " ends with its session: " + e);
    }
  }

  private Outcome migrateDatabase(OrchestraRoute route, FleetProgress progress, Notifier notify) {
    DatabaseLogin login =
        route
            .login()
            .forDatabase(
                route.login().address().database(), "ripieno:migrate:" + route.subdomain());
    PGSimpleDataSource database = login.dataSource();
    try (Connection lockHolder = database.getConnection()) {
      if (!DatabaseLock.tryLock(lockHolder)) {
        notify.changed(progress.waitingForLock(route.orchestraId()), progress.snapshot());
        if (!DatabaseLock.await(lockHolder, fleet.lockWait())) {
          // The run holding the lock records its own result; this one must not overwrite it.
          return Outcome.failed(
              null,
              "Another run has been migrating this database for longer than "
                  + fleet.lockWait()
                  + " (ripieno.fleet.lock-wait)",
              false);
        }
      }
      try {
        return migrateLocked(route, lockHolder, progress, notify);
      } finally {
        unlockQuietly(lockHolder, route);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(null, "Interrupted while waiting for the migration lock", false);
    } catch (SQLException e) {
      return Outcome.failed(
          null,
          "The database "
              + route.login().address()
              + " cannot be reached: "
              + shorten(e.getMessage()),
          true);
    }
  }

  /**
   * Everything in the lock holder's session: the marker, the versions before and after, and
   * Flyway's own lock, reads and migrations, so that a database costs PostgreSQL one new session.
   */
  private Outcome migrateLocked(
      OrchestraRoute route, Connection connection, FleetProgress progress, Notifier notify)
      throws SQLException {
    try {
      IdentityMarker.verify(connection, route.orchestraId());
    } catch (IdentityMarker.IdentityMismatchException e) {
      return Outcome.failed(null, "Not this orchestra's database: " + e.getMessage(), true);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return Outcome.failed(
            null,
            "The database "
                + route.login().address()
                + " has no identity marker table ("
                + IdentityMarker.TABLE
                + "); it is not an orchestra database Ripieno made or adopted",
            true);
      }
      throw e;
    }
    Migrations.SchemaVersion before;
    try {
      before = schemaVersion(connection);
    } catch (FlywayException | SQLException e) {
      return Outcome.failed(
          null, "Cannot read the schema version: " + shorten(e.getMessage()), true);
    }
    notify.changed(progress.migrating(route.orchestraId(), before.current()), progress.snapshot());
    if (before.isAhead()) {
      return Outcome.failed(
          before.current(),
          "At schema version "
              + before.current()
              + ", newer than this application's "
              + before.expected(),
          true);
    }
    MigrateResult result;
    try {
      result = Migrations.migrate(connection, DatabaseKind.ORCHESTRA);
    } catch (FlywayException e) {
      return Outcome.failed(
          currentVersionOrNull(connection), "Migration failed: " + shorten(e.getMessage()), true);
    }
    Migrations.SchemaVersion after;
    try {
      after = schemaVersion(connection);
    } catch (FlywayException | SQLException e) {
      return Outcome.failed(
          null,
          "Migrated, but the schema version cannot be read: " + shorten(e.getMessage()),
          true);
    }
    if (after.isBehind()) {
      return Outcome.failed(
          after.current(),
          "Still at version " + after.current() + " after migrating, expected " + after.expected(),
          true);
    }
    return result.migrationsExecuted > 0
        ? new Outcome(
            State.MIGRATED,
            before.current(),
            after.current(),
            result.migrationsExecuted,
            null,
            true)
        : new Outcome(State.UP_TO_DATE, before.current(), after.current(), 0, null, true);
  }

  /**
   * The database's version, in one query when its history plainly says it; Flyway for anything
   * unusual, as before. Both over the locked connection.
   */
  private static Migrations.SchemaVersion schemaVersion(Connection connection) throws SQLException {
    return Migrations.plainVersion(connection, DatabaseKind.ORCHESTRA)
        .orElseGet(() -> Migrations.version(connection, DatabaseKind.ORCHESTRA));
  }

  private static String currentVersionOrNull(Connection connection) {
    try {
      return Migrations.version(connection, DatabaseKind.ORCHESTRA).current();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** What {@code lastMigrationResult} says: the state, then the detail. */
  static String resultText(Outcome outcome) {
    return switch (outcome.state()) {
      case MIGRATED ->
          "migrated: "
              + (outcome.fromVersion() == null ? "none" : outcome.fromVersion())
              + " -> "
              + outcome.version()
              + " ("
              + outcome.migrationsApplied()
              + (outcome.migrationsApplied() == 1 ? " migration)" : " migrations)");
      case UP_TO_DATE -> "up-to-date: " + outcome.version();
      case SKIPPED -> "skipped: " + outcome.error();
      default -> "failed: " + outcome.error();
    };
  }

  /**
   * Why central failed, shortened. A pool that could not get a connection says only that it timed
   * out; the driver's reason (refused, authentication, unknown database) is its cause.
   */
  static String centralFailure(Exception e) {
    Throwable reason =
        e instanceof SQLException && e.getCause() instanceof SQLException ? e.getCause() : e;
    return shorten(reason.getMessage());
  }

  /** First line of a message, at most 500 characters (Flyway's run over many lines). */
  static String shorten(String message) {
    if (message == null) {
      return "no details";
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return firstLine.length() > MAX_ERROR ? firstLine.substring(0, MAX_ERROR) + "..." : firstLine;
  }

  /**
   * How one database ended.
   *
   * @param record whether central's row gets this result (not when another run owns the database)
   */
  record Outcome(
      State state,
      String fromVersion,
      String version,
      int migrationsApplied,
      String error,
      boolean record) {

    static Outcome failed(String version, String error, boolean record) {
      return new Outcome(State.FAILED, null, version, 0, error, record);
    }
  }

  /** Calls the listener; its failures are logged, never passed on to the run. */
  private record Notifier(FleetListener listener) {

    void started(Snapshot snapshot) {
      call(() -> listener.started(snapshot));
    }

    void starting(Snapshot snapshot, OrchestraRoute route) {
      snapshot.orchestras().stream()
          .filter(entry -> entry.orchestraId().equals(route.orchestraId()))
          .findFirst()
          .ifPresent(entry -> call(() -> listener.starting(entry, route)));
    }

    void changed(Entry entry, Snapshot snapshot) {
      call(() -> listener.changed(entry, snapshot));
    }

    void finished(Snapshot snapshot) {
      call(() -> listener.finished(snapshot));
    }

    private static void call(Runnable notification) {
      try {
        notification.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A fleet migration listener failed", e);
      }
    }
  }
}
