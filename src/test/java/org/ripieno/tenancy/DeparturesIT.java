package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private Connection watching;
  private DatabaseLogin orchestra;

  @BeforeAll
  void open() throws SQLException {
    orchestra = postgres.createOrchestra("departing", "orch-departing");
    watching = postgres.server().connect();
  }

  @AfterAll
  void close() throws SQLException {
    watching.close();
    postgres.close();
  }

  /** Asks on the maintenance database, standing in for central's on the same server. */
  private Departures departures() {
    return Departures.askingOn(postgres.server());
  }

  @Test
  void theMomentAClosedConnectionsPermitIsBackItsBackendIsNoLongerListed() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofSeconds(1));
    try (Departures departures = departures()) {
      BudgetedDataSource budgeted =
          new BudgetedDataSource(
              orchestra.dataSource(),
              budget.account("orch-departing"),
              departures.on(orchestra.address()));
      closeAndWatch(budget, budgeted);
    }
  }

  private void closeAndWatch(ConnectionBudget budget, BudgetedDataSource budgeted)
      throws Exception {
    for (int i = 0; i < CLOSES; i++) {
      int backend;
      Connection connection = budgeted.getConnection();
      try (var statement = connection.createStatement();
          ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
        row.next();
        backend = row.getInt(1);
      }

      connection.close();

      awaitNoneInUse(budget);
      assertThat(isListed(backend))
          .as("backend %d listed after its permit came back", backend)
          .isFalse();
    }
  }

  @Test
  void anOrchestraRetiredGivesItsPermitsBackOnlyOnceItsSessionsAreGone() throws Exception {
    OrchestraRoute route = route();
    try (OrchestraRegistry registry = new OrchestraRegistry(settings(), departures())) {
      for (int i = 0; i < CLOSES / 4; i++) {
        RegistryReads.countMusicians(registry, route);
        List<Integer> backends = sessionsOf(orchestra);
        assertThat(backends).isNotEmpty();

        registry.retire("orch-departing");

        awaitNoneInUse(registry.budget());
        assertThat(backends).noneMatch(this::isListedQuietly);
      }
    }
  }

  @Test
  void aClosedRegistryGivesBackThePermitsStillWaitingForTheirBackends() throws Exception {
    Departures neverGone =
        new Departures(postgres.server().address(), pids -> Set.copyOf(pids), Duration.ofHours(1));
    OrchestraRegistry registry = new OrchestraRegistry(settings(), neverGone);
    try (OrchestraRegistry.Lease lease = registry.lease(route())) {
      try (Connection connection = lease.connection()) {
        assertThat(connection.isValid(1)).isTrue();
      }
    }
    registry.retire("orch-departing");
    assertThat(registry.budget().inUse()).as("given back before the backends were gone").isOne();

    long started = System.nanoTime();
    registry.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(registry.budget().inUse()).isZero();
  }

  private RegistrySettings settings() {
    return new RegistrySettings(3, 6, Duration.ofSeconds(30), Duration.ofSeconds(5), false);
  }

  private OrchestraRoute route() {
    return new OrchestraRoute(
        "orch-departing",
        "departing",
        new DatabaseLogin(
            orchestra.address(),
            orchestra.user(),
            orchestra.password(),
            "ripieno:o:" + orchestra.address().database()));
  }

  /** The permits come back a moment after the close returned, on the departures' thread. */
  private static void awaitNoneInUse(ConnectionBudget budget) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (budget.inUse() != 0) {
      assertThat(System.nanoTime() - deadline).as("permits still out after 5 s").isNegative();
      Thread.sleep(1);
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
