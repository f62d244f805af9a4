package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.central.control.CentralFormat;
import org.ripieno.datasafety.central.control.CentralSecrets;
import org.ripieno.datasafety.schema.control.TableStructure;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.security.secrets.SecretKeys;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.TestPostgres;

/**
 * {@code central export} then {@code central restore} into a brand-new database round-trips every
 * column of every row of the four central tables; a second restore changes nothing; a non-empty
 * target and a username taken under another id are refused.
 */
class CentralExportRestoreIT {

  private static final TestPostgres POSTGRES = new TestPostgres();
  private static final SecretBox BOX =
      SecretKeys.load(java.util.Optional.of(AdminCli.SECRET_KEY), List.of(), Path.of("unused"));

  @TempDir static Path work;

  @AfterAll
  static void dropDatabases() throws Exception {
    POSTGRES.close();
  }

  /**
   * Two rows per central table: one with a value (not the default) in every column, secrets
   * encrypted, one with every nullable column empty. Built from the catalog, so a column added
   * later is covered too.
   */
  private static void fillEveryColumn(DatabaseLogin central) throws Exception {
    try (Connection connection = central.connect()) {
      for (String table : CentralFormat.tables()) {
        TableStructure structure = TableStructure.read(connection, table);
        Set<String> secrets = CentralSecrets.encrypted(table);
        for (int n = 1; n <= 2; n++) {
          JsonObjectBuilder row = Json.createObjectBuilder();
          for (TableStructure.Column column : structure.columns()) {
            if (n == 2 && !column.notNull()) {
              row.addNull(column.name());
            } else {
              row.add(column.name(), value(table, column, n, secrets));
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into \""
                      + table
                      + "\" select * from json_populate_record(null::\""
                      + table
                      + "\", ?::json)")) {
            insert.setString(1, row.build().toString());
            insert.executeUpdate();
          }
        }
      }
    }
  }

  private static JsonValue value(
      String table, TableStructure.Column column, int n, Set<String> secrets) {
    String name = column.name();
    String type = column.type();
    if (name.equals("id")) {
      return Json.createValue(table + "-" + n);
    }
    if (table.equals("User") && name.equals("orchestraId")) {
      return Json.createValue("Orchestra-" + n);
    }
    if (name.equals("status")) {
      return Json.createValue(n == 1 ? "suspended" : "active");
    }
    if (name.equals("provisioningState")) {
      return Json.createValue(n == 1 ? "FAILED" : "ACTIVE");
    }
    if (name.equals("smtpSecurity")) {
      return Json.createValue(n == 1 ? "starttls" : "tls");
    }
    if (secrets.contains(name)) {
      return Json.createValue(BOX.encrypt("secret " + name + " " + n));
    }
    if (type.startsWith("timestamp")) {
      return Json.createValue("2025-07-0" + n + "T14:52:34.0" + (20 + n));
    }
    if (type.equals("integer")) {
      return Json.createValue(7000 + n);
    }
    if (type.equals("boolean")) {
      return n == 1 ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (type.equals("jsonb")) {
      return Json.createObjectBuilder()
          .add("list", Json.createArrayBuilder().add(1).add("två").addNull())
          .add("n", n)
          .build();
    }
    return Json.createValue(name + " ö\"' " + n);
  }

  private static Map<String, List<String>> state(DatabaseLogin central) throws Exception {
    Map<String, List<String>> state = new LinkedHashMap<>();
    try (Connection connection = central.connect();
        Statement statement = connection.createStatement()) {
      for (String table : CentralFormat.tables()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet result =
            statement.executeQuery(
                "select row_to_json(t)::text from \"" + table + "\" t order by \"id\"")) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        state.put(table, rows);
      }
    }
    return state;
  }

