package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.datasafety.archive.OrchestraRows;
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
    String name = POSTGRES.uniqueName("transfer_behind");
    POSTGRES.execute("CREATE DATABASE " + name);
    DatabaseLogin behind = POSTGRES.login(name);
    Migrations.flywayConfiguration(behind.dataSource(), DatabaseKind.ORCHESTRA)
        .target("2")
        .load()
        .migrate();
    try (Connection connection = behind.connect()) {
      IdentityMarker.write(connection, "orch-behind");
    }
    register("orch-behind", "behind", name);

    AdminCli.Result unknown = admin.run("orchestras", "migrate", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(2);

    AdminCli.Result migrated = admin.run("orchestras", "migrate", "behind");

    assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
    assertThat(migrated.out()).contains("behind: MIGRATED (version 3)", "1 migrated");
    assertThat(Migrations.version(behind.dataSource(), DatabaseKind.ORCHESTRA).current())
        .isEqualTo("3");
    assertThat(
            OrchestraRows.text(
                central, "select \"schemaVersion\" from \"Orchestra\" where id = 'orch-behind'"))
        .isEqualTo("3");
  }

  @Test
  void adoptNeedsTheDatabaseNameAndTakesOverALegacyDatabase() throws Exception {
    String name = POSTGRES.uniqueName("transfer_legacy");
    POSTGRES.execute("CREATE DATABASE " + name);
    DatabaseLogin legacy = POSTGRES.login(name);
    Migrations.flywayConfiguration(legacy.dataSource(), DatabaseKind.ORCHESTRA)
        .target("1")
        .load()
        .migrate();
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
        .isEqualTo("3");
    assertThat(
            OrchestraRows.count(
                central, "select count(*) from \"Orchestra\" where subdomain = 'legacy-orch'"))
        .isEqualTo(1);
  }

  private static void register(String id, String subdomain, String database) throws Exception {
    POSTGRES.execute(
        central,
        "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\", \"status\","
            + " \"contactName\", \"contactEmail\", \"updatedAt\", \"provisioningState\","
            + " \"databaseHost\", \"databasePort\", \"databaseName\") values ('"
            + id
            + "', '"
            + id
            + "', '"
            + subdomain
            + "', '"
            + subdomain
            + "', 'active', 'A', 'a@example.org', now(), 'ACTIVE', '"
            + source.address().host()
            + "', "
            + source.address().port()
            + ", '"
            + database
            + "')");
  }
}
