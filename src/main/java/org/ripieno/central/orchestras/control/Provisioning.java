package org.ripieno.central.orchestras.control;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.persistence.Ids;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.tenancy.OrchestraTemplate;
import org.ripieno.tenancy.SpareDatabases;

/**
 * Provisioning of one orchestra, as the state machine stored in its central row: {@code REQUESTED →
 * DATABASE_CREATED → MIGRATED → SEEDED → ADMIN_ACTIVATED → ACTIVE}, or {@code FAILED} with the step
 * and the error. Every step first checks whether its work is already done, so a run resumes
 * wherever an earlier one stopped (a crash, a failed step) and repeating a run changes nothing. The
 * orchestra becomes active only after its schema version and seed are verified.
 *
 * <p>Plain JDBC on central: provisioning runs in the background and from the operator tool, with no
 * request and no orchestra route (nothing may route to a database before it is marked). A run never
 * keeps a connection of central's pool while it waits or works elsewhere: it borrows one for each
 * central statement only, and holds the orchestra's lock on a session of its own, outside the pool.
 * So runs, however many are queued, cannot starve the pool that requests need.
 *
 * <p>A run that fails counts its failure in the row; after a transient cause ({@link
 * ProvisioningRetries}) it also writes when the platform resumes it by itself.
 */
public final class Provisioning {

  private static final Logger LOG = Logger.getLogger(Provisioning.class.getName());

  /** The steps after {@code REQUESTED}, in order. */
  static final List<ProvisioningState> STEPS =
      List.of(
          ProvisioningState.DATABASE_CREATED,
          ProvisioningState.MIGRATED,
          ProvisioningState.SEEDED,
          ProvisioningState.ADMIN_ACTIVATED,
          ProvisioningState.ACTIVE);

  /** Hears about every step reached; a test uses it to stop a run after a given step. */
  public interface StepListener {
    void reached(String orchestraId, ProvisioningState state);

    StepListener NONE = (orchestraId, state) -> {};
  }

  /**
   * What a run ended with.
   *
   * @param retryIn when the platform resumes a failed run by itself; null when it does not
   */
  public record Outcome(ProvisioningState state, String error, Duration retryIn) {

    public Outcome(ProvisioningState state, String error) {
      this(state, error, null);
    }
  }

  /**
   * The spare databases a run may claim instead of cloning ({@link OrchestraTemplate#claimSpare}),
   * and who hears that a run created a database on a server (claimed or cloned), so that a new
   * spare is made off the run's path.
   */
  public record Spares(int count, Consumer<String> databaseCreatedOn) {
    public static final Spares NONE = new Spares(0, server -> {});
  }

  private final DataSource central;
  private final CentralOrchestraRows rows;
  private final DataSource lockSessions;
  private final Function<String, DataSource> maintenanceSessions;
  private final ProvisioningRetries retries;
  private final Map<String, DatabaseLogin> servers;
  private final Function<String, OrchestraTemplate> templates;
  private final StepListener listener;
  private final String databasePrefix;
  private final SpareDatabases spareDatabases;
  private final Consumer<String> databaseCreatedOn;

