package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.datasafety.archive.OrchestraRows;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.TestPostgres;

/**
 * {@code orchestras export | import | migrate | adopt} as an operator runs them: target lines, exit
 * codes, and what they change. The transfer and adoption rules themselves are tested in {@code
 * OrchestraArchiveIT} and {@code OrchestraAdoptionIT}.
 */
class OrchestrasTransferCommandsIT {

  private static final TestPostgres POSTGRES = new TestPostgres();

  @TempDir static Path work;

  private static DatabaseLogin central;
  private static DatabaseLogin source;
  private static AdminCli admin;

  @BeforeAll
  static void registry() throws Exception {
    central = POSTGRES.createEmpty("transfer_central");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    source = POSTGRES.createOrchestra("transfer_source", "orch-source");
    OrchestraRows.fill(source, false);
    register("orch-source", "source", source.address().database());
    admin = AdminCli.forCentral(central, work);
    // Databases the commands create get this run's prefix, so they are dropped with it.
    Files.writeString(
        admin.config(),
        "ripieno.provisioning.database-prefix=" + POSTGRES.runPrefix() + "\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    POSTGRES.close();
  }

  @Test
  void exportThenImportUnderANewNameGivesAServedCopyWithTheSameRows() throws Exception {
    Path file = work.resolve("source.json");

    AdminCli.Result exported =
        admin.run("orchestras", "export", "source", "--out", file.toString());

    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(exported.out().lines().findFirst())
        .hasValueSatisfying(line -> assertThat(line).startsWith("target: central database"));
    assertThat(exported.out()).contains("target: orchestra source", "Musician");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    AdminCli.Result imported =
        admin.run("orchestras", "import", file.toString(), "--as", "source-copy");

    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    String copyDatabase =
        OrchestraRows.text(
            central, "select \"databaseName\" from \"Orchestra\" where subdomain = 'source-copy'");
    // The database it creates is named before it is created, with its orchestra.
    String importTarget =
        "target: orchestra source-copy (new, id "
            + OrchestraRows.text(
                central, "select \"id\" from \"Orchestra\" where subdomain = 'source-copy'")
            + "), new database "
            + copyDatabase
            + " at ";
    assertThat(imported.out()).contains(importTarget, "to be created");
    assertThat(imported.out().indexOf(importTarget))
        .isLessThan(imported.out().indexOf("imported as source-copy"));
    DatabaseLogin copy = POSTGRES.login(copyDatabase);
    List<String> tables = List.of("Musician", "Project", "Instrument", "Ranking", "IdSequence");
    assertThat(OrchestraRows.contents(copy, tables))
        .isEqualTo(OrchestraRows.contents(source, tables));
    try (Connection connection = copy.connect()) {
      assertThat(IdentityMarker.read(connection))
          .hasValueSatisfying(marker -> assertThat(marker).isNotEqualTo("orch-source"));
    }

    AdminCli.Result again =
        admin.run("orchestras", "import", file.toString(), "--as", "source-copy");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    AdminCli.Result badName = admin.run("orchestras", "import", file.toString(), "--as", "Bad_Sub");
    assertThat(badName.exitCode()).as(badName.toString()).isEqualTo(2);
    assertThat(badName.err()).contains("2 to 40");
  }

  @Test
  void migrateBringsAnOrchestraThatIsBehindToTheCurrentVersionAndRecordsIt() throws Exception {
    DatabaseLogin behind = registeredAtVersion2("orch-behind", "behind");
    String name = behind.address().database();

    AdminCli.Result unknown = admin.run("orchestras", "migrate", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("There is no orchestra nobody in the registry");

    AdminCli.Result migrated = admin.run("orchestras", "migrate", "behind");

    assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
    String latest = Migrations.latestVersion(behind.dataSource(), DatabaseKind.ORCHESTRA);
    assertThat(migrated.out()).contains("behind: MIGRATED (version " + latest + ")", "1 migrated");
    // Each orchestra database is named before the run works on it.
    String target = "target: orchestra behind (id orch-behind), database " + name + " at ";
    assertThat(migrated.out()).contains(target);
    assertThat(migrated.out().indexOf(target))
        .isLessThan(migrated.out().indexOf("behind: MIGRATED"));
    assertThat(Migrations.version(behind.dataSource(), DatabaseKind.ORCHESTRA).current())
        .isEqualTo(latest);
    assertThat(
            OrchestraRows.text(
                central, "select \"schemaVersion\" from \"Orchestra\" where id = 'orch-behind'"))
        .isEqualTo(latest);
  }

  @Test
  void migrateWritesTheResultsToCentralOverAFewSessionsNotOneForEachOrchestra() throws Exception {
    List<String> subdomains = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      registeredAtVersion2("orch-fleet" + i, "fleet" + i);
      subdomains.add("fleet" + i);
    }

    long beforeOne = POSTGRES.settledSessions(central);
    AdminCli.Result one = admin.run("orchestras", "migrate", subdomains.get(0));
    long afterOne = POSTGRES.settledSessions(central);
    List<String> six = new ArrayList<>(List.of("orchestras", "migrate"));
    six.addAll(subdomains.subList(1, 6));
    AdminCli.Result five = admin.run(six.toArray(String[]::new));
    long afterFive = POSTGRES.settledSessions(central);

    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(five.exitCode()).as(five.toString()).isZero();
    assertThat(five.out()).contains("5 migrated");
    // Five orchestras may cost central three sessions more than one did (the default four workers
    // each hold one), not a session for each result and two for each name checked (twelve more).
    assertThat((afterFive - afterOne) - (afterOne - beforeOne)).isLessThanOrEqualTo(3);
  }

  @Test
  void adoptNeedsTheDatabaseNameAndTakesOverALegacyDatabase() throws Exception {
    DatabaseLogin legacy = atVersion("1", "transfer_legacy");
    String name = legacy.address().database();
    POSTGRES.execute(legacy, "drop table flyway_schema_history");
    String url = legacy.address().jdbcUrl();

    AdminCli.Result dryRun =
        admin.run("orchestras", "adopt", "legacy-orch", "--url", url, "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out()).contains("target: legacy database");
    AdminCli.Result unconfirmed = admin.run("orchestras", "adopt", "legacy-orch", "--url", url);
    assertThat(unconfirmed.exitCode()).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("--confirm " + name);
    assertThat(
            OrchestraRows.count(
                central, "select count(*) from \"Orchestra\" where subdomain = 'legacy-orch'"))
        .isZero();

    AdminCli.Result adopted =
        admin.run("orchestras", "adopt", "legacy-orch", "--url", url, "--confirm", name);

    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(Migrations.version(legacy.dataSource(), DatabaseKind.ORCHESTRA).current())
        .isEqualTo(Migrations.latestVersion(legacy.dataSource(), DatabaseKind.ORCHESTRA));
    // Without a user, the entry keeps no login: the orchestra is served with its server's.
    assertThat(
            OrchestraRows.text(
                central,
                "select concat_ws('|', coalesce(\"databaseUser\", 'none'),"
                    + " coalesce(\"databasePassword\", 'none')) from \"Orchestra\""
                    + " where subdomain = 'legacy-orch'"))
        .isEqualTo("none|none");

    AdminCli.Result lonelyPassword =
        admin.run(
            "orchestras",
            "adopt",
            "legacy-other",
            "--url",
            url,
            "--password",
            "lonely-pw",
            "--dry-run");
    assertThat(lonelyPassword.exitCode()).as(lonelyPassword.toString()).isEqualTo(2);
    assertThat(lonelyPassword.err()).contains("A password without a user");
  }

  @Test
  void adoptTakesALegacyUrlWithItsLoginAndNeverPrintsThePassword() throws Exception {
    DatabaseLogin legacy = atVersion("1", "transfer_legacy_url");
    String name = legacy.address().database();
    POSTGRES.execute(legacy, "drop table flyway_schema_history");
    String secret = "legacy-secret-pw";
    String legacyUrl =
        "postgresql://"
            + legacy.user()
            + ":"
            + secret
            + "@"
            + legacy.address().host()
            + ":"
            + legacy.address().port()
            + "/"
            + name
            + "?pgbouncer=true&connection_limit=1";

    AdminCli.Result unreadable =
        admin.run(
            "orchestras",
            "adopt",
            "legacy-url",
            "--url",
            "postgresql://" + legacy.user() + ":" + secret + "@db.example.org:port/" + name,
            "--dry-run");
    assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(2);
    assertThat(unreadable.err()).contains("postgresql://***@db.example.org:port/" + name);
    assertThat(unreadable.toString()).doesNotContain(secret);

    AdminCli.Result dryRun =
        admin.run("orchestras", "adopt", "legacy-url", "--url", legacyUrl, "--dry-run", "--json");
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.err())
        .contains(
            "target: legacy database " + name,
            "(user " + legacy.user() + "), its own login",
            "not carried",
            "pgbouncer=true");
    assertThat(dryRun.toString()).doesNotContain(secret);

    AdminCli.Result adopted =
        admin.run("orchestras", "adopt", "legacy-url", "--url", legacyUrl, "--confirm", name);

    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(adopted.toString()).doesNotContain(secret);
    assertThat(
            OrchestraRows.text(
                central,
                "select concat_ws('|', \"databaseHost\", \"databasePort\", \"databaseName\","
                    + " \"databaseUser\") from \"Orchestra\" where subdomain = 'legacy-url'"))
        .isEqualTo(
            String.join(
                "|",
                legacy.address().host(),
                Integer.toString(legacy.address().port()),
                name,
                legacy.user()));
    String stored =
        OrchestraRows.text(
            central,
            "select \"databasePassword\" from \"Orchestra\" where subdomain = 'legacy-url'");
    assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);
    SecretBox box =
        new SecretBox(
            SecretBox.Key.fromBytes(Base64.getDecoder().decode(AdminCli.SECRET_KEY)), List.of());
    assertThat(box.decrypt(stored)).isEqualTo(secret);
  }

  /** An orchestra database at version 2, marked for its orchestra and registered in central. */
  private static DatabaseLogin registeredAtVersion2(String id, String subdomain) throws Exception {
    DatabaseLogin database = atVersion("2", "transfer_" + subdomain);
    try (Connection connection = database.connect()) {
      IdentityMarker.write(connection, id);
    }
    register(id, subdomain, database.address().database());
    return database;
  }

  /** A new database with the orchestra migrations up to a version. */
  private static DatabaseLogin atVersion(String version, String purpose) throws Exception {
    String name = POSTGRES.uniqueName(purpose);
    POSTGRES.execute("CREATE DATABASE " + name);
    DatabaseLogin database = POSTGRES.login(name);
    Migrations.flywayConfiguration(database.dataSource(), DatabaseKind.ORCHESTRA)
        .target(version)
        .load()
        .migrate();
    return database;
  }

  private static void register(String id, String subdomain, String database) throws Exception {
    FleetTestDatabases.register(central, id, subdomain, "active", 100, POSTGRES.login(database));
  }
}
