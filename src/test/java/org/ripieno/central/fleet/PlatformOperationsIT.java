package org.ripieno.central.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Fleet migration, the schema report, health and metrics through the running application, on one
 * boot: alpha (active, current, known rows), beta (inactive, one migration behind), gamma (active,
 * one behind) and omega (deleted, one behind: never touched).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOperationsIT {

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private DatabaseLogin omegaDb;
  private String behind;
  private String latest;
  private String alphaAdmin;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.start("platformops", Map.of("RIPIENO_FLEET_WORKERS", "2"));
    ripieno = fixture.ripieno();
    DatabaseLogin central = fixture.central();
    DatabaseLogin alphaDb = fixture.registerOrchestra("orch-alpha", "alpha", "Alpha Sinfonietta");
    DatabaseLogin betaDb = FleetTestDatabases.oneBehind(fixture.postgres(), "beta", "orch-beta");
    DatabaseLogin gammaDb = FleetTestDatabases.oneBehind(fixture.postgres(), "gamma", "orch-gamma");
    omegaDb = FleetTestDatabases.oneBehind(fixture.postgres(), "omega", "orch-omega");
    FleetTestDatabases.register(central, "orch-beta", "beta", "inactive", 2500, betaDb);
    FleetTestDatabases.register(central, "orch-gamma", "gamma", "active", 300, gammaDb);
    FleetTestDatabases.register(central, "orch-omega", "omega", "deleted", 9999, omegaDb);
    fixture.onCentral("update \"Orchestra\" set \"pricePerMonth\" = 1000 where id = 'orch-alpha'");
    behind = FleetTestDatabases.currentVersion(gammaDb);
    latest = FleetTestDatabases.latestVersion(alphaDb.dataSource());
    fixture
        .postgres()
        .execute(
            alphaDb,
            "insert into \"Instrument\" (\"instrumentId\", \"name\") values ('INST001', 'Violin');"
                + " insert into \"Position\" (\"positionId\", \"instrumentId\", \"name\","
                + " \"hierarchyLevel\") values ('POS001', 1, 'Tutti', 1);"
                + " insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\","
                + " \"email\", \"updatedAt\") values ('MUS001', 'Karin', 'Andersson',"
                + " 'karin@example.org', now()), ('MUS002', 'Olle', 'Berg', 'olle@example.org',"
                + " now());"
                + " insert into \"Project\" (\"projectId\", \"name\", \"startDate\","
                + " \"weekNumber\", \"updatedAt\") values ('PROJ001', 'Vårkonsert', now(), 12,"
                + " now());"
                + " insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\","
                + " \"positionId\", \"requestStrategy\") values ('NEED001', 1, 1, 'sequential');"
                + " insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\")"
                + " values ('REQ001', 1, 1);");
    fixture.createUser("alpha-admin", "admin", "orch-alpha", "alpha-admin-password");
    fixture.createUser("alpha-user", "user", "orch-alpha", "alpha-user-password");
    alphaAdmin = fixture.login("alpha-admin", "alpha-admin-password");
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anOrchestraOneMigrationBehindAnswers503UntilTheFleetMigrationHasRun() throws Exception {
    assertThat(behind).isNotEqualTo(latest);
    HttpResponse<String> refused = get("/api/orchestras/gamma/musicians");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(RunningRipieno.json(refused).getString("detail"))
        .contains("gamma")
        .contains("schema version " + behind)
        .contains("behind");
    // Asking again still says 503: the failed opening was not kept as an open orchestra.
    assertThat(get("/api/orchestras/gamma/musicians").statusCode()).isEqualTo(503);
    JsonObject before = RunningRipieno.json(get("/api/platform/schema"));
    assertThat(before.getBoolean("allCurrent")).isFalse();
    assertThat(byId(before, "orchestras").get("orch-gamma").getBoolean("upToDate")).isFalse();

    HttpResponse<String> accepted =
        ripieno.send("POST", "/api/platform/schema/migrate", fixture.superadmin(), null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("/api/platform/schema/migrations/");
    JsonObject run = awaitRun(location);

    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.getInt("total")).isEqualTo(3);
    assertThat(run.getInt("done")).isEqualTo(3);
    assertThat(run.getInt("failed")).isZero();
    assertThat(run.getInt("workers")).isEqualTo(2);
    Map<String, JsonObject> results = byId(run, "orchestras");
    assertThat(results.keySet()).containsExactlyInAnyOrder("orch-alpha", "orch-beta", "orch-gamma");
    assertThat(results.get("orch-alpha").getString("state")).isEqualTo("UP_TO_DATE");
    assertThat(results.get("orch-beta").getString("state")).isEqualTo("MIGRATED");
    assertThat(results.get("orch-gamma").getString("state")).isEqualTo("MIGRATED");
    assertThat(results.get("orch-gamma").getString("fromVersion")).isEqualTo(behind);
    assertThat(results.get("orch-gamma").getString("version")).isEqualTo(latest);

    HttpResponse<String> served = get("/api/orchestras/gamma/musicians");
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);

    JsonObject report = RunningRipieno.json(get("/api/platform/schema"));
    assertThat(report.getBoolean("allCurrent")).isTrue();
    Map<String, JsonObject> orchestras = byId(report, "orchestras");
    assertThat(orchestras.keySet())
        .containsExactlyInAnyOrder("orch-alpha", "orch-beta", "orch-gamma");
    for (JsonObject orchestra : orchestras.values()) {
      assertThat(orchestra.getString("schemaVersion")).as(orchestra.toString()).isEqualTo(latest);
      assertThat(orchestra.getString("expectedVersion")).isEqualTo(latest);
      assertThat(orchestra.getBoolean("upToDate")).isTrue();
      assertThat(orchestra.getBoolean("healthy")).isTrue();
      assertThat(orchestra.getJsonArray("missing")).isEmpty();
    }
    JsonObject centralReport = report.getJsonObject("central");
    assertThat(centralReport.getString("kind")).isEqualTo("central");
    assertThat(centralReport.getBoolean("upToDate")).isTrue();
    assertThat(centralReport.getJsonObject("misplaced")).isEmpty();

    try (Connection connection = fixture.central().connect();
        PreparedStatement query =
            connection.prepareStatement(
                "select \"schemaVersion\", \"lastMigrationResult\", \"lastMigratedAt\""
                    + " from \"Orchestra\" where id = ?")) {
      query.setString(1, "orch-gamma");
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo(latest);
        assertThat(row.getString(2))
            .isEqualTo("migrated: " + behind + " -> " + latest + " (1 migration)");
        assertThat(row.getTimestamp(3)).isNotNull();
      }
      query.setString(1, "orch-omega");
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(2)).isNull();
      }
    }
    assertThat(FleetTestDatabases.currentVersion(omegaDb)).isEqualTo(behind);

    JsonObject gammaHealth =
        byId(RunningRipieno.json(get("/api/platform/health")), "orchestras").get("orch-gamma");
    assertThat(gammaHealth.getJsonObject("lastMigration").getString("result"))
        .startsWith("migrated: ");
    assertThat(gammaHealth.getJsonObject("lastMigration").getString("version")).isEqualTo(latest);

    HttpResponse<String> again =
        ripieno.send("POST", "/api/platform/schema/migrate", fixture.superadmin(), null);
    String againLocation = again.headers().firstValue("Location").orElseThrow();
    assertThat(againLocation).isNotEqualTo(location);
    JsonObject rerun = awaitRun(againLocation);
    assertThat(rerun.getString("status")).isEqualTo("succeeded");
    assertThat(byId(rerun, "orchestras").values())
        .extracting(o -> o.getString("state"))
        .containsOnly("UP_TO_DATE");
    assertThat(get("/api/platform/schema/migrations/no-such-run").statusCode()).isEqualTo(404);
  }

  @Test
  void healthShowsAnOrchestraWithoutItsDatabaseAsUnreachableAndTheOthersAsFine() throws Exception {
    DatabaseLogin nowhere = fixture.postgres().login(fixture.postgres().uniqueName("ghost"));
    FleetTestDatabases.register(fixture.central(), "orch-ghost", "ghost", "active", 100, nowhere);
    try {
      JsonObject health = RunningRipieno.json(get("/api/platform/health"));

      JsonObject central = health.getJsonObject("central");
      assertThat(central.getBoolean("reachable")).isTrue();
      assertThat(central.getBoolean("upToDate")).isTrue();
      assertThat(central.getBoolean("schemaHealthy")).isTrue();
      Map<String, JsonObject> orchestras = byId(health, "orchestras");
      assertThat(orchestras).doesNotContainKey("orch-omega");
      JsonObject ghost = orchestras.get("orch-ghost");
      assertThat(ghost.getBoolean("reachable")).isFalse();
      assertThat(ghost.getBoolean("healthy")).isFalse();
      assertThat(ghost.getString("error")).contains("does not exist");
      assertThat(ghost.getString("database")).endsWith("/" + nowhere.address().database());
      JsonObject alpha = orchestras.get("orch-alpha");
      assertThat(alpha.getBoolean("reachable")).isTrue();
      assertThat(alpha.getBoolean("markerMatches")).isTrue();
      assertThat(alpha.getString("schemaVersion")).isEqualTo(latest);
      assertThat(alpha.getString("expectedVersion")).isEqualTo(latest);
      assertThat(alpha.getBoolean("healthy")).isTrue();
      assertThat(alpha.getString("server")).isEqualTo("default");
      assertThat(health.getJsonObject("summary").getInt("unreachable")).isEqualTo(1);
      assertThat(health.getJsonObject("summary").getInt("orchestras")).isEqualTo(4);

      // Probes use short connections of their own, never the orchestra pools: alpha was never
      // opened for a request in this class, and no probe connection outlives the call.
      assertThat(connectionsNamed("ripieno:o:alpha")).isZero();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (connectionsNamed("ripieno:probe:%") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100); // a closed connection's backend may take a moment to go
      }
      assertThat(connectionsNamed("ripieno:probe:%")).isZero();
    } finally {
      fixture.onCentral("delete from \"Orchestra\" where id = 'orch-ghost'");
    }
  }

  @Test
  void metricsCountEachOrchestrasRowsAndSumTheMonthlyRevenueOfTheActiveOnes() throws Exception {
    JsonObject metrics = RunningRipieno.json(get("/api/platform/metrics"));

    Map<String, JsonObject> orchestras = byId(metrics, "orchestras");
    assertThat(orchestras.keySet())
        .containsExactlyInAnyOrder("orch-alpha", "orch-beta", "orch-gamma");
    JsonObject alpha = orchestras.get("orch-alpha").getJsonObject("counts");
    assertThat(alpha.getInt("musicians")).isEqualTo(2);
    assertThat(alpha.getInt("projects")).isEqualTo(1);
    assertThat(alpha.getInt("requests")).isEqualTo(1);
    assertThat(alpha.getInt("users")).isEqualTo(2);
    JsonObject beta = orchestras.get("orch-beta").getJsonObject("counts");
    assertThat(beta.getInt("musicians")).isZero();
    assertThat(beta.getInt("users")).isZero();
    assertThat(orchestras.get("orch-beta").getInt("pricePerMonth")).isEqualTo(2500);
    JsonObject totals = metrics.getJsonObject("totals");
    assertThat(totals.getInt("orchestras")).isEqualTo(3);
    assertThat(totals.getInt("active")).isEqualTo(2);
    assertThat(totals.getInt("musicians")).isEqualTo(2);
    assertThat(totals.getInt("projects")).isEqualTo(1);
    assertThat(totals.getInt("requests")).isEqualTo(1);
    assertThat(totals.getInt("users")).isEqualTo(2);
    JsonObject revenue = metrics.getJsonObject("revenue");
    // alpha 1000 + gamma 300; beta is inactive and omega deleted.
    assertThat(revenue.getInt("monthly")).isEqualTo(1300);
    assertThat(revenue.getString("currency")).isEqualTo("SEK");
    assertThat(revenue.getInt("activeOrchestras")).isEqualTo(2);
  }

  @Test
  void onlyTheSuperadminMayUseThePlatformOperations() throws Exception {
    String[][] calls = {
      {"GET", "/api/platform/schema"},
      {"POST", "/api/platform/schema/migrate"},
      {"GET", "/api/platform/schema/migrations"},
      {"GET", "/api/platform/schema/migrations/any"},
      {"GET", "/api/platform/health"},
      {"GET", "/api/platform/metrics"}
    };
    for (String[] call : calls) {
      HttpResponse<String> asAdmin = ripieno.send(call[0], call[1], alphaAdmin, null);
      assertThat(asAdmin.statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
      assertThat(asAdmin.body()).doesNotContain("orch-beta");
      HttpResponse<String> anonymous = ripieno.send(call[0], call[1], null, null);
      assertThat(anonymous.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
    }
  }

  /** Connections to this class's databases (other test classes may run an "alpha" too). */
  private long connectionsNamed(String applicationName) throws Exception {
    return fixture
        .postgres()
        .queryLong(
            "select count(*) from pg_stat_activity where application_name like '"
                + applicationName
                + "' and starts_with(datname, '"
                + fixture.postgres().runPrefix()
                + "')");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return ripieno.send("GET", path, fixture.superadmin(), null);
  }

  private JsonObject awaitRun(String location) throws Exception {
    String path = location.substring(location.indexOf("/api/"));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> polled = get(path);
      assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
      JsonObject run = RunningRipieno.json(polled);
      if (!"running".equals(run.getString("status"))) {
        return run;
      }
      assertThat(System.nanoTime()).as("run still going: " + run).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Map<String, JsonObject> byId(JsonObject answer, String listName) {
    return answer.getJsonArray(listName).stream()
        .map(JsonValue::asJsonObject)
        .collect(
            Collectors.toMap(
                o -> o.containsKey("orchestraId") ? o.getString("orchestraId") : o.getString("id"),
                Function.identity()));
  }
}