  /**
   * Provisioning over the given central database and orchestra servers, every part named (the
   * application and the tests build it the same way).
   *
   * <p>Pooled lock or maintenance sessions are given back only with no advisory lock left on them:
   * one whose release failed is evicted instead ({@link #discard}).
   *
   * @param central the central database, pooled: borrowed for one statement at a time
   * @param lockSessions the central database, for the session that holds an orchestra's
   *     provisioning lock during a run (its end releases the lock)
   * @param servers the configured orchestra servers by name, each a login to its maintenance
   *     database
   * @param maintenanceSessions the sessions to a server's maintenance database, by server name (a
   *     small pool keeps a run from paying for a new session, about as much as a clone, each time)
   * @param templates the template of a server, by server name
   * @param databasePrefix put before every orchestra database's name
   * @param retries when a failed run is resumed by the platform itself
   * @param listener hears about every step reached ({@link StepListener#NONE}: nobody)
   * @param spares how many spare databases a server keeps, and who makes a new one ({@link
   *     Spares#NONE}: none, every run clones)
   */
  public Provisioning(
      DataSource central,
      DataSource lockSessions,
      Map<String, DatabaseLogin> servers,
      Function<String, DataSource> maintenanceSessions,
      Function<String, OrchestraTemplate> templates,
      String databasePrefix,
      ProvisioningRetries retries,
      StepListener listener,
      Spares spares) {
    this.maintenanceSessions = maintenanceSessions;
    this.central = central;
    this.rows = CentralOrchestraRows.pooled(central);
    this.lockSessions = lockSessions;
    this.retries = retries;
    this.databasePrefix = databasePrefix;
    this.servers = servers;
    this.templates = templates;
    this.listener = listener;
    this.spareDatabases = new SpareDatabases(databasePrefix, spares.count());
    this.databaseCreatedOn = spares.databaseCreatedOn();
  }

  /**
   * Runs every step that is not done yet. A run of the same orchestra already going on elsewhere
   * (another thread, another instance) is left alone and its current state returned.
   */
  public Outcome run(String orchestraId) throws SQLException {
    // The session ends with the run, and the lock with it, however the run ends.
    try (Connection lockSession = lockSessions.getConnection()) {
      if (!tryLock(lockSession, orchestraId)) {
        RegisteredOrchestra entry = load(orchestraId);
        return new Outcome(entry.provisioning().state(), entry.provisioning().error());
      }
      try {
        return runLocked(orchestraId);
      } finally {
        if (!releaseBeforeClosing(lockSession, orchestraId)) {
          discard(lockSessions, lockSession);
        }
      }
    }
  }

  /**
   * A pooled session that may still hold an advisory lock is closed for good instead of going back
   * to its pool (an unpooled one closes anyway).
   */
  private static void discard(DataSource source, Connection session) {
    try {
      if (source.isWrapperFor(HikariDataSource.class)) {
        source.unwrap(HikariDataSource.class).evictConnection(session);
      }
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Evicting a provisioning session failed", e);
    }
  }

  /**
   * A closed session's locks are released only once its server process has ended, a moment after
   * the close: a run that follows at once (a resume right after a failure) would find the orchestra
   * still locked and do nothing. So the lock is released first; if that fails, the session's end
   * still releases it.
   */
  private static boolean releaseBeforeClosing(Connection lockSession, String orchestraId) {
    try {
      unlock(lockSession, orchestraId);
      return true;
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Provisioning lock left to the session's end", e);
      return false;
    }
  }

  private Outcome runLocked(String orchestraId) throws SQLException {
    RegisteredOrchestra entry = load(orchestraId);
    if (Orchestra.DELETED.equals(entry.status())) {
      return new Outcome(
          ProvisioningState.FAILED, "The orchestra is deleted; nothing to provision");
    }
    if (entry.provisioning().state() == ProvisioningState.ACTIVE) {
      return new Outcome(ProvisioningState.ACTIVE, null);
    }
    String subdomain = entry.subdomain();
    Connections connections = new Connections();
    try (connections) {
      for (ProvisioningState step : STEPS) {
        try {
          // Read once per run (the lock keeps other runs and removals away), again only after
          // the database name was assigned.
          entry = perform(step, entry, connections);
          record(orchestraId, step);
          listener.reached(orchestraId, step);
        } catch (Exception e) {
          connections.failed();
          String error = describe(e);
          Duration retryIn = recordFailure(orchestraId, step, error, e);
          LOG.warning(
              () ->
                  "Provisioning of "
                      + subdomain
                      + " stopped at "
                      + step
                      + ": "
                      + error
                      + (retryIn == null
                          ? "; it waits for an operator"
                          : "; it is resumed in " + retryIn.toMillis() + " ms"));
          return new Outcome(ProvisioningState.FAILED, error, retryIn);
        }
      }
    } finally {
      // A new spare is made after the run, so that its clone never competes with this run's
      // steps (it may with other workers' runs: it takes the template's shared lock like theirs).
      if (connections.createdDatabase) {
        databaseCreatedOn.accept(entry.server());
      }
    }
    return new Outcome(ProvisioningState.ACTIVE, null);
  }

