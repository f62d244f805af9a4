package org.ripieno.central.orchestras.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.persistence.Ids;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.tenancy.OrchestraTemplate;

/**
 * Provisioning of one orchestra, as the state machine stored in its central row: {@code REQUESTED →
 * DATABASE_CREATED → MIGRATED → SEEDED → ADMIN_ACTIVATED → ACTIVE}, or {@code FAILED} with the step
 * and the error. Every step first checks whether its work is already done, so a run resumes
 * wherever an earlier one stopped (a crash, a failed step) and repeating a run changes nothing. The
 * orchestra becomes active only after its schema version and seed are verified.
 *
 * <p>Plain JDBC on central: provisioning runs in the background and from the operator tool, with no
 * request and no orchestra route (nothing may route to a database before it is marked).
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

  /** What a run ended with. */
  public record Outcome(ProvisioningState state, String error) {}

  private final DataSource central;
  private final Map<String, DatabaseLogin> servers;
  private final Function<String, OrchestraTemplate> templates;
  private final StepListener listener;
  private final String databasePrefix;

  /**
   * @param central the central database
   * @param servers the configured orchestra servers by name, each a login to its maintenance
   *     database
   * @param templates the template of a server, by server name
   * @param databasePrefix put before every orchestra database's name
   */
  public Provisioning(
      DataSource central,
      Map<String, DatabaseLogin> servers,
      Function<String, OrchestraTemplate> templates,
      String databasePrefix,
      StepListener listener) {
    this.central = central;
    this.databasePrefix = databasePrefix;
    this.servers = servers;
    this.templates = templates;
    this.listener = listener;
  }

  /**
   * Runs every step that is not done yet. A run of the same orchestra already going on elsewhere
   * (another thread, another instance) is left alone and its current state returned.
   */
  public Outcome run(String orchestraId) throws SQLException {
    try (Connection lockHolder = central.getConnection()) {
      if (!tryLock(lockHolder, orchestraId)) {
        Entry entry = load(orchestraId);
        return new Outcome(entry.state(), entry.error());
      }
      try {
        return runLocked(orchestraId);
      } finally {
        try {
          unlock(lockHolder, orchestraId);
        } catch (SQLException e) {
          // A pooled connection must not go back still holding the lock: end it instead.
          lockHolder.abort(Runnable::run);
        }
      }
    }
  }

  private Outcome runLocked(String orchestraId) throws SQLException {
    Entry entry = load(orchestraId);
    if (Orchestra.DELETED.equals(entry.status())) {
      return new Outcome(
          ProvisioningState.FAILED, "The orchestra is deleted; nothing to provision");
    }
    if (entry.state() == ProvisioningState.ACTIVE) {
      return new Outcome(ProvisioningState.ACTIVE, null);
    }
    String subdomain = entry.subdomain();
    try (Connections connections = new Connections()) {
      for (ProvisioningState step : STEPS) {
        try {
          perform(step, load(orchestraId), connections);
          record(orchestraId, step);
          listener.reached(orchestraId, step);
        } catch (Exception e) {
          String error = describe(e);
          recordFailure(orchestraId, step, error);
          LOG.warning(() -> "Provisioning of " + subdomain + " stopped at " + step + ": " + error);
          return new Outcome(ProvisioningState.FAILED, error);
        }
      }
    }
    return new Outcome(ProvisioningState.ACTIVE, null);
  }

  /**
   * The connections of one run, opened when first needed and kept for its steps: a new connection
   * costs about as much as a step's work.
   */
  private final class Connections implements AutoCloseable {
    private Connection maintenance;
    private Connection orchestra;

    Connection maintenance(Entry entry) throws SQLException {
      if (maintenance == null) {
        maintenance = server(entry).connect();
      }
      return maintenance;
    }

    Connection orchestra(Entry entry) throws SQLException {
      if (orchestra == null) {
        orchestra = database(entry).connect();
      }
      return orchestra;
    }

    @Override
    public void close() throws SQLException {
      try (Connection first = maintenance;
          Connection second = orchestra) {
        // closed by try-with-resources, null ones skipped
      }
    }
  }

  private void perform(ProvisioningState step, Entry entry, Connections connections)
      throws SQLException {
    switch (step) {
      case DATABASE_CREATED -> ensureDatabase(entry, connections);
      case MIGRATED -> ensureMigrated(entry, connections);
      case SEEDED -> ensureSigned(entry, connections);
      case ADMIN_ACTIVATED -> ensureAdminActive(entry);
      case ACTIVE -> verifyAndActivate(entry, connections);
      default -> throw new IllegalStateException("Not a provisioning step: " + step);
    }
  }

  private void ensureDatabase(Entry entry, Connections connections) throws SQLException {
    DatabaseLogin server = server(entry);
    if (entry.databaseName() == null) {
      assignDatabase(
          entry.id(), server, Subdomains.databaseName(databasePrefix, entry.subdomain()));
      entry = load(entry.id());
    }
    Connection maintenance = connections.maintenance(entry);
    if (!OrchestraDatabases.exists(maintenance, entry.databaseName())) {
      OrchestraTemplate template = templates.apply(entry.server());
      template.ensureCurrent(maintenance);
      template.cloneTo(maintenance, entry.databaseName());
    }
    // A clone carries no marker yet; a database already marked for another orchestra is refused.
    IdentityMarker.write(connections.orchestra(entry), entry.id());
  }

  private void ensureMigrated(Entry entry, Connections connections) throws SQLException {
    DatabaseLogin database = database(entry);
    String expected = Migrations.latestVersion(database.dataSource(), DatabaseKind.ORCHESTRA);
    String current = appliedVersion(connections.orchestra(entry)).orElse(null);
    if (!expected.equals(current)) {
      Migrations.migrate(database.dataSource(), DatabaseKind.ORCHESTRA);
      current = expected;
    }
    try (Connection connection = central.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE \"Orchestra\" SET \"schemaVersion\" = ?, \"updatedAt\" = now()"
                    + " WHERE id = ?")) {
      update.setString(1, current);
      update.setString(2, entry.id());
      update.executeUpdate();
    }
  }

  private void ensureSigned(Entry entry, Connections connections) throws SQLException {
    ProvisionedSeed.sign(connections.orchestra(entry), entry.name());
  }

  private void ensureAdminActive(Entry entry) throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement activate =
            connection.prepareStatement(
                "UPDATE \"User\" SET active = true, \"updatedAt\" = now()"
                    + " WHERE \"orchestraId\" = ? AND username = ? AND role = 'admin'")) {
      activate.setString(1, entry.id());
      activate.setString(2, firstAdminUsername(entry.subdomain()));
      if (activate.executeUpdate() != 1) {
        throw new SQLException(
            "The first admin "
                + firstAdminUsername(entry.subdomain())
                + " of this orchestra does not exist (was it deleted?)");
      }
    }
  }

  private void verifyAndActivate(Entry entry, Connections connections) throws SQLException {
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
    try (Connection connection = central.getConnection();
        PreparedStatement activate =
            connection.prepareStatement(
                "UPDATE \"Orchestra\" SET status = CASE WHEN status = 'pending' THEN 'active'"
                    + " ELSE status END, \"provisioningState\" = 'ACTIVE',"
                    + " \"provisioningError\" = NULL,"
                    + " \"provisioningFailedStep\" = NULL, \"updatedAt\" = now() WHERE id = ?")) {
      activate.setString(1, entry.id());
      activate.executeUpdate();
    }
  }

  /** The first admin's username, created with the orchestra. */
  public static String firstAdminUsername(String subdomain) {
    return subdomain + "-admin";
  }

  private DatabaseLogin server(Entry entry) {
    DatabaseLogin server = servers.get(entry.server());
    if (server == null) {
      throw new IllegalStateException(
          "The database server '"
              + entry.server()
              + "' is not configured (ripieno.orchestra-servers."
              + entry.server()
              + ".url)");
    }
    return server;
  }

  private DatabaseLogin database(Entry entry) {
    return server(entry).forDatabase(entry.databaseName(), "ripieno:provision");
  }

  private void assignDatabase(String orchestraId, DatabaseLogin server, String databaseName)
      throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement assign =
            connection.prepareStatement(
                "UPDATE \"Orchestra\" SET \"databaseHost\" = ?, \"databasePort\" = ?,"
                    + " \"databaseName\" = ?, \"updatedAt\" = now() WHERE id = ?"
                    + " AND \"databaseName\" IS NULL")) {
      assign.setString(1, server.address().host());
      assign.setInt(2, server.address().port());
      assign.setString(3, databaseName);
      assign.setString(4, orchestraId);
      assign.executeUpdate();
    }
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
    if (state == ProvisioningState.ACTIVE) {
      // verifyAndActivate wrote it, with the status, in one statement.
      log(orchestraId, "info", "Orchestra provisioned and active", null);
      return;
    }
    try (Connection connection = central.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE \"Orchestra\" SET \"provisioningState\" = ?, \"updatedAt\" = now()"
                    + " WHERE id = ?")) {
      update.setString(1, state.name());
      update.setString(2, orchestraId);
      update.executeUpdate();
    }
  }

  private void recordFailure(String orchestraId, ProvisioningState step, String error)
      throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE \"Orchestra\" SET \"provisioningState\" = 'FAILED',"
                    + " \"provisioningFailedStep\" = ?, \"provisioningError\" = ?,"
                    + " \"updatedAt\" = now() WHERE id = ?")) {
      update.setString(1, step.name());
      update.setString(2, error);
      update.setString(3, orchestraId);
      update.executeUpdate();
    }
    log(orchestraId, "error", "Provisioning stopped at " + step, error);
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

  private Entry load(String orchestraId) throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT id, subdomain, name, status, \"provisioningState\",  \"provisioningError\","
                    + " COALESCE(\"databaseServer\", 'default'), \"databaseName\""
                    + " FROM \"Orchestra\" WHERE id = ?")) {
      query.setString(1, orchestraId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("There is no orchestra " + orchestraId);
        }
        return new Entry(
            row.getString(1),
            row.getString(2),
            row.getString(3),
            row.getString(4),
            ProvisioningState.valueOf(row.getString(5)),
            row.getString(6),
            row.getString(7),
            row.getString(8));
      }
    }
  }

  private record Entry(
      String id,
      String subdomain,
      String name,
      String status,
      ProvisioningState state,
      String error,
      String server,
      String databaseName) {}

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
