package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * The superadmin's orchestra lifecycle over HTTP, on the real application with two database
 * servers: the test server and an embedded PostgreSQL started here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOrchestrasIT {

  private EmbeddedPostgres secondServer;
  private DatabaseLogin second;
  private PlatformFixture platform;
  private RunningRipieno ripieno;

  @BeforeAll
  void start() throws Exception {
    secondServer =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of("target/it-data/second-server"))
            .setCleanDataDirectory(true)
            .start();
    second =
        new DatabaseLogin(
            new DatabaseAddress("localhost", secondServer.getPort(), "postgres"),
            "postgres",
            null,
            "ripieno-test");
    platform =
        PlatformFixture.start(
            "platformorchestras",
            Map.of(
                "RIPIENO_ORCHESTRA_SERVERS_SECOND_URL",
                second.address().jdbcUrl(),
                "RIPIENO_ORCHESTRA_SERVERS_SECOND_USER",
                "postgres",
                "RIPIENO_DEMO",
                "true"));
    ripieno = platform.ripieno();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      if (secondServer != null) {
        secondServer.close();
      }
    }
  }

  @Test
  void aCreatedOrchestraBecomesActiveAndItsAdminWorksAfterChangingThePassword() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> created = create("Göteborgs Kammarorkester", "gko", null);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonObject answer = RunningRipieno.json(created);
    String id = answer.getJsonObject("orchestra").getString("id");
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).endsWith("/api/platform/orchestras/" + id));
    assertThat(answer.getJsonObject("admin").getString("username")).isEqualTo("gko-admin");
    String password = answer.getJsonObject("admin").getString("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);

    JsonObject orchestra = awaitActive(id);
    System.out.printf(
        "gko: 202 to ACTIVE seen by polling in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(orchestra.getString("status")).isEqualTo("active");
    assertThat(orchestra.getString("schemaVersion"))
        .isEqualTo(
            Migrations.latestVersion(platform.central().dataSource(), DatabaseKind.ORCHESTRA));
    assertThat(orchestra.getJsonObject("counts").getInt("musicians")).isZero();
    assertThat(orchestra.getJsonObject("counts").getInt("projects")).isZero();
    assertThat(orchestra.toString()).doesNotContain(password);

    try (Connection database = orchestraDatabase(orchestra).connect()) {
      assertThat(count(database, "Instrument")).isEqualTo(14);
      assertThat(count(database, "Position")).isEqualTo(43);
      assertThat(count(database, "RankingList")).isEqualTo(129);
      assertThat(count(database, "EmailTemplate")).isEqualTo(8);
      assertThat(count(database, "IdSequence")).isEqualTo(13);
      assertThat(ProvisionedSeed.problems(database, "Göteborgs Kammarorkester")).isEmpty();
    }

    String token = platform.login("gko-admin", password);
    HttpResponse<String> beforeChange =
        ripieno.send("GET", "/api/orchestras/gko/musicians", token, null);
    assertThat(beforeChange.statusCode()).isEqualTo(403);
    HttpResponse<String> change =
        ripieno.send(
            "PUT",
            "/api/auth/password",
            token,
            "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"a-new-secret-2027\"}");
    assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
    token = platform.login("gko-admin", "a-new-secret-2027");

    HttpResponse<String> positions =
        ripieno.send("GET", "/api/orchestras/gko/positions", token, null);
    int positionId =
        jakarta.json.Json.createReader(new java.io.StringReader(positions.body()))
            .readArray()
            .getJsonObject(0)
            .getInt("id");
    HttpResponse<String> musician =
        ripieno.send(
            "POST",
            "/api/orchestras/gko/musicians",
            token,
            "{\"firstName\":\"Ingrid\",\"lastName\":\"Holm\",\"email\":\"ingrid@example.org\","
                + "\"qualificationIds\":["
                + positionId
                + "]}");
    assertThat(musician.statusCode()).as(musician.body()).isEqualTo(201);
    assertThat(RunningRipieno.json(musician).getString("musicianId")).isEqualTo("MUS001");
    HttpResponse<String> project =
        ripieno.send(
            "POST",
            "/api/orchestras/gko/projects",
            token,
            "{\"name\":\"Vårkonsert\",\"startDate\":\"2027-04-12\"}");
    assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
    int projectId = RunningRipieno.json(project).getInt("id");
    HttpResponse<String> customList =
        ripieno.send(
            "POST",
            "/api/orchestras/gko/projects/" + projectId + "/custom-lists",
            token,
            "{\"positionId\":"
                + positionId
                + ",\"musicianIds\":["
                + RunningRipieno.json(musician).getInt("id")
                + "]}");
    assertThat(customList.statusCode()).as(customList.body()).isEqualTo(201);

    JsonObject counted = get(id);
    assertThat(counted.getJsonObject("counts").getInt("musicians")).isEqualTo(1);
    assertThat(counted.getJsonObject("counts").getInt("projects")).isEqualTo(1);
  }

  @Test
  void orchestrasAreSpreadOverBothServersAndEachIsServedFromItsOwn() throws Exception {
    List<String> ids =
        List.of("spread-a", "spread-b", "spread-c", "spread-d").stream()
            .map(sub -> idOf(create("Orkester " + sub, sub, null)))
            .toList();
    for (String id : ids) {
      JsonObject orchestra = awaitActive(id);
      DatabaseLogin own = serverOf(orchestra);
      DatabaseLogin other = own == second ? platform.postgres().server() : second;
      String database = orchestra.getString("databaseName");
      assertThat(databaseExists(own, database)).as(database).isTrue();
      assertThat(databaseExists(other, database)).as(database).isFalse();
      HttpResponse<String> instruments =
          ripieno.send(
              "GET",
              "/api/orchestras/" + orchestra.getString("subdomain") + "/instruments",
              platform.superadmin(),
              null);
      assertThat(instruments.statusCode()).as(instruments.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(instruments).getInt("total")).isEqualTo(14);
    }
    // Each went to the server with the fewest: however many the other tests made before, the
    // servers now differ by at most one orchestra.
    Map<String, Integer> perServer = new HashMap<>();
    JsonArray all =
        RunningRipieno.json(
                ripieno.send(
                    "GET", "/api/platform/orchestras?size=500", platform.superadmin(), null))
            .getJsonArray("items");
    for (JsonObject orchestra : all.getValuesAs(JsonObject.class)) {
      perServer.merge(orchestra.getString("server"), 1, Integer::sum);
    }
    assertThat(perServer.keySet()).containsExactlyInAnyOrder("default", "second");
    assertThat(Math.abs(perServer.get("default") - perServer.get("second")))
        .as(perServer.toString())
        .isLessThanOrEqualTo(1);
    String named = idOf(create("Orkester named", "named-second", "second"));
    assertThat(awaitActive(named).getString("server")).isEqualTo("second");
  }

  @Test
  void configurationSecretsAreStoredEncryptedAndAnsweredMasked() throws Exception {
    String id = idOf(create("Konfigorkestern", "config-orch", null));
    awaitActive(id);

    HttpResponse<String> changed =
        ripieno.send(
            "PUT",
            "/api/platform/orchestras/" + id + "/config",
            platform.superadmin(),
            "{\"email\":{\"smtpHost\":\"smtp.example.org\",\"smtpPort\":587,"
                + "\"smtpUser\":\"mailer\",\"smtpPassword\":\"smtp-secret-9876\","
                + "\"fromAddress\":\"noreply@example.org\"},"
                + "\"sms\":{\"authToken\":\"twilio-token-5555\",\"onReminder\":true},"
                + "\"features\":{\"enableGroupEmail\":true},"
                + "\"branding\":{\"primaryColor\":\"#112233\"},"
                + "\"integration\":{\"apiKey\":\"generate\",\"webhookUrl\":\"https://hooks.example.org/r\","
                + "\"webhookSecret\":\"hook-secret-4321\"}}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    JsonObject answer = RunningRipieno.json(changed);
    String apiKey = answer.getJsonObject("integration").getString("generatedApiKey");
    assertThat(apiKey).startsWith("sk_config-orch_");

    JsonObject config =
        RunningRipieno.json(
            ripieno.send(
                "GET", "/api/platform/orchestras/" + id + "/config", platform.superadmin(), null));
    assertThat(config.getJsonObject("email").getString("smtpPassword")).isEqualTo("***9876");
    assertThat(config.getJsonObject("sms").getString("authToken")).isEqualTo("***5555");
    assertThat(config.getJsonObject("integration").getString("webhookSecret")).isEqualTo("***4321");
    assertThat(config.getJsonObject("integration").getString("apiKey"))
        .isEqualTo("***" + apiKey.substring(apiKey.length() - 4));
    assertThat(config.getJsonObject("integration")).doesNotContainKey("generatedApiKey");
    assertThat(config.getJsonObject("email").getString("smtpHost")).isEqualTo("smtp.example.org");
    assertThat(config.getJsonObject("features").getBoolean("enableGroupEmail")).isTrue();
    assertThat(config.toString())
        .doesNotContain("smtp-secret-9876", "twilio-token-5555", "hook-secret-4321", apiKey);

    Map<String, String> stored =
        row(
            "SELECT \"smtpPassword\", \"twilioAuthToken\", \"webhookSecret\", \"apiKey\""
                + " FROM \"Orchestra\" WHERE id = '"
                + id
                + "'");
    assertThat(stored.get("smtpPassword")).startsWith("enc:v1").doesNotContain("smtp-secret");
    assertThat(stored.get("twilioAuthToken")).startsWith("enc:v1").doesNotContain("twilio");
    assertThat(stored.get("webhookSecret")).startsWith("enc:v1").doesNotContain("hook-secret");
    assertThat(stored.get("apiKey")).startsWith("sha256:").doesNotContain(apiKey);

    // A masked value sent back leaves the secret as it is.
    ripieno.send(
        "PUT",
        "/api/platform/orchestras/" + id + "/config",
        platform.superadmin(),
        "{\"email\":{\"smtpPassword\":\"***9876\"}}");
    assertThat(row("SELECT \"smtpPassword\" FROM \"Orchestra\" WHERE id = '" + id + "'"))
        .containsEntry("smtpPassword", stored.get("smtpPassword"));

    HttpResponse<String> badColour =
        ripieno.send(
            "PUT",
            "/api/platform/orchestras/" + id + "/config",
            platform.superadmin(),
            "{\"branding\":{\"primaryColor\":\"red\"},\"email\":{\"smtpHost\":\"changed\"}}");
    assertThat(badColour.statusCode()).isEqualTo(400);
    assertThat(badColour.body()).contains("#RRGGBB");
    assertThat(row("SELECT \"smtpHost\" FROM \"Orchestra\" WHERE id = '" + id + "'"))
        .containsEntry("smtpHost", "smtp.example.org");
  }

  @Test
  void suspendingAnOrchestraAnswers403UntilItIsActiveAgain() throws Exception {
    HttpResponse<String> created = create("Pausorkestern", "paused-orch", null);
    String id = idOf(created);
    String password = RunningRipieno.json(created).getJsonObject("admin").getString("password");
    awaitActive(id);
    String token = platform.login("paused-orch-admin", password);
    ripieno.send(
        "PUT",
        "/api/auth/password",
        token,
        "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"paused-secret-2027\"}");
    String admin = platform.login("paused-orch-admin", "paused-secret-2027");
    assertThat(
            ripieno.send("GET", "/api/orchestras/paused-orch/musicians", admin, null).statusCode())
        .isEqualTo(200);

    HttpResponse<String> suspended = status(id, "suspended");
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    HttpResponse<String> refused =
        ripieno.send("GET", "/api/orchestras/paused-orch/musicians", admin, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(RunningRipieno.json(refused).getString("detail")).contains("suspended");
    HttpResponse<String> swedish =
        ripieno.send(
            "GET", "/api/orchestras/paused-orch/musicians", admin, null, "Accept-Language", "sv");
    assertThat(RunningRipieno.json(swedish).getString("detail")).contains("aktiv igen");

    assertThat(status(id, "active").statusCode()).isEqualTo(200);
    assertThat(
            ripieno.send("GET", "/api/orchestras/paused-orch/musicians", admin, null).statusCode())
        .isEqualTo(200);
    assertThat(status(id, "deleted").statusCode()).isEqualTo(400);
  }

  @Test
  void invalidCreationsAreRefusedAndCreateNothing() throws Exception {
    idOf(create("Första", "taken-sub", null));
    long before = orchestraRows();

    assertProblem(create("Reserverad", "admin", null), 400, "reserved");
    assertProblem(create("Versaler", "Gbg", null), 400, "2 to 40");
    assertProblem(create("Upptagen", "taken-sub", null), 409, "taken");
    assertProblem(create("Okänd server", "unknown-server", "third"), 400, "no database server");
    assertProblem(
        ripieno.send(
            "POST",
            "/api/platform/orchestras",
            platform.superadmin(),
            "{\"subdomain\":\"no-name\",\"contactName\":\"C\",\"contactEmail\":\"c@example.org\"}"),
        400,
        "name");
    assertProblem(
        ripieno.send(
            "POST",
            "/api/platform/orchestras",
            platform.superadmin(),
            "{\"name\":\"X\",\"subdomain\":\"bad-email\",\"contactName\":\"C\","
                + "\"contactEmail\":\"not-an-address\"}"),
        400,
        "email");

    assertThat(orchestraRows()).isEqualTo(before);
  }

  @Test
  void finishingARemovalThatStoppedBeforeItsExportExportsBeforeDropping() throws Exception {
    HttpResponse<String> created = create("Halvborttagna orkestern", "half-removed", null);
    String id = idOf(created);
    JsonObject orchestra = awaitActive(id);
    String database = orchestra.getString("databaseName");
    DatabaseLogin server = serverOf(orchestra);
    // A removal that marked the row removed and then stopped, before its export.
    platform.onCentral("update \"Orchestra\" set status = 'deleted' where id = '" + id + "'");

    HttpResponse<String> finished =
        ripieno.send(
            "DELETE",
            "/api/platform/orchestras/" + id + "?confirm=half-removed",
            platform.superadmin(),
            null);

    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
    JsonObject export = RunningRipieno.json(finished).getJsonObject("export");
    assertThat(Path.of(export.getString("location"))).exists();
    assertThat(export.getJsonObject("rows").getInt("Instrument")).isEqualTo(14);
    assertThat(databaseExists(server, database)).isFalse();
  }

  @Test
  void removingAnOrchestraExportsItDropsItsDatabaseAndKeepsTheRowAsDeleted() throws Exception {
    HttpResponse<String> created = create("Avvecklingsorkestern", "removed-orch", null);
    String id = idOf(created);
    String password = RunningRipieno.json(created).getJsonObject("admin").getString("password");
    JsonObject orchestra = awaitActive(id);
    String database = orchestra.getString("databaseName");
    DatabaseLogin server = serverOf(orchestra);

    HttpResponse<String> unconfirmed =
        ripieno.send("DELETE", "/api/platform/orchestras/" + id, platform.superadmin(), null);
    assertProblem(unconfirmed, 400, "confirm=removed-orch");
    HttpResponse<String> wrong =
        ripieno.send(
            "DELETE",
            "/api/platform/orchestras/" + id + "?confirm=other",
            platform.superadmin(),
            null);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(databaseExists(server, database)).isTrue();
    assertThat(get(id).getString("status")).isEqualTo("active");

    HttpResponse<String> removed =
        ripieno.send(
            "DELETE",
            "/api/platform/orchestras/" + id + "?confirm=removed-orch",
            platform.superadmin(),
            null);

    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    JsonObject answer = RunningRipieno.json(removed);
    assertThat(answer.getJsonObject("orchestra").getString("status")).isEqualTo("deleted");
    Path export = Path.of(answer.getJsonObject("export").getString("location"));
    assertThat(export).exists();
    assertThat(answer.getJsonObject("export").getJsonObject("rows").getInt("Instrument"))
        .isEqualTo(14);
    assertThat(databaseExists(server, database)).isFalse();
    assertThat(
            ripieno
                .send(
                    "GET", "/api/orchestras/removed-orch/instruments", platform.superadmin(), null)
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> login =
        ripieno.send(
            "POST",
            "/api/auth/login",
            null,
            "{\"username\":\"removed-orch-admin\",\"password\":\"" + password + "\"}");
    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(
            ripieno
                .send(
                    "DELETE",
                    "/api/platform/orchestras/" + id + "?confirm=removed-orch",
                    platform.superadmin(),
                    null)
                .statusCode())
        .isEqualTo(409);

    // The export brings it back under its subdomain, with a new database.
    var report =
        new org.ripieno.datasafety.archive.OrchestraImport(platform.central())
            .importAs(
                export,
                "removed-orch",
                new org.ripieno.datasafety.archive.OrchestraImport.Destination(
                    "default", platform.postgres().server(), platform.postgres().runPrefix()),
                false);
    assertThat(report).isNotNull();
    JsonObject back = get(id);
    assertThat(back.getString("status")).isNotEqualTo("deleted");
    HttpResponse<String> instruments =
        ripieno.send(
            "GET", "/api/orchestras/removed-orch/instruments", platform.superadmin(), null);
    assertThat(instruments.statusCode()).as(instruments.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(instruments).getInt("total")).isEqualTo(14);
  }

  @Test
  void onlyTheSuperadminManagesOrchestras() throws Exception {
    HttpResponse<String> created = create("Behörighet", "rights-orch", null);
    String id = idOf(created);
    awaitActive(id);
    String password = RunningRipieno.json(created).getJsonObject("admin").getString("password");
    String admin = platform.login("rights-orch-admin", password);

    assertThat(ripieno.send("GET", "/api/platform/orchestras", null, null).statusCode())
        .isEqualTo(401);
    assertThat(ripieno.send("GET", "/api/platform/orchestras", admin, null).statusCode())
        .isEqualTo(403);
    assertThat(
            ripieno
                .send("PATCH", "/api/platform/orchestras/" + id, admin, "{\"status\":\"active\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theDemoOrchestraHasMusiciansFilledRankingListsAndAnUpcomingProject() throws Exception {
    JsonObject demo = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (demo == null || !demoFilled()) {
      assertThat(System.nanoTime()).as("demo not ready: " + demo).isLessThan(deadline);
      Thread.sleep(200);
      demo = demoOrchestra();
    }
    assertThat(demo.getString("status")).isEqualTo("active");
    List<String> file =
        java.nio.file.Files.readAllLines(
            Path.of("target/it-data/platformorchestras/demo-admin-password.txt"));
    assertThat(file.get(0)).isEqualTo("demo-admin");
    String token = platform.login("demo-admin", file.get(1));
    ripieno.send(
        "PUT",
        "/api/auth/password",
        token,
        "{\"currentPassword\":\"" + file.get(1) + "\",\"newPassword\":\"demo-secret-2027\"}");
    token = platform.login("demo-admin", "demo-secret-2027");

    JsonObject musicians =
        RunningRipieno.json(ripieno.send("GET", "/api/orchestras/demo/musicians", token, null));
    assertThat(musicians.getInt("total")).isEqualTo(40);
    JsonObject projects =
        RunningRipieno.json(ripieno.send("GET", "/api/orchestras/demo/projects", token, null));
    assertThat(projects.getInt("total")).isEqualTo(1);
    String startDate = projects.getJsonArray("items").getJsonObject(0).getString("startDate");
    assertThat(java.time.Instant.parse(startDate)).isAfter(java.time.Instant.now());
    try (Connection database = orchestraDatabase(demo).connect()) {
      assertThat(count(database, "Ranking")).isGreaterThanOrEqualTo(40);
      assertThat(count(database, "MusicianQualification")).isEqualTo(40);
    }
  }

  private JsonObject demoOrchestra() throws Exception {
    JsonArray all =
        RunningRipieno.json(
                ripieno.send(
                    "GET", "/api/platform/orchestras?size=500", platform.superadmin(), null))
            .getJsonArray("items");
    return all.getValuesAs(JsonObject.class).stream()
        .filter(o -> "demo".equals(o.getString("subdomain")))
        .findFirst()
        .orElse(null);
  }

  /** Counted in the detail: the list reads central alone. */
  private boolean demoFilled() throws Exception {
    JsonObject listed = demoOrchestra();
    if (listed == null) {
      return false;
    }
    JsonObject demo = get(listed.getString("id"));
    return demo.containsKey("counts") && demo.getJsonObject("counts").getInt("projects") == 1;
  }

  private HttpResponse<String> create(String name, String subdomain, String server) {
    try {
      return ripieno.send(
          "POST",
          "/api/platform/orchestras",
          platform.superadmin(),
          "{\"name\":\""
              + name
              + "\",\"subdomain\":\""
              + subdomain
              + "\",\"contactName\":\"Kontakt\",\"contactEmail\":\""
              + subdomain
              + "@example.org\""
              + (server == null ? "" : ",\"server\":\"" + server + "\"")
              + "}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> status(String id, String status) throws Exception {
    return ripieno.send(
        "PATCH",
        "/api/platform/orchestras/" + id,
        platform.superadmin(),
        "{\"status\":\"" + status + "\"}");
  }

  private static String idOf(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return RunningRipieno.json(created).getJsonObject("orchestra").getString("id");
  }

  @Test
  void aNewOrchestraTakesItsServersSpareDatabaseAndTheApplicationMakesANewOne() throws Exception {
    String spares = platform.postgres().runPrefix() + "spare_";
    DatabaseLogin server = platform.postgres().server();
    long spare = awaitSpare(server, spares, 0);
    assertThat(awaitSpare(second, spares, 0)).as("every server keeps a spare").isPositive();

    HttpResponse<String> created = create("Reservorkestern", "reserv", "default");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonObject orchestra =
        awaitActive(RunningRipieno.json(created).getJsonObject("orchestra").getString("id"));

    assertThat(oidOf(server, orchestra.getString("databaseName")))
        .as("the spare was renamed to the orchestra's database")
        .isEqualTo(spare);
    assertThat(awaitSpare(server, spares, spare)).as("a new spare").isNotEqualTo(spare);
    assertThat(
            platform
                .postgres()
                .queryLong(
                    "SELECT count(*) FROM pg_database WHERE starts_with(datname, '"
                        + spares
                        + "')"))
        .as("never more than ripieno.provisioning.spares (1)")
        .isEqualTo(1);
  }

  /** The oid of the server's spare once there is one other than {@code not}. */
  private static long awaitSpare(DatabaseLogin server, String namePrefix, long not)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Connection connection = server.connect();
          PreparedStatement query =
              connection.prepareStatement(
                  "SELECT oid FROM pg_database WHERE starts_with(datname, ?) AND oid <> ?")) {
        query.setString(1, namePrefix);
        query.setLong(2, not);
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            return row.getLong(1);
          }
        }
      }
      assertThat(System.nanoTime()).as("no spare under " + namePrefix).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static long oidOf(DatabaseLogin server, String database) throws SQLException {
    try (Connection connection = server.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT oid FROM pg_database WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as(database).isTrue();
        return row.getLong(1);
      }
    }
  }

  private JsonObject get(String id) throws Exception {
    HttpResponse<String> answer =
        ripieno.send("GET", "/api/platform/orchestras/" + id, platform.superadmin(), null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  private JsonObject awaitActive(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject orchestra = get(id);
    while (!"ACTIVE".equals(orchestra.getString("provisioningState"))) {
      assertThat(orchestra.getString("provisioningState"))
          .as(orchestra.toString())
          .isNotEqualTo("FAILED");
      assertThat(System.nanoTime()).as("still " + orchestra).isLessThan(deadline);
      Thread.sleep(50);
      orchestra = get(id);
    }
    return orchestra;
  }

  private DatabaseLogin serverOf(JsonObject orchestra) {
    return "second".equals(orchestra.getString("server")) ? second : platform.postgres().server();
  }

  private DatabaseLogin orchestraDatabase(JsonObject orchestra) {
    return serverOf(orchestra).forDatabase(orchestra.getString("databaseName"), "ripieno-test");
  }

  private static boolean databaseExists(DatabaseLogin server, String name) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return row.next();
    }
  }

  private static long count(Connection database, String table) throws SQLException {
    try (Statement statement = database.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
      row.next();
      return row.getLong(1);
    }
  }

  private long orchestraRows() throws SQLException {
    try (Connection connection = platform.central().connect()) {
      return count(connection, "Orchestra");
    }
  }

  private Map<String, String> row(String sql) throws SQLException {
    try (Connection connection = platform.central().connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      Map<String, String> values = new HashMap<>();
      for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
        values.put(row.getMetaData().getColumnLabel(i), row.getString(i));
      }
      return values;
    }
  }

  private static void assertProblem(HttpResponse<String> answer, int status, String detail) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(RunningRipieno.json(answer).getString("detail")).containsIgnoringCase(detail);
  }
}
