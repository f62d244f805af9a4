package org.ripieno.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * The deployed application on a configured central database: its schema and its health. Central
 * refuses every connection while the application deploys (as when its server comes up later), so
 * the start-up is the test of readiness while central is down and of the first superadmin created
 * once it is up, without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RipienoApplicationIT {

  private static final String SUPERADMIN_PASSWORD = "application-superadmin-pw";

  private final TestPostgres postgres = new TestPostgres();
  private DatabaseLogin central;
  private RunningRipieno ripieno;
  private HttpResponse<String> readinessWhileCentralRefused;
  private HttpResponse<String> loginWhileCentralRefused;

  @BeforeAll
  void start() throws Exception {
    central = postgres.createEmpty("appcentral");
    allowConnectionsToCentral(false);
    ripieno =
        RunningRipieno.start(
            "application",
            Map.of(
                "RIPIENO_CENTRAL_URL", central.address().jdbcUrl(),
                "RIPIENO_CENTRAL_USER", central.user(),
                "RIPIENO_DATA_DIR", "target/it-data/application",
                "RIPIENO_BOOTSTRAP_SUPERADMIN_PASSWORD", SUPERADMIN_PASSWORD,
                "RIPIENO_PROVISIONING_DATABASE_PREFIX", postgres.runPrefix()));
    ripieno.awaitStatus("/health/ready", 503, Duration.ofSeconds(60));
    readinessWhileCentralRefused = ripieno.get("/health/ready");
    loginWhileCentralRefused = login();
    allowConnectionsToCentral(true);
    ripieno.awaitStatus("/health/ready", 200, Duration.ofSeconds(90));
  }

  private void allowConnectionsToCentral(boolean allowed) throws SQLException {
    postgres.execute(
        "ALTER DATABASE \"" + central.address().database() + "\" ALLOW_CONNECTIONS " + allowed);
  }

  private HttpResponse<String> login() throws Exception {
    return ripieno.send(
        "POST",
        "/api/auth/login",
        null,
        "{\"username\":\"superadmin\",\"password\":\"" + SUPERADMIN_PASSWORD + "\"}");
  }

  @Nested
  class WhileCentralRefusedConnections {

    @Test
    void readinessWasDownNamingTheChecksAndWhyInGeneralWords() {
      assertThat(readinessWhileCentralRefused.statusCode())
          .as(readinessWhileCentralRefused.body())
          .isEqualTo(503);
      JsonObject centralCheck = check(readinessWhileCentralRefused, "central-database");
      assertThat(centralCheck.getString("status")).isEqualTo("DOWN");
      assertThat(centralCheck.getJsonObject("data").getString("reason"))
          .isEqualTo("The central database cannot be reached");
      JsonObject superadmin = check(readinessWhileCentralRefused, "superadmin-account");
      assertThat(superadmin.getString("status")).isEqualTo("DOWN");
      assertThat(superadmin.getJsonObject("data").getString("reason"))
          .contains("has not been created yet");
    }

    @Test
    void publicReadinessNamedNoHostPortUserOrDatabase() {
      assertNoAddressIn(readinessWhileCentralRefused.body());
    }

    @Test
    void aLoginWas503SayingCentralIsUnavailableInWords() {
      assertThat(loginWhileCentralRefused.statusCode()).isEqualTo(503);
      assertThat(RunningRipieno.json(loginWhileCentralRefused).getString("detail"))
          .isEqualTo("The platform database is unavailable right now; please try again later.");
      assertNoAddressIn(loginWhileCentralRefused.body());
    }
  }

  @Nested
  class OnceCentralAllowedConnections {

    @Test
    void theSuperadminSignsInWithoutARestart() throws Exception {
      HttpResponse<String> answer = login();
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(check(ripieno.get("/health/ready"), "superadmin-account").getString("status"))
          .isEqualTo("UP");
    }

    @Test
    void theSuperadminsPlatformHealthHasTheDetailsPublicReadinessLeavesOut() throws Exception {
      String token = RunningRipieno.json(login()).getString("token");
      HttpResponse<String> health = ripieno.send("GET", "/api/platform/health", token, null);
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      JsonObject check = RunningRipieno.json(health).getJsonObject("centralCheck");
      assertThat(check.getString("status")).isEqualTo("UP");
      String address = central.address().host() + ":" + central.address().port();
      assertThat(check.getString("details"))
          .contains(central.user() + "@" + address)
          .contains(central.address().database());
      // The last problem is the refused start, or a later one of another test in this class.
      assertThat(check.getString("lastProblem"))
          .contains(central.user() + "@" + address + "/" + central.address().database());
      assertThat(check.getString("lastProblemAt")).isNotBlank();
      assertThat(Files.readString(ripieno.log()))
          .contains("not currently accepting connections")
          .contains(central.address().database());
    }
  }

  private void assertNoAddressIn(String body) {
    assertThat(body)
        .doesNotContain(central.address().database())
        .doesNotContain(central.address().host())
        .doesNotContain("localhost")
        .doesNotContain(Integer.toString(central.address().port()))
        .doesNotContain(central.user());
  }

  private static JsonObject check(HttpResponse<String> readiness, String name) {
    return RunningRipieno.json(readiness)
        .getJsonArray("checks")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(c -> name.equals(c.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + readiness.body()));
  }

  @AfterAll
  void stop() throws Exception {
    if (ripieno != null) {
      ripieno.close();
    }
    postgres.close();
  }

  @Test
  void centralHoldsExactlyTheFourCentralTablesWithLegacyColumns() throws SQLException {
    assertThat(
            query("select table_name from information_schema.tables where table_schema = 'public'"))
        .containsExactlyInAnyOrder(
            "Orchestra", "User", "Customer", "SystemLog", "flyway_schema_history");
    assertThat(columns("User"))
        .containsExactlyInAnyOrder(
            "id",
            "email",
            "username",
            "passwordHash",
            "role",
            "orchestraId",
            "active",
            "lastLogin",
            "isArchived",
            "localResident",
            "preferredLanguage",
            "createdAt",
            "updatedAt",
            // Ripieno's additions (db/central/V3__ripieno_credentials)
            "mustChangePassword",
            "tokenVersion",
            "externalSubject");
    assertThat(columns("SystemLog"))
        .containsExactlyInAnyOrder(
            "id",
            "timestamp",
            "level",
            "category",
            "message",
            "metadata",
            "userId",
            "orchestraId",
            "subdomain",
            "ip",
            "userAgent",
            "requestId",
            "duration");
    assertThat(columns("Customer"))
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "subdomain",
            "databaseUrl",
            "status",
            "contactEmail",
            "plan",
            "createdAt",
            "updatedAt");
    assertThat(columns("Orchestra"))
        .contains(
            "id",
            "orchestraId",
            "name",
            "subdomain",
            "databaseUrl",
            "status",
            "contactName",
            "contactEmail",
            "plan",
            "maxMusicians",
            "maxProjects",
            "pricePerMonth",
            "logoUrl",
            "resendApiKey",
            "emailFromAddress",
            "twilioAuthToken",
            "smsOnGroupEmail",
            "features",
            "primaryColor",
            "apiKey",
            "webhookSecret",
            "createdAt",
            "updatedAt");
  }

  @Test
  void livenessAndReadinessAreUp() throws Exception {
    assertThat(ripieno.get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = ripieno.get("/health/ready");

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(ready).getString("status")).isEqualTo("UP");
  }

  @Test
  void anOrchestraTableInCentralTakesReadinessDownAndNamesIt() throws Exception {
    postgres.execute(
        central,
        "create table \"Musician\" (\"id\" serial primary key, \"firstName\" text);"
            + " insert into \"Musician\" (\"firstName\") values ('Anna'), ('Bo'), ('Cleo')");
    try {
      HttpResponse<String> down = ripieno.get("/health/ready");

      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      JsonObject check = check(down, "central-database");
      assertThat(check.getString("status")).isEqualTo("DOWN");
      assertThat(check.getJsonObject("data").getString("reason"))
          .isEqualTo("The central database holds tables that belong to orchestras");
      assertNoAddressIn(down.body());
      assertThat(check.getJsonObject("data").getString("misplacedTables"))
          .isEqualTo("Musician (3 rows)");
      assertThat(check.getJsonObject("data").getString("action")).contains("back each one up");
    } finally {
      postgres.execute(central, "drop table \"Musician\"");
    }
    assertThat(ripieno.get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentAndMetricsArePublic() throws Exception {
    HttpResponse<String> openapi = ripieno.get("/openapi");
    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("Ripieno API", "/api/auth/login", "bearer");

    assertThat(ripieno.get("/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownApiPathIsAProblemDocument() throws Exception {
    HttpResponse<String> response = ripieno.get("/api/no-such-thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(RunningRipieno.json(response).getInt("status")).isEqualTo(404);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  private List<String> columns(String table) throws SQLException {
    return query(
        "select column_name from information_schema.columns where table_schema = 'public'"
            + " and table_name = '"
            + table
            + "'");
  }

  private List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = central.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
