package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.datasafety.schema.control.TableBackup;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.LegacyCentral;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * The legacy system's central database named as Ripieno's central ({@code ripieno.central.url}):
 * the application says, in readiness and the log, that it is to be adopted; {@code central adopt}
 * takes it over in place, keeping every row; then the application serves it without a restart and
 * the legacy accounts sign in with their old passwords. The public readiness names no host, port,
 * user or database at any point. One application boot for this configuration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyCentralAdoptionIT {

  private static final TestPostgres POSTGRES = new TestPostgres();

  @TempDir static Path work;

  private static DatabaseLogin legacy;
  private static String database;
  private static RunningRipieno ripieno;
  private static AdminCli admin;

  @BeforeAll
  static void start() throws Exception {
    legacy = LegacyCentralFixture.create(POSTGRES, "legacycentral");
    database = legacy.address().database();
    admin = AdminCli.forCentral(legacy, work);
    ripieno =
        RunningRipieno.start(
            "legacycentral",
            Map.of(
                "RIPIENO_CENTRAL_URL", legacy.address().jdbcUrl(),
                "RIPIENO_CENTRAL_USER", legacy.user(),
                "RIPIENO_DATA_DIR", "target/it-data/legacycentral",
                "RIPIENO_SECRET_KEY", AdminCli.SECRET_KEY,
                "RIPIENO_PROVISIONING_DATABASE_PREFIX", POSTGRES.runPrefix()));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (ripieno != null) {
        ripieno.close();
      }
    } finally {
      POSTGRES.close();
    }
  }

  @Test
  @Order(1)
  void beforeAdoptionReadinessIsDownWithTheOperatorsWordsAndNoAddress() throws Exception {
    HttpResponse<String> ready = ripieno.get("/health/ready");

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
    JsonObject check = centralCheck(ready);
    assertThat(check.getString("status")).isEqualTo("DOWN");
    assertThat(check.getJsonObject("data").getString("reason")).isEqualTo(LegacyCentral.PROBLEM);
    assertThat(check.getJsonObject("data").getString("action"))
        .contains("ripieno-admin central adopt --confirm <database name>");
    assertThat(ready.body()).doesNotContainIgnoringCase("baseline");
    assertNoAddress(ready.body());
    // The log, which the operator reads, names the database to confirm with.
    assertThat(Files.readString(ripieno.log()))
        .contains("ripieno-admin central adopt --confirm " + database);
  }

  @Test
  @Order(2)
  void aDryRunReportsWhatItWouldDoAndChangesNothing() throws Exception {
    Map<String, List<String>> before = state();

    AdminCli.Result dryRun = admin.run("central", "adopt", "--dry-run", "--json");

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertNoAddress(ripieno.get("/health/ready").body());
    JsonObject report = dryRun.json();
    assertThat(report.getString("outcome")).isEqualTo("DRY_RUN");
    assertThat(report.getJsonObject("misplaced").getInt("Musician")).isEqualTo(3);
    assertThat(report.getJsonObject("rowsBefore").getInt("Orchestra")).isEqualTo(2);
    assertThat(report.getJsonObject("rowsBefore").getInt("User")).isEqualTo(3);
    assertThat(report.getJsonArray("differences").toString())
        .contains("table Customer is missing", "Orchestra.orchestraId is missing")
        .contains("ON DELETE SET NULL");
    assertThat(dryRun.err())
        .startsWith("target: central database " + database)
        .contains("would: baseline", "dry run: nothing was changed")
        .doesNotContain("sco%2Fpw", "sco/pw", "scosco-pw", "twilio-token-sco");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void withoutConfirmationItExitsTwoAndChangesNothing() throws Exception {
    Map<String, List<String>> before = state();

    AdminCli.Result missing = admin.run("central", "adopt");
    AdminCli.Result wrong = admin.run("central", "adopt", "--confirm", "another");

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).contains("--confirm " + database);
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(2);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void adoptedInPlaceItKeepsEveryRowAndEncryptsTheLegacySecrets() throws Exception {
    Map<String, List<String>> before = state();

    AdminCli.Result adopted =
        admin.run(
            "central",
            "adopt",
            "--confirm",
            database,
            "--backup-dir",
            work.resolve("backups").toString());

    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(adopted.out())
        .contains("central database " + database + ": ADOPTED")
        .contains("rows: Orchestra 2 -> 2, User 3 -> 3, _prisma_migrations 1 -> 1")
        .doesNotContain("sco%2Fpw", "sco/pw", "scosco-pw", "twilio-token-sco");
    Map<String, List<String>> after = state();
    assertThat(after.keySet())
        .containsExactlyInAnyOrder(
            "Orchestra",
            "User",
            "Customer",
            "SystemLog",
            "_prisma_migrations",
            "flyway_schema_history");
    assertThat(after.get("User")).hasSameSizeAs(before.get("User"));
    assertThat(after.get("_prisma_migrations")).isEqualTo(before.get("_prisma_migrations"));
    // The misplaced table is in its verified backup, every row.
    Path backup;
    try (var files = Files.walk(work.resolve("backups"))) {
      backup =
          files.filter(f -> f.getFileName().toString().equals("Musician.json")).findFirst().get();
    }
    assertThat(TableBackup.read(backup).rows()).hasSize(3);

    String orchestras = String.join("\n", after.get("Orchestra"));
    assertThat(orchestras).doesNotContain("sco/pw", "scosco-pw", "re_sco_resend_key");
    assertThat(orchestras).doesNotContain("twilio-token-sco", "sk_sco_0123");
    assertThat(query("select \"orchestraId\" = \"id\" from \"Orchestra\"")).containsOnly("t");
    assertThat(
            query(
                "select concat_ws('|', \"databaseHost\", \"databasePort\", \"databaseName\","
                    + " \"databaseUser\", \"databaseUrl\" is null, \"provisioningState\","
                    + " left(\"databasePassword\", 7)) from \"Orchestra\" order by \"id\""))
        .containsExactly(
            "aws-0-eu-north-1.pooler.supabase.com|6543|postgres|postgres.scoref|t|ACTIVE|enc:v1:",
            "db.scoscoref.supabase.co|5432|postgres|postgres.scoscoref|t|ACTIVE|enc:v1:");
    assertThat(
            query(
                "select concat_ws('|', left(\"resendApiKey\", 7), left(\"twilioAuthToken\", 7),"
                    + " left(\"apiKey\", 7), \"apiKeyLast4\") from \"Orchestra\""
                    + " where \"subdomain\" = 'sco'"))
        .containsExactly("enc:v1:|enc:v1:|sha256:|cdef");
    assertThat(query("select left(\"passwordHash\", 4) from \"User\"")).containsOnly("$2b$");
    assertThat(
            query(
                "select confdeltype::text from pg_constraint where conname ="
                    + " 'User_orchestraId_fkey'"))
        .containsExactly("c");
    assertThat(
            query(
                "select version from flyway_schema_history where version is not null"
                    + " order by installed_rank"))
        .startsWith("1")
        .hasSizeGreaterThan(1);
  }

  @Test
  @Order(5)
  void thenTheApplicationIsReadyWithoutARestartAndTheLegacyAccountsSignInWithTheirOldPasswords()
      throws Exception {
    // Whatever it answers meanwhile (central is tried again every few seconds), no address.
    assertNoAddress(ripieno.get("/health/ready").body());
    ripieno.awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
    HttpResponse<String> ready = ripieno.get("/health/ready");
    assertThat(centralCheck(ready).getString("status")).isEqualTo("UP");
    assertNoAddress(ready.body());

    for (Map.Entry<String, String> account : LegacyCentralFixture.PASSWORDS.entrySet()) {
      HttpResponse<String> login =
          ripieno.send(
              "POST",
              "/api/auth/login",
              null,
              "{\"username\":\""
                  + account.getKey()
                  + "\",\"password\":\""
                  + account.getValue()
                  + "\"}");
      assertThat(login.statusCode()).as(account.getKey() + ": " + login.body()).isEqualTo(200);
    }
  }

  @Test
  @Order(6)
  void adoptingItAgainIsNothingToDo() throws Exception {
    Map<String, List<String>> before = state();

    AdminCli.Result again = admin.run("central", "adopt", "--json");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().getString("outcome")).isEqualTo("NOTHING_TO_DO");
    assertThat(state()).isEqualTo(before);
  }

  @Nested
  class Refusals {

    @Test
    void anOrchestraDatabaseIsRefusedWithNothingChanged() throws Exception {
      DatabaseLogin orchestra = POSTGRES.createOrchestra("adoptorch", "orchestra-1");
      AdminCli cli = AdminCli.forCentral(orchestra, work.resolve("orch"));

      AdminCli.Result refused =
          cli.run("central", "adopt", "--confirm", orchestra.address().database());

      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.out()).contains("orchestra identity marker");
      assertThat(query(orchestra, "select count(*) from \"OrchestraIdentity\""))
          .containsExactly("1");
    }

    @Test
    void aDatabaseWithoutTheLegacyRegistryTablesIsRefused() throws Exception {
      DatabaseLogin other = POSTGRES.createEmpty("adoptother");
      POSTGRES.execute(other, "create table \"Musician\" (\"id\" serial primary key)");
      AdminCli cli = AdminCli.forCentral(other, work.resolve("other"));

      AdminCli.Result refused =
          cli.run("central", "adopt", "--confirm", other.address().database());

      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.out()).contains("lacks the legacy registry tables Orchestra and User");
      assertThat(query(other, "select count(*) from pg_tables where schemaname = 'public'"))
          .containsExactly("1");
    }
  }

  private static JsonObject centralCheck(HttpResponse<String> ready) {
    return RunningRipieno.json(ready).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> "central-database".equals(c.getString("name")))
        .findFirst()
        .orElseThrow();
  }

  /** The public readiness answer names no host, port, user or database. */
  private static void assertNoAddress(String body) {
    assertThat(body)
        .doesNotContain(legacy.address().host())
        .doesNotContain("localhost")
        .doesNotContain(Integer.toString(legacy.address().port()))
        .doesNotContain(legacy.user())
        .doesNotContain(database);
  }

  /** Every table with all its rows, as PostgreSQL renders them. */
  private static Map<String, List<String>> state() throws Exception {
    Map<String, List<String>> state = new TreeMap<>();
    for (String table :
        query("select tablename from pg_tables where schemaname = 'public' order by 1")) {
      state.put(table, query("select row_to_json(t)::text from \"" + table + "\" t order by 1"));
    }
    return state;
  }

  private static List<String> query(String sql) throws Exception {
    return query(legacy, sql);
  }

  private static List<String> query(DatabaseLogin login, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = login.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
