package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.TestPostgres;

/**
 * Against the real PostgreSQL: the moment a closed orchestra connection's permit is back, {@code
 * pg_stat_activity} no longer lists its backend, so the server never counts more orchestra sessions
 * than the budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeparturesIT {

  private static final int CLOSES = 40;

  private final TestPostgres postgres = new TestPostgres();
  private HikariDataSource centralPool;
  private Connection watching;
  private DatabaseLogin orchestra;

  @BeforeAll
  void open() throws SQLException {
    orchestra = postgres.createOrchestra("departing", "orch-departing");
    // Stands in for central's pool: the maintenance database on the same server.
    HikariConfig config = new HikariConfig();
    config.setPoolName("departures-it-central");
    config.setDataSource(postgres.server().dataSource());
    config.setMaximumPoolSize(2);
    centralPool = new HikariDataSource(config);
    watching = postgres.server().connect();
  }

  @AfterAll
  void close() throws SQLException {
    watching.close();
    centralPool.close();
    postgres.close();
  }

  private Departures departures() {
    return Departures.askingThrough(postgres.server().address(), () -> centralPool);
  }

  @Test
  void theMomentAClosedConnectionsPermitIsBackItsBackendIsNoLongerListed() throws SQLException {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofSeconds(1));
    BudgetedDataSource budgeted =
        new BudgetedDataSource(
            orchestra.dataSource(),
            budget.account("orch-departing"),
            departures().on(orchestra.address()));
    for (int i = 0; i < CLOSES; i++) {
      int backend;
      Connection connection = budgeted.getConnection();
      try (var statement = connection.createStatement();
          ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
        row.next();
        backend = row.getInt(1);
      }

      connection.close();

      assertThat(budget.inUse()).isZero();
      assertThat(isListed(backend))
          .as("backend %d listed after its permit came back", backend)
          .isFalse();
    }
  }

  @Test
  void anOrchestraRetiredGivesItsPermitsBackOnlyOnceItsSessionsAreGone() throws SQLException {
    RegistrySettings settings =
        new RegistrySettings(3, 6, Duration.ofSeconds(30), Duration.ofSeconds(5), false);
    OrchestraRoute route =
        new OrchestraRoute(
            "orch-departing",
            "departing",
            new DatabaseLogin(
                orchestra.address(),
                orchestra.user(),
                orchestra.password(),
                "ripieno:o:" + orchestra.address().database()));
    try (OrchestraRegistry registry = new OrchestraRegistry(settings, departures())) {
      for (int i = 0; i < CLOSES / 4; i++) {
        try (OrchestraRegistry.Lease lease = registry.lease(route)) {
          EntityManager entityManager = lease.createEntityManager();
          try {
            entityManager.createQuery("select count(m) from Musician m").getSingleResult();
          } finally {
            entityManager.close();
          }
        }
        List<Integer> backends = sessionsOf(orchestra);
        assertThat(backends).isNotEmpty();

        registry.retire("orch-departing");

        assertThat(registry.budget().inUse()).isZero();
        assertThat(backends).noneMatch(this::isListedQuietly);
      }
    }
  }

  private boolean isListed(int backend) throws SQLException {
    try (PreparedStatement query =
        watching.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
      query.setInt(1, backend);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  private boolean isListedQuietly(int backend) {
    try {
      return isListed(backend);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Integer> sessionsOf(DatabaseLogin database) throws SQLException {
    List<Integer> backends = new ArrayList<>();
    try (PreparedStatement query =
        watching.prepareStatement(
            "select pid from pg_stat_activity where datname = ? and application_name like"
                + " 'ripieno:o:%'")) {
      query.setString(1, database.address().database());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          backends.add(rows.getInt(1));
        }
      }
    }
    return backends;
  }
}
