package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.TestPostgres;

/**
 * Many orchestras, one connection ceiling: opening 60 orchestras in turn under a ceiling of 20
 * never shows PostgreSQL more than 20 orchestra connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionCeilingIT {

  private static final int ORCHESTRAS = 60;
  private static final int CEILING = 20;

  private final TestPostgres postgres = new TestPostgres();
  private final List<OrchestraRoute> routes = new ArrayList<>();

  @BeforeAll
  void createOrchestraDatabases() throws SQLException {
    // Cloning one migrated template is much faster than migrating 60 databases.
    DatabaseLogin template = postgres.createEmpty("tpl");
    Migrations.migrate(template.dataSource(), DatabaseKind.ORCHESTRA);
    for (int i = 0; i < ORCHESTRAS; i++) {
      String name = postgres.uniqueName("o" + i);
      postgres.execute(
          "CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template.address().database() + "\"");
      postgres.dropAtClose(name);
      DatabaseLogin database = postgres.login(name);
      try (Connection connection = database.connect()) {
        IdentityMarker.write(connection, "orch-" + i);
      }
      routes.add(
          new OrchestraRoute(
              "orch-" + i,
              "o" + i,
              new DatabaseLogin(
                  database.address(), database.user(), database.password(), "ripieno:o:" + name)));
    }
  }

  @AfterAll
  void dropDatabases() throws SQLException {
    postgres.close();
  }

  @Test
  void sixtyOrchestrasInTurnNeverHoldMoreConnectionsThanTheCeiling() throws Exception {
    RegistrySettings settings =
        new RegistrySettings(5, CEILING, Duration.ofMinutes(5), Duration.ofSeconds(10), false);
    AtomicLong mostSeen = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicReference<Exception> samplerFailure = new AtomicReference<>();
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                try {
                  long now =
                      postgres.queryLong(
                          "select count(*) from pg_stat_activity where application_name like"
                              + " 'ripieno:o:"
                              + postgres.runPrefix()
                              + "%'");
                  mostSeen.accumulateAndGet(now, Math::max);
                } catch (SQLException e) {
                  samplerFailure.set(e);
                  return;
                }
              }
            });
    sampler.start();
    int mostInBudget = 0;
    // As in the application: a permit comes back once the server no longer lists the closed
    // connection's backend, asked on a database of the same server (central's, there).
    try (OrchestraRegistry registry =
        new OrchestraRegistry(settings, Departures.askingOn(postgres.server()))) {
      for (OrchestraRoute route : routes) {
        RegistryReads.countMusicians(registry, route);
      }
      mostInBudget = registry.budget().mostInUse();
      assertThat(registry.openCount()).isLessThan(ORCHESTRAS);
    } finally {
      sampling.set(false);
      sampler.join();
    }

    System.out.printf(
        "Connection ceiling %d over %d orchestras: at most %d seen in pg_stat_activity,"
            + " at most %d in the budget%n",
        CEILING, ORCHESTRAS, mostSeen.get(), mostInBudget);
    assertThat(samplerFailure.get()).isNull();
    assertThat(mostSeen.get()).isLessThanOrEqualTo(CEILING);
    assertThat(mostInBudget).isLessThanOrEqualTo(CEILING);
    // The ceiling was actually reached, so eviction, not luck, kept the count down.
    assertThat(mostInBudget).isEqualTo(CEILING);
  }
}