  @Test
  void exportThenRestoreIntoABrandNewDatabaseRoundTripsEveryColumnOfEveryRow() throws Exception {
    DatabaseLogin source = POSTGRES.createEmpty("rt_source");
    Migrations.migrate(source.dataSource(), DatabaseKind.CENTRAL);
    fillEveryColumn(source);
    Map<String, List<String>> original = state(source);
    assertThat(original.values()).allSatisfy(rows -> assertThat(rows).hasSize(2));

    Path file = work.resolve("export.json");
    AdminCli.Result export =
        AdminCli.forCentral(source, work.resolve("source"))
            .run("central", "export", "--out", file.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    JsonObject document = JsonDocuments.readObject(file);
    assertThat(document.getInt("formatVersion")).isEqualTo(1);
    try (Connection connection = source.connect()) {
      for (String table : CentralFormat.tables()) {
        Set<String> columns =
            TableStructure.read(connection, table).columns().stream()
                .map(TableStructure.Column::name)
                .collect(Collectors.toSet());
        assertThat(document.getJsonArray(CentralFormat.key(table)))
            .hasSize(2)
            .allSatisfy(row -> assertThat(row.asJsonObject().keySet()).isEqualTo(columns));
      }
    }
    // Secrets leave encrypted as stored.
    assertThat(document.getJsonArray("orchestras").getJsonObject(0).getString("databasePassword"))
        .startsWith("enc:v1:");

    DatabaseLogin target = POSTGRES.createEmpty("rt_target");
    AdminCli restoreInto = AdminCli.forCentral(target, work.resolve("target"));
    AdminCli.Result restore = restoreInto.run("central", "restore", file.toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out())
        .contains("created the central schema")
        .contains("Orchestra (orchestras): 2 in the file, 2 written, 0 identical, 2 verified")
        .contains("SystemLog (systemLogs): 2 in the file, 2 written, 0 identical, 2 verified");
    assertThat(state(target)).isEqualTo(original);

    // A second run is refused without --merge, and with it changes nothing.
    AdminCli.Result refused = restoreInto.run("central", "restore", file.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).contains("not empty", "--merge");
    String name = target.address().database();
    AdminCli.Result again =
        restoreInto.run(
            "central", "restore", file.toString(), "--merge", "--confirm", name, "--json");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    JsonObject report = again.json();
    assertThat(report.getJsonArray("tables"))
        .allSatisfy(
            t -> {
              assertThat(t.asJsonObject().getInt("written")).isZero();
              assertThat(t.asJsonObject().getInt("identical")).isEqualTo(2);
            });
    assertThat(state(target)).isEqualTo(original);
  }

  @Test
  void withoutSecretsNoSecretLeavesAndARestoreKeepsTheStoredOnes() throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("nosecrets");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    fillEveryColumn(central);
    Map<String, List<String>> original = state(central);
    AdminCli admin = AdminCli.forCentral(central, work.resolve("nosecrets"));
    Path file = work.resolve("nosecrets.json");

    AdminCli.Result export =
        admin.run("central", "export", "--without-secrets", "--out", file.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    String text = Files.readString(file);
    assertThat(text).doesNotContain("enc:v1:", "passwordHash", "databaseUrl");
    assertThat(JsonDocuments.readObject(file).getBoolean("secretsIncluded")).isFalse();

    AdminCli.Result merge =
        admin.run(
            "central",
            "restore",
            file.toString(),
            "--merge",
            "--confirm",
            central.address().database());
    assertThat(merge.exitCode()).as(merge.toString()).isZero();
    assertThat(state(central)).isEqualTo(original);
  }

  @Test
  void aUsernameTakenUnderAnotherIdStopsTheRestoreNamedAndNothingChanges() throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("conflict");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    fillEveryColumn(central);
    Map<String, List<String>> before = state(central);
    Path file = work.resolve("conflict.json");
    String takenName = "username ö\"' 1";
    Files.writeString(
        file,
        Json.createObjectBuilder()
            .add("exportDate", "2025-07-03T14:52:34.025Z")
            .add("orchestras", Json.createArrayBuilder())
            .add(
                "users",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("id", "someone-else")
                            .add("username", takenName)
                            .add("email", "new@example.org")
                            .add("passwordHash", "$2b$10$x")
                            .add("role", "superadmin")
                            .addNull("orchestraId")
                            .add("active", true)
                            .addNull("lastLogin")
                            .add("createdAt", "2025-06-30T10:00:00.000Z")
                            .add("updatedAt", "2025-06-30T10:00:00.000Z")))
            .build()
            .toString());
    AdminCli admin = AdminCli.forCentral(central, work.resolve("conflict"));

