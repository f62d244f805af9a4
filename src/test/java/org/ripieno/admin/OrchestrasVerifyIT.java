package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.TestPostgres;

/**
 * {@code orchestras verify}: an unreachable database and one carrying another orchestra's marker
 * fail the run and are named; a baseline catches a count that dropped.
 */
class OrchestrasVerifyIT {

  private static final TestPostgres POSTGRES = new TestPostgres();

  @TempDir static Path work;

  private static DatabaseLogin central;
  private static DatabaseLogin good;
  private static AdminCli admin;

  @BeforeAll
  static void registry() throws Exception {
    central = POSTGRES.createEmpty("verify_central");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    good = POSTGRES.createOrchestra("verify_good", "orch-good");
    DatabaseLogin other = POSTGRES.createOrchestra("verify_other", "orch-other");
    register("orch-good", "good", good.address().database());
    // Points at a database that does not exist.
    register("orch-gone", "gone", POSTGRES.uniqueName("verify_missing"));
    // Points at another orchestra's database (the legacy I-5 incident).
    register("orch-swapped", "swapped", other.address().database());
    POSTGRES.execute(
        good,
        "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
            + " \"updatedAt\") values ('MUS001', 'A', 'A', 'a@example.org', now()),"
            + " ('MUS002', 'B', 'B', 'b@example.org', now())");
    admin = AdminCli.forCentral(central, work);
  }

  private static void register(String id, String subdomain, String database) throws Exception {
    register(central, id, subdomain, database);
  }

  private static void register(DatabaseLogin registry, String id, String subdomain, String database)
      throws Exception {
    FleetTestDatabases.register(registry, id, subdomain, "active", 100, POSTGRES.login(database));
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    POSTGRES.close();
  }

  @Test
  void anUnreachableDatabaseAndOneWithAnotherOrchestrasMarkerFailTheRunByName() {
    AdminCli.Result result = admin.run("orchestras", "verify", "--all");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .contains("target: orchestra good (id orch-good)", "target: orchestra gone (id orch-gone)")
        .containsPattern("orchestra good: OK, its own marker, schema version \\d+, 2 musicians")
        .containsPattern(
            "orchestra gone: FAILED, Cannot be reached: .*"
                + POSTGRES.uniqueName("verify_missing")
                + ".* does not exist")
        .contains(
            "orchestra swapped: FAILED, The identity marker names orchestra orch-other, not this"
                + " one");
  }

  @Test
  void theJsonDocumentSaysWhichOrchestrasFailed() {
    AdminCli.Result result = admin.run("orchestras", "verify", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    JsonObject report = result.json();
    assertThat(report.getInt("exitCode")).isEqualTo(1);
    assertThat(report.getJsonArray("orchestras")).hasSize(3);
    assertThat(report.getJsonArray("failures").toString())
        .contains("gone", "swapped")
        .doesNotContain("good:");
    assertThat(result.err()).contains("target: central database");
  }

  @Test
  void aBaselineFailsTheRunWhenACountDropped() throws Exception {
    Path baseline = work.resolve("baseline.json");
    AdminCli.Result write =
        admin.run("orchestras", "verify", "good", "--write-baseline", baseline.toString());
    assertThat(write.exitCode()).as(write.toString()).isZero();
    assertThat(
            admin.run("orchestras", "verify", "good", "--baseline", baseline.toString()).exitCode())
        .isZero();

    POSTGRES.execute(good, "delete from \"Musician\" where \"musicianId\" = 'MUS002'");
    try {
      AdminCli.Result dropped =
          admin.run("orchestras", "verify", "good", "--baseline", baseline.toString());
      assertThat(dropped.exitCode()).as(dropped.toString()).isEqualTo(1);
      assertThat(dropped.out()).contains("good: musicians dropped from 2 to 1");
    } finally {
      POSTGRES.execute(
          good,
          "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
              + " \"updatedAt\") values ('MUS002', 'B', 'B', 'b@example.org', now())");
    }
  }

  @Test
  void anEmptyCentralIsReportedAndLeftEmpty() throws Exception {
    DatabaseLogin empty = POSTGRES.createEmpty("verify_empty");
    AdminCli.Result result =
        AdminCli.forCentral(empty, work.resolve("empty")).run("orchestras", "verify");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("no orchestra registry");
    assertThat(
            POSTGRES.queryLong(
                "select count(*) from pg_database where datname = '"
                    + empty.address().database()
                    + "'"))
        .isEqualTo(1);
    try (var connection = empty.connect();
        var statement = connection.createStatement();
        var tables =
            statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
      tables.next();
      assertThat(tables.getLong(1)).isZero();
    }
  }

  @Test
  void schemaCheckFailsForADatabaseWithAnotherOrchestrasMarkerOrNoneAndNamesIt() throws Exception {
    AdminCli.Result swapped = admin.run("schema", "check", "--orchestra", "swapped");

    assertThat(swapped.exitCode()).as(swapped.toString()).isEqualTo(1);
    assertThat(swapped.out())
        .contains("orchestra swapped: FAILED", "orch-other")
        .doesNotContain("orchestra good");
    assertThat(admin.run("schema", "check", "--orchestra", "good").exitCode()).isZero();

    // Every orchestra table there, the marker table too, but no marker in it.
    DatabaseLogin registry = POSTGRES.createEmpty("check_registry");
    Migrations.migrate(registry.dataSource(), DatabaseKind.CENTRAL);
    DatabaseLogin unmarked = POSTGRES.createEmpty("check_unmarked");
    Migrations.migrate(unmarked.dataSource(), DatabaseKind.ORCHESTRA);
    register(registry, "orch-unmarked", "unmarked", unmarked.address().database());

    AdminCli.Result none =
        AdminCli.forCentral(registry, work.resolve("check_registry"))
            .run("schema", "check", "--orchestra", "unmarked");

    assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
    assertThat(none.out()).contains("orchestra unmarked: FAILED", "identity marker");
  }
}