  /**
   * The connections of one run, opened when first needed and kept for its steps: a new connection
   * costs about as much as a step's work.
   */
  private final class Connections implements AutoCloseable {
    private DataSource maintenanceSource;
    private Connection maintenance;
    private Connection orchestra;
    private boolean failed;

    /** This run created the orchestra's database (claimed a spare or cloned). */
    private boolean createdDatabase;

    Connection maintenance(RegisteredOrchestra entry) throws SQLException {
      if (maintenance == null) {
        server(entry);
        maintenanceSource = maintenanceSessions.apply(entry.server());
        maintenance = maintenanceSource.getConnection();
      }
      return maintenance;
    }

    /** A step failed: its maintenance session may hold the template's lock, so it is not kept. */
    void failed() {
      failed = true;
    }

    Connection orchestra(RegisteredOrchestra entry) throws SQLException {
      if (orchestra == null) {
        orchestra = database(entry).connect();
      }
      return orchestra;
    }

    @Override
    public void close() throws SQLException {
      if (failed && maintenance != null) {
        discard(maintenanceSource, maintenance);
      }
      try (Connection first = maintenance;
          Connection second = orchestra) {
        // closed by try-with-resources, null ones skipped
      }
    }
  }

  /** Performs the step; returns the entry as it is afterwards. */
  private RegisteredOrchestra perform(
      ProvisioningState step, RegisteredOrchestra entry, Connections connections)
      throws SQLException {
    switch (step) {
      case DATABASE_CREATED -> {
        return ensureDatabase(entry, connections);
      }
      case MIGRATED -> ensureMigrated(entry, connections);
      case SEEDED -> ensureSigned(entry, connections);
      case ADMIN_ACTIVATED -> ensureAdminActive(entry);
      case ACTIVE -> verifyAndActivate(entry, connections);
      default -> throw new IllegalStateException("Not a provisioning step: " + step);
    }
    return entry;
  }

  private RegisteredOrchestra ensureDatabase(RegisteredOrchestra entry, Connections connections)
      throws SQLException {
    DatabaseLogin server = server(entry);
    if (entry.databaseName() == null) {
      rows.assignDatabase(
          entry.id(),
          server
              .address()
              .withDatabase(Subdomains.databaseName(databasePrefix, entry.subdomain())));
      entry = load(entry.id());
    }
    Connection maintenance = connections.maintenance(entry);
    Optional<Boolean> allowsConnections =
        OrchestraDatabases.allowsConnections(maintenance, entry.databaseName());
    if (allowsConnections.isPresent() && !allowsConnections.get()) {
      // A claim renames a spare and opens it in one transaction; a database closed under the
      // orchestra's name is a spare renamed some other way (by hand): opened as a claim does.
      OrchestraDatabases.allowConnections(maintenance, entry.databaseName());
    }
    if (allowsConnections.isEmpty()) {
      OrchestraTemplate template = templates.apply(entry.server());
      // A spare is a clone of the same template made ahead of time: renaming it takes the clone
      // off the run's path, and what follows is the same either way.
      if (!template.claimSpare(maintenance, spareDatabases, entry.databaseName())) {
        template.ensureCurrent(maintenance);
        template.cloneTo(maintenance, entry.databaseName());
      }
      connections.createdDatabase = true;
    }
    // A clone carries no marker yet; a database already marked for another orchestra is refused.
    IdentityMarker.write(connections.orchestra(entry), entry.id());
    return entry;
  }

  private void ensureMigrated(RegisteredOrchestra entry, Connections connections)
      throws SQLException {
    DatabaseLogin database = database(entry);
    String expected = Migrations.latestVersion(database.dataSource(), DatabaseKind.ORCHESTRA);
    String current = appliedVersion(connections.orchestra(entry)).orElse(null);
    if (!expected.equals(current)) {
      Migrations.migrate(database.dataSource(), DatabaseKind.ORCHESTRA);
      current = expected;
    }
    rows.recordMigrated(entry.id(), current);
  }

