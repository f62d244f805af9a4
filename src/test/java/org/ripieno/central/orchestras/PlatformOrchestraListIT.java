package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * The superadmin's orchestra list with many active orchestras, created and provisioned through the
 * application: a page is answered from central alone, however many active orchestras it holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOrchestraListIT {

  private static final int ORCHESTRAS = 60;

  private PlatformFixture platform;
  private RunningRipieno ripieno;
  private final List<String> ids = new ArrayList<>();
  private List<String> databases = List.of();

  @BeforeAll
  void createManyActiveOrchestras() throws Exception {
    platform = PlatformFixture.shared();
    ripieno = platform.ripieno();
    long started = System.nanoTime();
    for (int i = 0; i < ORCHESTRAS; i++) {
      String subdomain = "roster-" + i;
      HttpResponse<String> created =
          ripieno.send(
              "POST",
              "/api/platform/orchestras",
              platform.superadmin(),
              ProvisioningFixture.creation(subdomain));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      ids.add(RunningRipieno.json(created).getJsonObject("orchestra").getString("id"));
    }
    awaitAllActive(Duration.ofSeconds(300));
    System.out.printf(
        "%d orchestras created and active in %d ms%n",
        ORCHESTRAS, (System.nanoTime() - started) / 1_000_000);
    databases =
        ids.stream()
            .map(id -> text("SELECT \"databaseName\" FROM \"Orchestra\" WHERE id = '" + id + "'"))
            .toList();
  }

  /** The rows stay in central as removed orchestras' rows do; their databases are dropped. */
  @AfterAll
  void removeThem() throws Exception {
    if (ids.isEmpty()) {
      return;
    }
    String listed = quoted(ids);
    platform.onCentral(
        "UPDATE \"User\" SET active = false WHERE \"orchestraId\" IN (" + listed + ")");
    platform.onCentral("UPDATE \"Orchestra\" SET status = 'deleted' WHERE id IN (" + listed + ")");
    for (String database : databases) {
      postgres().execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    }
  }

  @Nested
  class APageOfTheList {

    @Test
    void opensNoOrchestraDatabase() throws Exception {
      Thread.sleep(1_000); // sessions of the provisioning have ended and reported
      long before = sessionsOfTheirDatabases();

      JsonObject page = timedList("a page of 500");

      assertThat(mine(page)).hasSize(ORCHESTRAS);
      Thread.sleep(1_000); // a probe's session reports when it ends
      assertThat(sessionsOfTheirDatabases())
          .as("sessions opened on the listed orchestras' databases")
          .isEqualTo(before);
    }

    @Test
    void answersWhileEveryListedDatabaseRefusesConnections() throws Exception {
      try {
        forEachDatabase("ALTER DATABASE \"%s\" WITH ALLOW_CONNECTIONS false");

        JsonObject page = timedList("a page of 500, their databases refusing connections");

        Map<String, JsonObject> mine = mine(page);
        assertThat(mine).hasSize(ORCHESTRAS);
        for (JsonObject orchestra : mine.values()) {
          assertThat(orchestra.getString("status")).isEqualTo("active");
          assertThat(orchestra.getString("provisioningState")).isEqualTo("ACTIVE");
          assertThat(orchestra.getString("schemaVersion"))
              .isEqualTo(
                  Migrations.latestVersion(
                      platform.central().dataSource(), DatabaseKind.ORCHESTRA));
          assertThat(orchestra.getString("databaseName")).isNotBlank();
          assertThat(orchestra.containsKey("counts")).isFalse();
        }
      } finally {
        forEachDatabase("ALTER DATABASE \"%s\" WITH ALLOW_CONNECTIONS true");
      }
    }
  }

  @Nested
  class TheDetailOfOneOrchestra {

    @Test
    void stillCountsItsMusiciansAndProjects() throws Exception {
      HttpResponse<String> answer =
          ripieno.send(
              "GET", "/api/platform/orchestras/" + ids.get(0), platform.superadmin(), null);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonObject counts = RunningRipieno.json(answer).getJsonObject("counts");
      assertThat(counts.getInt("musicians")).isZero();
      assertThat(counts.getInt("projects")).isZero();
    }
  }

  /** The page of 500 newest, timed: a warm-up, then the best of three. */
  private JsonObject timedList(String what) throws Exception {
    list();
    long best = Long.MAX_VALUE;
    JsonObject page = null;
    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      page = list();
      best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
    }
    System.out.printf(
        "%s holding %d active orchestras of this test: %d ms%n", what, ORCHESTRAS, best);
    return page;
  }

  private JsonObject list() throws Exception {
    HttpResponse<String> answer =
        ripieno.send("GET", "/api/platform/orchestras?size=500", platform.superadmin(), null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  /** This test's orchestras in the page, by id. */
  private Map<String, JsonObject> mine(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(orchestra -> ids.contains(orchestra.getString("id")))
        .collect(Collectors.toMap(orchestra -> orchestra.getString("id"), Function.identity()));
  }

  /** Sessions ever established on this test's orchestra databases (PostgreSQL's statistics). */
  private long sessionsOfTheirDatabases() throws Exception {
    return postgres()
        .queryLong(
            "SELECT coalesce(sum(sessions), 0) FROM pg_stat_database WHERE datname IN ("
                + quoted(databases)
                + ")");
  }

  private void awaitAllActive(Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    String listed = quoted(ids);
    while (true) {
      long active =
          postgres()
              .queryLong(
                  platform.central(),
                  "SELECT count(*) FROM \"Orchestra\" WHERE \"provisioningState\" = 'ACTIVE'"
                      + " AND id IN ("
                      + listed
                      + ")");
      if (active == ids.size()) {
        return;
      }
      assertThat(System.nanoTime()).as("%d of %d active", active, ids.size()).isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private void forEachDatabase(String statement) throws Exception {
    for (String database : databases) {
      postgres().execute(String.format(statement, database));
    }
  }

  private String text(String sql) {
    try (Connection connection = platform.central().connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private TestPostgres postgres() {
    return platform.postgres();
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }
}
