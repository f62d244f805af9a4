package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.TestPostgres;

/**
 * {@code schema check}, {@code schema clean} and {@code schema restore-backup} against real
 * databases: the legacy incident (orchestra tables with rows in central) found, refused without
 * confirmation, backed up with every row, dropped, and put back from the backup.
 */
class SchemaCleanIT {

  private static final TestPostgres POSTGRES = new TestPostgres();

  @TempDir static Path work;

  @AfterAll
  static void dropDatabases() throws Exception {
    POSTGRES.close();
  }

  /** The CREATE TABLE and CREATE INDEX statements of one table in the orchestra V1 migration. */
  private static List<String> legacyDdl(String table) throws IOException {
    String sql;
    try (InputStream in =
        SchemaCleanIT.class
            .getClassLoader()
            .getResourceAsStream("db/orchestra/V1__legacy_orchestra_schema.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> statements = new ArrayList<>();
    Matcher create =
        Pattern.compile("CREATE TABLE \"" + table + "\" \\(.*?\\n\\);", Pattern.DOTALL)
            .matcher(sql);
    assertThat(create.find()).isTrue();
    statements.add(create.group());
    Matcher index =
        Pattern.compile("CREATE (UNIQUE )?INDEX \"[^\"]+\" ON \"" + table + "\"\\([^;]*\\);")
            .matcher(sql);
    while (index.find()) {
      statements.add(index.group());
    }
    return statements;
  }

  /** A migrated central database that also holds Musician (3 rows) and Project (2 rows). */
  private static DatabaseLogin centralWithOrchestraTables(String purpose) throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty(purpose);
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    try (Connection connection = central.connect();
        Statement statement = connection.createStatement()) {
      for (String ddl : legacyDdl("Musician")) {
        statement.execute(ddl);
      }
      for (String ddl : legacyDdl("Project")) {
        statement.execute(ddl);
      }
      statement.execute(
          "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
              + " \"phone\", \"notes\", \"archivedAt\", \"updatedAt\") values"
              + " ('MUS001', 'Åsa', 'Öberg', 'asa@example.org', '+46 70', 'quote \" and \\ and ''',"
              + " null, '2025-07-03 14:52:34.025'),"
              + " ('MUS002', 'Erik', 'Lind', 'erik@example.org', null, null,"
              + " '2025-07-01 10:00:00.5', '2025-07-03 14:52:34.026'),"
              + " ('MUS003', 'Bo', 'Ek', 'bo@example.org', null, E'line\\nbreak', null, now())");
      // A gap in the ids: the sequence must come back where it was, not at max(id).
      statement.execute("select nextval('\"Musician_id_seq\"')");
      statement.execute(
          "insert into \"Project\" (\"projectId\", \"name\", \"startDate\", \"weekNumber\","
              + " \"updatedAt\") values ('PROJ001', 'Vårkonsert', '2025-04-01', 14, now()),"
              + " ('PROJ002', 'Jul', '2025-12-20', 51, now())");
    }
    return central;
  }

  private static List<String> rows(DatabaseLogin database, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select row_to_json(t)::text from \"" + table + "\" t order by \"id\"")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static boolean exists(DatabaseLogin database, String table) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement("select to_regclass(?) is not null")) {
      query.setString(1, "public.\"" + table + "\"");
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  @Test
  void misplacedTablesAreFoundBackedUpWithEveryRowDroppedAndRestored() throws Exception {
    DatabaseLogin central = centralWithOrchestraTables("clean_central");
    String name = central.address().database();
    AdminCli admin = AdminCli.forCentral(central, work.resolve("clean"));
    List<String> musicians = rows(central, "Musician");
    List<String> projects = rows(central, "Project");
    Path backups = work.resolve("clean-backups");

    AdminCli.Result check = admin.run("schema", "check", "--central");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.out())
        .startsWith("target: central database " + name)
        .contains("Musician (3 rows)", "Project (2 rows)");

    AdminCli.Result withoutConfirm =
        admin.run("schema", "clean", "--central", "--backup-dir", backups.toString());
    assertThat(withoutConfirm.exitCode()).as(withoutConfirm.toString()).isEqualTo(2);
    assertThat(withoutConfirm.err()).contains("--confirm " + name, "nothing was changed");
    AdminCli.Result wrongConfirm =
        admin.run(
            "schema",
            "clean",
            "--central",
            "--confirm",
            "postgres",
            "--backup-dir",
            backups.toString());
    assertThat(wrongConfirm.exitCode()).as(wrongConfirm.toString()).isEqualTo(2);
    AdminCli.Result dryRun =
        admin.run("schema", "clean", "--central", "--dry-run", "--backup-dir", backups.toString());
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out()).contains("would back up and drop Musician (3 rows), Project (2 rows)");
    assertThat(rows(central, "Musician")).isEqualTo(musicians);
    assertThat(rows(central, "Project")).isEqualTo(projects);
    assertThat(backups).doesNotExist();

