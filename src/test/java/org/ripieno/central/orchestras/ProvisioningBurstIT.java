package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * Provisioning under a burst, on an application of its own with a small central pool (4) and three
 * provisioning workers: orchestras created as fast as one client can all become active, and a
 * provisioning that fails for a transient cause, or is left requested, finishes by itself.
 *
 * <p>The orchestra server's maintenance database is one of this test's own, so that the template's
 * advisory lock it takes, and the sessions it terminates, are this application's alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningBurstIT {

  private static final int BURST = 300;

  private final TestPostgres maintenanceServer = new TestPostgres();
  private DatabaseLogin maintenance;
  private PlatformFixture platform;
  private RunningRipieno ripieno;

  @BeforeAll
  void start() throws Exception {
    maintenance = maintenanceServer.createEmpty("burstserver");
    platform =
        PlatformFixture.start(
            "provisioningburst",
            Map.of(
                "RIPIENO_CENTRAL_POOL_SIZE", "4",
                "RIPIENO_PROVISIONING_WORKERS", "3",
                "RIPIENO_PROVISIONING_RETRY_DELAY", "PT1S",
                "RIPIENO_PROVISIONING_RESUME_EVERY", "PT2S",
                // Spares as configured by default (1): the burst claims what the background pass
                // makes, and clones the rest. A claim takes the template's shared lock as a clone
                // does, so the failure injected below holds either at that lock.
                "RIPIENO_ORCHESTRA_SERVER_URL", maintenance.address().jdbcUrl(),
                "RIPIENO_ORCHESTRA_SERVER_USER", maintenance.user()));
    ripieno = platform.ripieno();
  }

  @AfterAll
  void stop() throws Exception {
    List<String> prefixes = new ArrayList<>();
    try {
      if (platform != null) {
        prefixes.add(platform.postgres().runPrefix());
        dropOrchestraDatabasesAtOnce(platform.postgres().runPrefix());
        platform.close();
      }
    } finally {
      prefixes.add(maintenanceServer.runPrefix());
      maintenanceServer.close();
    }
    for (String prefix : prefixes) {
      assertThat(
              maintenanceServer.queryLong(
                  "SELECT count(*) FROM pg_database WHERE starts_with(datname, '" + prefix + "')"))
          .as("databases left behind under " + prefix)
          .isZero();
    }
  }

  @Test
  void threeHundredOrchestrasCreatedAsFastAsOneClientCanAllBecomeActive() throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    List<Long> answerMillis = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < BURST; i++) {
      long sent = System.nanoTime();
      HttpResponse<String> created = create("burst-" + i);
      answerMillis.add((System.nanoTime() - sent) / 1_000_000);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      ids.add(RunningRipieno.json(created).getJsonObject("orchestra").getString("id"));
    }
    long createdMillis = (System.nanoTime() - started) / 1_000_000;
    long pendingWhenCreated = notYetActive();

    awaitNewestSettled();
    long settledMillis = (System.nanoTime() - started) / 1_000_000;
    Map<String, Long> states = awaitAllSettled(ids);

    answerMillis.sort(null);
    System.out.printf(
        "Burst of %d: POSTs done in %d ms (202 median %d ms, slowest %d ms; %d not yet active"
            + " then), all provisioned %d ms after the first POST%n",
        BURST,
        createdMillis,
        answerMillis.get(BURST / 2),
        answerMillis.get(BURST - 1),
        pendingWhenCreated,
        settledMillis);
    assertThat(states).containsExactly(Map.entry("ACTIVE", (long) BURST));
    assertThat(answerMillis.get(BURST - 1))
        .as("the slowest 202: the create call queues provisioning, never waits for it")
        .isLessThan(5_000);
  }

  @Nested
  class ResolvedWithoutAnOperator {

    /**
     * The injected failure: while the provisioning waits for the template's lock (held here), its
     * session on the server is terminated, as a restarting server or a dropped connection would.
     */
    @Test
    void aProvisioningWhoseConnectionIsTerminatedResumesByItselfToActive() throws Exception {
      String id;
      try (Connection builder = maintenance.connect()) {
        ProvisioningFixture.templateLock(builder, "pg_advisory_lock");
        id = RunningRipieno.json(create("flaky")).getJsonObject("orchestra").getString("id");
        int terminated = ProvisioningFixture.awaitSessionsBlockedBy(builder, true);
        ProvisioningFixture.templateLock(builder, "pg_advisory_unlock");
        assertThat(terminated).isEqualTo(1);
      }

      JsonObject orchestra = awaitState(id, "ACTIVE", Duration.ofSeconds(30));

      assertThat(orchestra.getString("status")).isEqualTo("active");
      assertThat(orchestra.getInt("provisioningAttempts")).isEqualTo(1);
      assertThat(orchestra.get("provisioningRetryAt")).isIn(null, JsonValue.NULL);
      assertThat(systemLog(id))
          .anySatisfy(
              message ->
                  assertThat(message)
                      .startsWith("Provisioning stopped at DATABASE_CREATED (failed run 1 of")
                      .contains("resumed by the platform"))
          .contains("Orchestra provisioned and active");
    }

    @Test
    void anOrchestraLeftRequestedIsProvisionedByTheResumingPass() throws Exception {
      String id = ProvisioningFixture.request(platform.central(), "lost-task", "Lost Task");

      JsonObject orchestra = awaitState(id, "ACTIVE", Duration.ofSeconds(30));

      assertThat(orchestra.getString("status")).isEqualTo("active");
      assertThat(orchestra.getInt("provisioningAttempts")).isZero();
    }

    @Test
    void aPermanentFailureStaysFailedForAnOperator() throws Exception {
      String id = ProvisioningFixture.request(platform.central(), "no-first-admin", "No Admin");
      platform.onCentral("DELETE FROM \"User\" WHERE \"orchestraId\" = '" + id + "'");

      awaitState(id, "FAILED", Duration.ofSeconds(30));
      Thread.sleep(5_000); // two resuming passes

      JsonObject orchestra = get(id);
      assertThat(orchestra.getString("provisioningState")).isEqualTo("FAILED");
      assertThat(orchestra.getString("provisioningFailedStep")).isEqualTo("ADMIN_ACTIVATED");
      assertThat(orchestra.getInt("provisioningAttempts")).isEqualTo(1);
      assertThat(orchestra.get("provisioningRetryAt")).isIn(null, JsonValue.NULL);
    }
  }

  private HttpResponse<String> create(String subdomain) throws Exception {
    return ripieno.send(
        "POST",
        "/api/platform/orchestras",
        platform.superadmin(),
        ProvisioningFixture.creation(subdomain));
  }

  private JsonObject get(String id) throws Exception {
    HttpResponse<String> answer =
        ripieno.send("GET", "/api/platform/orchestras/" + id, platform.superadmin(), null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  /** The whole list, in pages of 50. */
  private List<JsonObject> list() throws Exception {
    List<JsonObject> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonObject answer = listPage(page, 50);
      answer.getJsonArray("items").forEach(item -> all.add(item.asJsonObject()));
      if (all.size() >= answer.getInt("total") || answer.getJsonArray("items").isEmpty()) {
        return all;
      }
    }
  }

  private JsonObject listPage(int page, int size) throws Exception {
    HttpResponse<String> answer =
        ripieno.send(
            "GET",
            "/api/platform/orchestras?page=" + page + "&size=" + size,
            platform.superadmin(),
            null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  /**
   * Polls the newest page until none of it is still being provisioned: workers take orchestras in
   * the order they were created, so the newest settle last.
   */
  private void awaitNewestSettled() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      JsonObject newest = listPage(1, 10);
      boolean settled =
          newest.getJsonArray("items").stream()
              .map(JsonValue::asJsonObject)
              .map(o -> o.getString("provisioningState"))
              .allMatch(state -> state.equals("ACTIVE") || state.equals("FAILED"));
      if (settled) {
        return;
      }
      assertThat(System.nanoTime())
          .as("the newest orchestras still provisioning")
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /**
   * How many of the given orchestras the whole list shows in each provisioning state, once none is
   * still being provisioned (nor waiting for a resume).
   */
  private Map<String, Long> awaitAllSettled(Set<String> ids) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, Long> states = statesOf(ids);
    while (states.keySet().stream().anyMatch(state -> !state.equals("ACTIVE"))
        && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      states = statesOf(ids);
    }
    return states;
  }

  /** How many of the given orchestras the list shows in each provisioning state. */
  private Map<String, Long> statesOf(Set<String> ids) throws Exception {
    Map<String, Long> states = new HashMap<>();
    for (JsonObject orchestra : list()) {
      if (ids.contains(orchestra.getString("id"))) {
        states.merge(orchestra.getString("provisioningState"), 1L, Long::sum);
      }
    }
    return states;
  }

  /** Read in central, for the report only: a list call counting 300 orchestras takes longer. */
  private long notYetActive() throws SQLException {
    try (Connection central = platform.central().connect();
        Statement statement = central.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM \"Orchestra\" WHERE \"provisioningState\" <> 'ACTIVE'")) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * A dropped database costs PostgreSQL a checkpoint; dropped side by side, they share them, so the
   * three hundred go in seconds rather than minutes.
   */
  private void dropOrchestraDatabasesAtOnce(String prefix) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection server = maintenanceServer.server().connect();
        PreparedStatement query =
            server.prepareStatement(
                "SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
      query.setString(1, prefix + "orchestra_");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    long started = System.nanoTime();
    ExecutorService droppers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> drops = new ArrayList<>();
      for (String name : names) {
        drops.add(
            droppers.submit(
                () -> {
                  OrchestraDatabases.drop(maintenanceServer.server(), name);
                  return null;
                }));
      }
      for (Future<?> drop : drops) {
        drop.get();
      }
    } finally {
      droppers.shutdown();
    }
    System.out.printf(
        "Dropped %d orchestra databases in %d ms%n",
        names.size(), (System.nanoTime() - started) / 1_000_000);
  }

  private JsonObject awaitState(String id, String state, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonObject orchestra = get(id);
    while (!state.equals(orchestra.getString("provisioningState"))) {
      assertThat(System.nanoTime()).as("still " + orchestra).isLessThan(deadline);
      Thread.sleep(100);
      orchestra = get(id);
    }
    return orchestra;
  }

  private List<String> systemLog(String orchestraId) throws SQLException {
    List<String> messages = new ArrayList<>();
    try (Connection central = platform.central().connect();
        PreparedStatement query =
            central.prepareStatement(
                "SELECT message FROM \"SystemLog\" WHERE \"orchestraId\" = ?"
                    + " AND category = 'provisioning' ORDER BY \"timestamp\"")) {
      query.setString(1, orchestraId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          messages.add(rows.getString(1));
        }
      }
    }
    return messages;
  }
}