  private void ensureSigned(RegisteredOrchestra entry, Connections connections)
      throws SQLException {
    ProvisionedSeed.sign(connections.orchestra(entry), entry.name());
  }

  /**
   * Activates the first admin (created inactive, with its password already hashed) and records the
   * step, in one statement. A password still sealed by an earlier version's run that stopped
   * half-way ({@link Passwords#isSealed}) is then replaced with its hash, unless the stored value
   * changed meanwhile (an operator's reset is kept). Committed without waiting for the log flush,
   * like the steps before it ({@link CentralOrchestraRows#unsynced}).
   */
  private void ensureAdminActive(RegisteredOrchestra entry) throws SQLException {
    String username = firstAdminUsername(entry.subdomain());
    try (Connection connection = central.getConnection()) {
      CentralOrchestraRows.unsynced(
          connection, unsynced -> activateAdmin(unsynced, entry, username));
    }
  }

  private static Void activateAdmin(
      Connection connection, RegisteredOrchestra entry, String username) throws SQLException {
    try (PreparedStatement activate =
        connection.prepareStatement(
            "WITH admin AS (UPDATE \"User\" SET active = true, \"updatedAt\" = now()"
                + " WHERE \"orchestraId\" = ? AND username = ? AND role = 'admin'"
                + " RETURNING \"passwordHash\"),"
                + " step AS (UPDATE \"Orchestra\" SET \"provisioningState\" = ?,"
                + " \"updatedAt\" = (now() at time zone 'UTC')"
                + " WHERE id = ? AND EXISTS (SELECT 1 FROM admin))"
                + " SELECT \"passwordHash\" FROM admin")) {
      activate.setString(1, entry.id());
      activate.setString(2, username);
      activate.setString(3, ProvisioningState.ADMIN_ACTIVATED.name());
      activate.setString(4, entry.id());
      String stored;
      try (ResultSet row = activate.executeQuery()) {
        if (!row.next()) {
          throw new SQLException(
              "The first admin "
                  + username
                  + " of this orchestra does not exist (was it deleted?)");
        }
        stored = row.getString(1);
      }
      if (Passwords.isSealed(stored)) {
        try (PreparedStatement replace =
            connection.prepareStatement(
                "UPDATE \"User\" SET \"passwordHash\" = ? WHERE \"orchestraId\" = ?"
                    + " AND username = ? AND role = 'admin' AND \"passwordHash\" = ?")) {
          replace.setString(1, Passwords.hashSealed(stored));
          replace.setString(2, entry.id());
          replace.setString(3, username);
          replace.setString(4, stored);
          replace.executeUpdate();
        }
      }
    }
    return null;
  }

  private void verifyAndActivate(RegisteredOrchestra entry, Connections connections)
      throws SQLException {
    Connection database = connections.orchestra(entry);
    String expected =
        Migrations.latestVersion(database(entry).dataSource(), DatabaseKind.ORCHESTRA);
    String current = appliedVersion(database).orElse("none");
    if (!expected.equals(current)) {
      throw new SQLException("Schema version " + current + " where " + expected + " is expected");
    }
    IdentityMarker.verify(database, entry.id());
    List<String> problems = ProvisionedSeed.problems(database, entry.name());
    if (!problems.isEmpty()) {
      throw new SQLException("The seed is not complete: " + String.join("; ", problems));
    }
    rows.activateProvisioned(entry.id());
  }

  /** The first admin's username, created with the orchestra. */
  public static String firstAdminUsername(String subdomain) {
    return subdomain + "-admin";
  }

  private DatabaseLogin server(RegisteredOrchestra entry) {
    return requireServer(servers, entry.server());
  }

  private static DatabaseLogin requireServer(Map<String, DatabaseLogin> servers, String name) {
    DatabaseLogin server = servers.get(name);
    if (server == null) {
      throw new IllegalStateException(
          "The database server '"
              + name
              + "' is not configured (ripieno.orchestra-servers."
              + name
              + ".url)");
    }
    return server;
  }