    AdminCli.Result result =
        admin.run(
            "central",
            "restore",
            file.toString(),
            "--merge",
            "--confirm",
            central.address().database());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("someone-else", takenName, "User-1");
    assertThat(state(central)).isEqualTo(before);
  }

  @Test
  void aCentralDatabaseThatRipienoDoesNotManageIsRefused() throws Exception {
    DatabaseLogin legacy = POSTGRES.createEmpty("unmanaged");
    String legacySchema;
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("db/central/V1__legacy_central_schema.sql")) {
      legacySchema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    POSTGRES.execute(legacy, legacySchema);
    Path file = work.resolve("unmanaged.json");
    Files.writeString(
        file, "{\"exportDate\":\"2025-07-03T14:52:34.025Z\",\"orchestras\":[],\"users\":[]}");

    AdminCli.Result result =
        AdminCli.forCentral(legacy, work.resolve("unmanaged"))
            .run("central", "restore", file.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("no migration history");
  }

  @Test
  void aDryRunReportsTheCountsAndChangesNothing() throws Exception {
    DatabaseLogin source = POSTGRES.createEmpty("dry_source");
    Migrations.migrate(source.dataSource(), DatabaseKind.CENTRAL);
    fillEveryColumn(source);
    Path file = work.resolve("dry.json");
    assertThat(
            AdminCli.forCentral(source, work.resolve("dry_source"))
                .run("central", "export", "--out", file.toString())
                .exitCode())
        .isZero();
    DatabaseLogin target = POSTGRES.createEmpty("dry_target");
    Migrations.migrate(target.dataSource(), DatabaseKind.CENTRAL);
    Map<String, List<String>> empty = state(target);

    AdminCli.Result dryRun =
        AdminCli.forCentral(target, work.resolve("dry_target"))
            .run("central", "restore", file.toString(), "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .contains("User (users): 2 in the file, 2 to write", "nothing was changed");
    assertThat(state(target)).isEqualTo(empty);
  }

  /** A legacy main-tables export: one orchestra (9 fields and a plaintext API key), its admin. */
  private static String legacyExport(String apiKey, JsonObjectBuilder... extraUsers) {
    var users =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("id", "u-sco")
                    .add("username", "sco-admin")
                    .add("email", "sco-admin@example.org")
                    .add(
                        "passwordHash", "$2b$10$abcdefghijklmnopqrstuu0123456789012345678901234567")
                    .add("role", "admin")
                    .add("orchestraId", "o-sco")
                    .add("active", true)
                    .addNull("lastLogin")
                    .add("createdAt", "2025-06-28T12:00:00.000Z")
                    .add("updatedAt", "2025-07-01T10:00:00.000Z"));
    for (JsonObjectBuilder user : extraUsers) {
      users.add(user);
    }
    return Json.createObjectBuilder()
        .add("exportDate", "2025-07-03T14:52:34.025Z")
        .add(
            "orchestras",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("id", "o-sco")
                        .add("name", "SCO")
                        .add("subdomain", "sco")
                        .add("contactName", "SCO kontakt")
                        .add("contactEmail", "sco@example.org")
                        .add(
                            "databaseUrl",
                            "postgresql://sco:sco-db-pw@db.example.org:5432/sco?pgbouncer=true")
                        .add("status", "active")
                        .add("apiKey", apiKey)
                        .add("createdAt", "2025-06-28T12:00:00.000Z")
                        .add("updatedAt", "2025-07-02T08:30:00.456Z")))
        .add("users", users)
        .build()
        .toString();
  }

  private static String queryText(DatabaseLogin database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  @Test
  void aMergeChangesOnlyTheColumnsTheFileCarriesAndPlaintextApiKeysAreStoredHashed()
      throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("merge_columns");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    String apiKey = "sk_sco_0123456789abcdef0123456789abcdef0123456789ab9f3e";
    Path file = work.resolve("merge-columns.json");
    Files.writeString(file, legacyExport(apiKey));
    AdminCli admin = AdminCli.forCentral(central, work.resolve("merge_columns"));

    AdminCli.Result first = admin.run("central", "restore", file.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("plaintext apiKey").doesNotContain(apiKey);
    assertThat(queryText(central, "select \"apiKey\" from \"Orchestra\""))
        .isEqualTo(org.ripieno.security.secrets.ApiKeys.hash(apiKey));
    assertThat(queryText(central, "select \"apiKeyLast4\" from \"Orchestra\"")).isEqualTo("9f3e");

    // What the server did since: a password change revoked the admin's tokens, the orchestra's
    // plan changed. The legacy file carries neither column.
    POSTGRES.execute(
        central,
        "update \"User\" set \"tokenVersion\" = 4, \"mustChangePassword\" = true;"
            + " update \"Orchestra\" set \"maxMusicians\" = 500, \"schemaVersion\" = '3'");
    Map<String, List<String>> before = state(central);

    AdminCli.Result merge =
        admin.run(
            "central",
            "restore",
            file.toString(),
            "--merge",
            "--confirm",
            central.address().database());

    assertThat(merge.exitCode()).as(merge.toString()).isZero();
    assertThat(merge.out())
        .contains("Orchestra (orchestras): 1 in the file, 0 written, 1 identical, 1 verified")
        .contains("User (users): 1 in the file, 0 written, 1 identical, 1 verified");
    assertThat(state(central)).isEqualTo(before);
    assertThat(queryText(central, "select \"tokenVersion\"::text from \"User\"")).isEqualTo("4");
  }

  @Test
  void withoutAConfiguredKeyOnlyTheDataDirectorysKeyIsUsedAndNoneIsEverCreated() throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("no_key");
    Path file = work.resolve("no-key.json");
    Files.writeString(
        file, legacyExport("sk_sco_00000000000000000000000000000000000000000000abcd"));
    Path workDir = work.resolve("no_key");
    AdminCli admin = AdminCli.forCentralWithoutKey(central, workDir);
    Path keyFile = workDir.resolve("data").resolve(SecretKeys.KEY_FILE_NAME);

    AdminCli.Result refused = admin.run("central", "restore", file.toString());

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err())
        .contains(
            "no secret key: set ripieno.secret-key or point ripieno.data-dir at the server's");
    assertThat(keyFile).doesNotExist();
    try (Connection connection = central.connect();
        Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
      tables.next();
      assertThat(tables.getLong(1)).as("nothing created before the key was found").isZero();
    }

    // The server's key file in the data directory: used as it is, never replaced.
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, AdminCli.SECRET_KEY + "\n");
    AdminCli.Result restored = admin.run("central", "restore", file.toString());

    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(restored.out()).contains("secrets: key " + BOX.currentKeyId());
    assertThat(BOX.decrypt(queryText(central, "select \"databasePassword\" from \"Orchestra\"")))
        .isEqualTo("sco-db-pw");
    assertThat(Files.readString(keyFile)).isEqualTo(AdminCli.SECRET_KEY + "\n");
  }

  @Test
  void aDatabaseErrorIsToldByConstraintAndColumnNeverWithTheRowsContents() throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("sql_errors");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    AdminCli admin = AdminCli.forCentral(central, work.resolve("sql_errors"));
    String hash = "$2b$10$secretsecretsecretsecretsecretsecretsecretsecretsecre";
    JsonObjectBuilder noEmail =
        Json.createObjectBuilder()
            .add("id", "u-noemail")
            .add("username", "no-email")
            .addNull("email")
            .add("passwordHash", hash)
            .add("role", "admin")
            .add("orchestraId", "o-sco")
            .add("active", true)
            .add("createdAt", "2025-06-28T12:00:00.000Z");
    Path notNull = work.resolve("not-null.json");
    Files.writeString(notNull, legacyExport("sk_sco_x1", noEmail));

    AdminCli.Result missing = admin.run("central", "restore", notNull.toString());

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err())
        .contains("email", "User", "23502", "nothing was restored")
        .doesNotContain("Failing row", "Detail", hash, "no-email");

    JsonObjectBuilder twin =
        Json.createObjectBuilder()
            .add("id", "u-twin")
            .add("username", "sco-admin")
            .add("email", "twin@example.org")
            .add("passwordHash", hash)
            .add("role", "admin")
            .add("orchestraId", "o-sco")
            .add("active", true)
            .add("createdAt", "2025-06-28T12:00:00.000Z");
    Path duplicate = work.resolve("duplicate.json");
    Files.writeString(duplicate, legacyExport("sk_sco_x2", twin));

    AdminCli.Result conflict = admin.run("central", "restore", duplicate.toString());

    assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(1);
    assertThat(conflict.err())
        .contains("User_username_key", "23505")
        .doesNotContain("Key (", "Detail", "twin@example.org");
    assertThat(state(central).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
  }
}