    AdminCli.Result clean =
        admin.run(
            "schema",
            "clean",
            "--central",
            "--confirm",
            name,
            "--backup-dir",
            backups.toString(),
            "--json");
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.err()).startsWith("target: central database " + name);
    JsonObject report = clean.json();
    assertThat(report.getJsonArray("dropped")).hasSize(2);
    assertThat(exists(central, "Musician")).isFalse();
    assertThat(exists(central, "Project")).isFalse();
    Path backupDirectory = Path.of(report.getString("backupDirectory"));
    assertBackupHolds(backupDirectory.resolve("Musician.json"), musicians);
    assertBackupHolds(backupDirectory.resolve("Project.json"), projects);

    AdminCli.Result cleanCheck = admin.run("schema", "check", "--central");
    assertThat(cleanCheck.exitCode()).as(cleanCheck.toString()).isZero();

    AdminCli.Result restoreWithoutConfirm =
        admin.run("schema", "restore-backup", backupDirectory.toString(), "--central");
    assertThat(restoreWithoutConfirm.exitCode()).isEqualTo(2);
    assertThat(exists(central, "Musician")).isFalse();

    AdminCli.Result restore =
        admin.run(
            "schema", "restore-backup", backupDirectory.toString(), "--central", "--confirm", name);
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(rows(central, "Musician")).isEqualTo(musicians);
    assertThat(rows(central, "Project")).isEqualTo(projects);
    try (Connection connection = central.connect();
        Statement statement = connection.createStatement()) {
      // The sequence continues after the gap; the unique index is back.
      try (ResultSet next =
          statement.executeQuery(
              "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
                  + " \"updatedAt\") values ('MUS005', 'N', 'N', 'n@example.org', now())"
                  + " returning \"id\"")) {
        next.next();
        assertThat(next.getInt(1)).isEqualTo(5);
      }
      try (ResultSet indexes =
          statement.executeQuery(
              "select count(*) from pg_indexes where tablename = 'Musician' and indexname in"
                  + " ('Musician_pkey', 'Musician_musicianId_key', 'Musician_email_key')")) {
        indexes.next();
        assertThat(indexes.getInt(1)).isEqualTo(3);
      }
    }
    // Back where it started: misplaced again, and a second restore is refused.
    assertThat(admin.run("schema", "check", "--central").exitCode()).isEqualTo(1);
    AdminCli.Result again =
        admin.run(
            "schema", "restore-backup", backupDirectory.toString(), "--central", "--confirm", name);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("exists");
  }

  private static void assertBackupHolds(Path file, List<String> rows) throws Exception {
    JsonObject backup = JsonDocuments.readObject(file);
    assertThat(backup.getInt("rowCount")).isEqualTo(rows.size());
    List<JsonValue> expected = new ArrayList<>();
    for (String row : rows) {
      expected.add(JsonDocuments.parse(row));
    }
    assertThat(backup.getJsonArray("rows")).containsExactlyElementsOf(expected);
    assertThat(backup.getJsonObject("structure").getJsonArray("columns")).isNotEmpty();
  }

  @Test
  void aLegacyOrchestraSystemLogMovesToCentralWithTheOrchestrasIdAndTheTableIsDropped()
      throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("move_central");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    DatabaseLogin orchestra = POSTGRES.createOrchestra("move_sco", "orch-sco");
    DatabaseLogin stranger = POSTGRES.createOrchestra("move_other", "orch-other");
    POSTGRES.execute(
        central,
        "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\", \"status\","
            + " \"contactName\", \"contactEmail\", \"updatedAt\", \"databaseHost\","
            + " \"databasePort\", \"databaseName\") values"
            + " ('orch-sco', 'SCO', 'SCO', 'sco', 'active', 'A', 'a@example.org', now(), '"
            + orchestra.address().host()
            + "', "
            + orchestra.address().port()
            + ", '"
            + orchestra.address().database()
            + "'), ('orch-wrong', 'WRONG', 'Wrong', 'wrong', 'active', 'A', 'a@example.org', now(),"
            + " '"
            + stranger.address().host()
            + "', "
            + stranger.address().port()
            + ", '"
            + stranger.address().database()
            + "')");
    // The legacy tenant SystemLog (manual_add_system_log_to_orchestra.sql): same columns.
    POSTGRES.execute(
        orchestra,
        "create table \"SystemLog\" (\"id\" text primary key, \"timestamp\" timestamp(3) not null"
            + " default current_timestamp, \"level\" text not null, \"category\" text not null,"
            + " \"message\" text not null, \"metadata\" jsonb, \"userId\" text, \"orchestraId\""
            + " text, \"subdomain\" text, \"ip\" text, \"userAgent\" text, \"requestId\" text,"
            + " \"duration\" integer); insert into \"SystemLog\" (\"id\", \"timestamp\", \"level\","
            + " \"category\", \"message\", \"metadata\") values ('log1', '2025-07-04 10:00:00.001',"
            + " 'info', 'email', 'sent', '{\"to\": 3}'), ('log2', '2025-07-04 10:00:00.002',"
            + " 'error', 'request', 'failed', null)");
    AdminCli admin = AdminCli.forCentral(central, work.resolve("move"));
    String database = orchestra.address().database();

    AdminCli.Result check = admin.run("schema", "check", "--orchestra", "sco");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.out()).contains("SystemLog (2 rows)");

    // The registry entry whose database carries another orchestra's marker is never cleaned.
    AdminCli.Result wrong =
        admin.run(
            "schema",
            "clean",
            "--orchestra",
            "wrong",
            "--confirm",
            stranger.address().database(),
            "--backup-dir",
            work.resolve("move-backups").toString());
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.err()).contains("orch-other", "nothing was changed");

    AdminCli.Result clean =
        admin.run(
            "schema",
            "clean",
            "--orchestra",
            "sco",
            "--confirm",
            database,
            "--backup-dir",
            work.resolve("move-backups").toString());
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out())
        .contains("target: orchestra sco (id orch-sco), database " + database, "marker orch-sco")
        .contains("moved 2 rows to central SystemLog");
    assertThat(exists(orchestra, "SystemLog")).isFalse();
    assertThat(rows(central, "SystemLog"))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).contains("\"orchestraId\":\"orch-sco\""))
        .anySatisfy(
            row -> assertThat(row).contains("\"metadata\":{\"to\": 3}", "2025-07-04T10:00:00.001"));
    assertThat(admin.run("schema", "check", "--orchestra", "sco").exitCode()).isZero();
    try (Stream<Path> files = Files.walk(work.resolve("move-backups"))) {
      assertThat(files.filter(f -> f.endsWith("SystemLog.json"))).hasSize(1);
    }
  }

  private static long count(DatabaseLogin database, String table) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select count(*) from \"" + table + "\"")) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Registers an orchestra in central, pointing at its database. */
  private static void register(DatabaseLogin central, String id, String subdomain, DatabaseLogin db)
      throws Exception {
    FleetTestDatabases.register(central, id, subdomain, "active", 100, db);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static JsonObject withStructure(JsonObject backup, String key, JsonValue value) {
    return Json.createObjectBuilder(backup)
        .add(
            "structure",
            Json.createObjectBuilder(backup.getJsonObject("structure")).add(key, value))
        .build();
  }

  @Test
  void aDatabaseThatIsNotCentralIsNeitherCleanedNorRestoredIntoAsCentral() throws Exception {
    // An orchestra's database configured as central: seen as central, every table is misplaced.
    DatabaseLogin orchestra = POSTGRES.createOrchestra("notcentral", "orch-nc");
    POSTGRES.execute(
        orchestra,
        "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
            + " \"updatedAt\") values ('MUS001', 'A', 'A', 'a@example.org', now())");
    String name = orchestra.address().database();
    AdminCli asCentral = AdminCli.forCentral(orchestra, work.resolve("notcentral"));
    Path backups = work.resolve("notcentral-backups");

    AdminCli.Result clean =
        asCentral.run(
            "schema", "clean", "--central", "--confirm", name, "--backup-dir", backups.toString());

    assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(1);
    assertThat(clean.err()).contains("OrchestraIdentity", "not central", "nothing was changed");
    assertThat(count(orchestra, "Musician")).isEqualTo(1);
    assertThat(backups).doesNotExist();

    DatabaseLogin source = centralWithOrchestraTables("notcentral_source");
    AdminCli.Result sourceClean =
        AdminCli.forCentral(source, work.resolve("notcentral_source"))
            .run(
                "schema",
                "clean",
                "--central",
                "--confirm",
                source.address().database(),
                "--backup-dir",
                work.resolve("notcentral-source-backups").toString(),
                "--json");
    assertThat(sourceClean.exitCode()).as(sourceClean.toString()).isZero();
    String backup = sourceClean.json().getString("backupDirectory");

    // Without the backed-up tables, only its marker tells the orchestra's database apart.
    POSTGRES.execute(orchestra, "drop table \"Musician\", \"Project\" cascade");
    AdminCli.Result intoOrchestra =
        asCentral.run("schema", "restore-backup", backup, "--central", "--confirm", name);
    assertThat(intoOrchestra.exitCode()).as(intoOrchestra.toString()).isEqualTo(1);
    assertThat(intoOrchestra.err()).contains("OrchestraIdentity", "nothing was restored");
    assertThat(exists(orchestra, "Musician")).isFalse();

    DatabaseLogin empty = POSTGRES.createEmpty("notcentral_empty");
    AdminCli.Result intoEmpty =
        AdminCli.forCentral(empty, work.resolve("notcentral_empty"))
            .run(
                "schema",
                "restore-backup",
                backup,
                "--central",
                "--confirm",
                empty.address().database());
    assertThat(intoEmpty.exitCode()).as(intoEmpty.toString()).isEqualTo(1);
    assertThat(intoEmpty.err()).contains("lacks the central tables", "nothing was restored");
    assertThat(exists(empty, "Musician")).isFalse();
  }

  @Test
  void backupsAreOwnerOnlyAndARestoreRunsNoStatementItCannotVouchFor() throws Exception {
    DatabaseLogin central = centralWithOrchestraTables("vouch_central");
    String name = central.address().database();
    AdminCli admin = AdminCli.forCentral(central, work.resolve("vouch"));
    Path backups = work.resolve("vouch-backups");
    AdminCli.Result clean =
        admin.run(
            "schema",
            "clean",
            "--central",
            "--confirm",
            name,
            "--backup-dir",
            backups.toString(),
            "--json");
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    Path directory = Path.of(clean.json().getString("backupDirectory"));

    assertThat(permissions(backups)).isEqualTo("rwx------");
    assertThat(permissions(directory)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.toList())
          .hasSize(2)
          .allSatisfy(file -> assertThat(permissions(file)).isEqualTo("rw-------"));
    }

    JsonObject musician = JsonDocuments.readObject(directory.resolve("Musician.json"));
    JsonObject structure = musician.getJsonObject("structure");
    String index = structure.getJsonArray("indexes").getString(0);
    JsonObject primaryKey = structure.getJsonArray("constraints").getJsonObject(0);
    assertThat(primaryKey.getString("type")).isEqualTo("p");
    Map<String, JsonObject> forged = new LinkedHashMap<>();
    forged.put(
        "second-statement",
        withStructure(
            musician,
            "indexes",
            Json.createArrayBuilder()
                .add(index + "; CREATE TABLE \"injected\" (\"x\" integer)")
                .build()));
    forged.put(
        "other-table-index",
        withStructure(
            musician,
            "indexes",
            Json.createArrayBuilder()
                .add("CREATE INDEX \"injected\" ON public.\"User\" USING btree (email)")
                .build()));
    forged.put(
        "second-action",
        withStructure(
            musician,
            "constraints",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder(primaryKey)
                        .add(
                            "definition",
                            primaryKey.getString("definition") + ", ADD COLUMN \"injected\" text"))
                .build()));
    forged.put(
        "other-table-structure", withStructure(musician, "table", Json.createValue("injected")));
    for (Map.Entry<String, JsonObject> forgery : forged.entrySet()) {
      Path file = work.resolve("forged-" + forgery.getKey() + ".json");
      Files.writeString(file, JsonDocuments.pretty(forgery.getValue()));

      AdminCli.Result refused =
          admin.run("schema", "restore-backup", file.toString(), "--central", "--confirm", name);

      assertThat(refused.exitCode()).as(forgery.getKey() + ": " + refused).isEqualTo(1);
      assertThat(refused.err()).contains("nothing was restored");
      assertThat(exists(central, "Musician")).isFalse();
      assertThat(exists(central, "injected")).isFalse();
      try (Connection connection = central.connect();
          Statement statement = connection.createStatement();
          ResultSet found =
              statement.executeQuery(
                  "select count(*) from pg_indexes where indexname = 'injected'")) {
        found.next();
        assertThat(found.getLong(1)).as(forgery.getKey()).isZero();
      }
    }

    // Rows that break the table's own primary key: the error names the constraint, not the rows.
    JsonArray rows = musician.getJsonArray("rows");
    Path doubled = work.resolve("doubled-Musician.json");
    Files.writeString(
        doubled,
        JsonDocuments.pretty(
            Json.createObjectBuilder(musician)
                .add("rows", Json.createArrayBuilder(rows).add(rows.get(0)))
                .add("rowCount", rows.size() + 1)
                .build()));
    AdminCli.Result broken =
        admin.run("schema", "restore-backup", doubled.toString(), "--central", "--confirm", name);
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
    assertThat(broken.err())
        .contains("Musician_pkey")
        .doesNotContain("Key (", "is duplicated", "Detail");
    assertThat(exists(central, "Musician")).isFalse();

    AdminCli.Result restore =
        admin.run("schema", "restore-backup", directory.toString(), "--central", "--confirm", name);
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(count(central, "Musician")).isEqualTo(3);
  }

  @Test
  void aLegacySystemLogWhoseColumnsDoNotFitCentralIsNotMovedAndTheMisfitsAreNamed()
      throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("misfit_central");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    DatabaseLogin orchestra = POSTGRES.createOrchestra("misfit_sco", "orch-misfit");
    register(central, "orch-misfit", "misfit", orchestra);
    // No category (central requires one), and a column central has no place for.
    POSTGRES.execute(
        orchestra,
        "create table \"SystemLog\" (\"id\" text primary key, \"timestamp\" timestamp(3) not null"
            + " default current_timestamp, \"level\" text not null, \"message\" text not null,"
            + " \"legacyNote\" text); insert into \"SystemLog\" (\"id\", \"level\", \"message\","
            + " \"legacyNote\") values ('log1', 'info', 'sent', 'kept only here')");
    AdminCli admin = AdminCli.forCentral(central, work.resolve("misfit"));
    Path backups = work.resolve("misfit-backups");

    AdminCli.Result clean =
        admin.run(
            "schema",
            "clean",
            "--orchestra",
            "misfit",
            "--confirm",
            orchestra.address().database(),
            "--backup-dir",
            backups.toString());

    assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(1);
    assertThat(clean.err()).contains("legacyNote", "category", "nothing was changed");
    assertThat(count(orchestra, "SystemLog")).isEqualTo(1);
    assertThat(count(central, "SystemLog")).isZero();
    assertThat(backups).doesNotExist();
  }
}