  private DatabaseLogin database(RegisteredOrchestra entry) {
    return server(entry).forDatabase(entry.databaseName(), "ripieno:provision");
  }

  /** The newest successful migration, read straight from the history (faster than Flyway). */
  private static Optional<String> appliedVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT version FROM \""
                    + DatabaseKind.MIGRATION_HISTORY_TABLE
                    + "\" WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
      return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
    }
  }

  private void record(String orchestraId, ProvisioningState state) throws SQLException {
    if (state == ProvisioningState.MIGRATED || state == ProvisioningState.ADMIN_ACTIVATED) {
      return; // written by the step itself, with its work, in one statement (a commit fewer)
    }
    if (state == ProvisioningState.ACTIVE) {
      // verifyAndActivate wrote it, with the status, in one statement.
      log(orchestraId, "info", "Orchestra provisioned and active", null);
      return;
    }
    rows.recordProvisioningStep(orchestraId, state);
  }

  /**
   * Records the failure and counts it; after a transient cause with tries left, also when the
   * platform resumes the run.
   *
   * @return the wait before that resume, or null when it is left to an operator
   */
  private Duration recordFailure(
      String orchestraId, ProvisioningState step, String error, Exception cause)
      throws SQLException {
    // A row gone meanwhile has no tries left.
    int failedRuns =
        rows.recordProvisioningFailure(orchestraId, step, error).orElse(retries.maxTries());
    Duration retryIn = retries.delayAfter(cause, failedRuns).orElse(null);
    if (retryIn != null) {
      rows.planProvisioningRetry(orchestraId, retryIn);
    }
    log(
        orchestraId,
        "error",
        "Provisioning stopped at "
            + step
            + " (failed run "
            + failedRuns
            + " of at most "
            + retries.maxTries()
            + "); "
            + (retryIn == null
                ? "left for an operator"
                : "resumed by the platform in " + retryIn.toSeconds() + " s"),
        error);
    return retryIn;
  }

  /**
   * Orchestras the platform resumes by itself: those left between two steps or never started (a
   * stopped process, a lost task), and failed ones whose resume is due.
   */
  public List<String> resumable() throws SQLException {
    return rows.resumableProvisioning();
  }

  /**
   * An operator resumes the provisioning: the failed runs counted so far are forgotten, so that
   * transient failures of the operator's run are resumed by the platform again.
   */
  public void forgetFailedRuns(String orchestraId) throws SQLException {
    rows.forgetFailedProvisioningRuns(orchestraId);
  }

  private void log(String orchestraId, String level, String message, String error)
      throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO \"SystemLog\" (id, level, category, message, metadata,"
                    + " \"orchestraId\", subdomain)"
                    + " SELECT ?, ?, 'provisioning', ?, CASE WHEN ?::text IS NULL THEN NULL"
                    + " ELSE jsonb_build_object('error', ?::text) END, id, subdomain"
                    + " FROM \"Orchestra\" WHERE id = ?")) {
      insert.setString(1, Ids.newId());
      insert.setString(2, level);
      insert.setString(3, message);
      insert.setString(4, error);
      insert.setString(5, error);
      insert.setString(6, orchestraId);
      insert.executeUpdate();
    }
  }

  private RegisteredOrchestra load(String orchestraId) throws SQLException {
    return rows.byId(orchestraId)
        .orElseThrow(() -> new SQLException("There is no orchestra " + orchestraId));
  }

  /**
   * Takes the orchestra's provisioning lock on this connection (a session lock), unless another
   * session holds it. Removal takes it too, so an orchestra is never removed while provisioned.
   */
  public static boolean tryLock(Connection connection, String orchestraId) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      lock.setString(1, "ripieno:provision:" + orchestraId);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  public static void unlock(Connection connection, String orchestraId) throws SQLException {
    try (PreparedStatement unlock =
        connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
      unlock.setString(1, "ripieno:provision:" + orchestraId);
      unlock.execute();
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
