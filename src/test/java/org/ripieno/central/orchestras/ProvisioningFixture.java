package org.ripieno.central.orchestras;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.ripieno.central.orchestras.control.Provisioning;
import org.ripieno.central.orchestras.control.ProvisioningRetries;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.persistence.Ids;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraTemplate;
import org.ripieno.testing.TestPostgres;

/** A migrated central database and a template on the test server, for provisioning runs. */
final class ProvisioningFixture implements AutoCloseable {

  final TestPostgres postgres = new TestPostgres();
  final DatabaseLogin central;
  final OrchestraTemplate template;

  /** Pooled, as the application's central is. */
  private final HikariDataSource centralPool;

  ProvisioningFixture() throws SQLException {
    central = postgres.createEmpty("provcentral");
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(central.dataSource());
    pool.setMaximumPoolSize(3);
    centralPool = new HikariDataSource(pool);
    Migrations.migrate(centralPool, DatabaseKind.CENTRAL);
    template = template("v1");
  }

  @Override
  public void close() throws SQLException {
    centralPool.close();
    postgres.close();
  }

  /** The run's template, with this code's seed revision and the given seed content hash. */
  OrchestraTemplate template(String seedContent) {
    return template("template", ProvisionedSeed.REVISION, seedContent);
  }

  /** A template of its own, named after the purpose, at the given seed revision and content. */
  OrchestraTemplate template(String purpose, int seedRevision, String seedContent) {
    return new OrchestraTemplate(
        postgres.server(),
        postgres.runPrefix() + purpose,
        seedRevision,
        seedContent,
        ProvisionedSeed::writeTemplateSeed);
  }

  Provisioning provisioning(Provisioning.StepListener listener) {
    return provisioning(listener, ProvisioningRetries.DEFAULTS);
  }

  /** A run that claims a spare database when the server has one of this template's. */
  Provisioning provisioning(Provisioning.Spares spares) {
    return provisioning(
        centralPool, Provisioning.StepListener.NONE, ProvisioningRetries.DEFAULTS, spares);
  }

  Provisioning provisioning(Provisioning.StepListener listener, ProvisioningRetries retries) {
    return provisioning(centralPool, listener, retries, Provisioning.Spares.NONE);
  }

  /** A run of an instance whose template is another than the run's (another release's). */
  Provisioning provisioning(OrchestraTemplate template) {
    return provisioning(
        template,
        centralPool,
        Provisioning.StepListener.NONE,
        ProvisioningRetries.DEFAULTS,
        Provisioning.Spares.NONE);
  }

  /**
   * A run over the given pool of central (the fixture's own, or a smaller one a test starves), on
   * the test server with unpooled maintenance sessions.
   */
  Provisioning provisioning(
      DataSource centralPool,
      Provisioning.StepListener listener,
      ProvisioningRetries retries,
      Provisioning.Spares spares) {
    return provisioning(template, centralPool, listener, retries, spares);
  }

  private Provisioning provisioning(
      OrchestraTemplate template,
      DataSource centralPool,
      Provisioning.StepListener listener,
      ProvisioningRetries retries,
      Provisioning.Spares spares) {
    Map<String, DatabaseLogin> servers = Map.of("default", postgres.server());
    return new Provisioning(
        centralPool,
        central.dataSource(),
        servers,
        server -> servers.get(server).dataSource(),
        server -> template,
        postgres.runPrefix(),
        retries,
        listener,
        spares);
  }

  DatabaseLogin orchestraDatabase(String id) throws SQLException {
    return postgres.login(text("SELECT \"databaseName\" FROM \"Orchestra\" WHERE id = ?", id));
  }

  /**
   * The body of {@code POST /api/platform/orchestras} for an orchestra named after its subdomain,
   * with a contact email of its own.
   */
  static String creation(String subdomain) {
    return "{\"name\":\"Orkester "
        + subdomain
        + "\",\"subdomain\":\""
        + subdomain
        + "\",\"contactName\":\"Kontakt\",\"contactEmail\":\""
        + subdomain
        + "@example.org\"}";
  }

  /** A requested orchestra with its inactive first admin, as the create call leaves it. */
  String request(String subdomain, String name) throws SQLException {
    return request(central, subdomain, name);
  }

  /**
   * A requested orchestra on the default server with its inactive first admin, written straight
   * into central as the create call leaves it, as if its provisioning task had been lost.
   */
  static String request(DatabaseLogin central, String subdomain, String name) throws SQLException {
    String id = Ids.newId();
    try (Connection connection = central.connect()) {
      try (PreparedStatement orchestra =
          connection.prepareStatement(
              "INSERT INTO \"Orchestra\" (id, \"orchestraId\", name, subdomain, status,"
                  + " \"contactName\", \"contactEmail\", \"updatedAt\", \"databaseServer\")"
                  + " VALUES (?, ?, ?, ?, 'pending', 'Contact', 'c@example.org', now(),"
                  + " 'default')")) {
        orchestra.setString(1, id);
        orchestra.setString(2, Ids.newId());
        orchestra.setString(3, name);
        orchestra.setString(4, subdomain);
        orchestra.executeUpdate();
      }
      try (PreparedStatement admin =
          connection.prepareStatement(
              "INSERT INTO \"User\" (id, username, email, \"passwordHash\", role, \"orchestraId\","
                  + " active, \"mustChangePassword\", \"updatedAt\")"
                  + " VALUES (?, ?, ?, 'x', 'admin', ?, false, true, now())")) {
        admin.setString(1, Ids.newId());
        admin.setString(2, subdomain + "-admin");
        admin.setString(3, subdomain + "@example.org");
        admin.setString(4, id);
        admin.executeUpdate();
      }
    }
    return id;
  }

  /**
   * Takes ({@code pg_advisory_lock}) or releases ({@code pg_advisory_unlock}) the template's lock
   * on the session, as a template build does: provisionings on that server then wait to clone.
   */
  static void templateLock(Connection session, String function) throws SQLException {
    try (Statement statement = session.createStatement()) {
      statement.execute("SELECT " + function + "(" + OrchestraTemplate.LOCK_KEY + ")");
    }
  }

  /**
   * Waits until sessions of the holder's database wait for its locks, and terminates them when
   * asked; returns how many there were.
   */
  static int awaitSessionsBlockedBy(Connection holder, boolean terminate) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (PreparedStatement query =
          holder.prepareStatement(
              "SELECT CASE WHEN ? THEN pg_terminate_backend(pid) END FROM pg_stat_activity"
                  + " WHERE datname = current_database()"
                  + " AND pg_backend_pid() = ANY(pg_blocking_pids(pid))")) {
        query.setBoolean(1, terminate);
        int blocked = 0;
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            blocked++;
          }
        }
        if (blocked > 0) {
          return blocked;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No session waited for the lock");
  }

  String text(String sql, String parameter) throws SQLException {
    try (Connection connection = central.connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}
