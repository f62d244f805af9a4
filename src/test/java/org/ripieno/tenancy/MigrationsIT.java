package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.testing.TestPostgres;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsIT {

  private final TestPostgres postgres = new TestPostgres();

  @AfterAll
  void drop() throws SQLException {
    postgres.close();
  }

  @Test
  void aDatabaseMigratedByNewerCodeIsAheadAndTheExpectedVersionStaysThisCodes()
      throws SQLException {
    DatabaseLogin database = postgres.createOrchestra("ahead", "orch-ahead");
    String ours = Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA).expected();
    postgres.execute(
        database,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer"
            + " release', 'SQL', 'V99__newer.sql', 1, 'postgres', 1, true)");

    Migrations.SchemaVersion version =
        Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA);

    assertThat(version.current()).isEqualTo("99");
    assertThat(version.expected()).isEqualTo(ours);
    assertThat(version.isAhead()).isTrue();
    assertThat(version.isBehind()).isFalse();
  }

  @Test
  void theScriptsHeldInMemoryAreTheOnesFlywayScansWithTheSameChecksums() throws SQLException {
    DatabaseLogin database = postgres.createEmpty("scanned");
    // Migrated by a Flyway of its own, which scans the classpath and reads every script itself.
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(database.dataSource())
        .locations("classpath:" + DatabaseKind.ORCHESTRA.migrationLocation())
        .table(DatabaseKind.MIGRATION_HISTORY_TABLE)
        .load()
        .migrate();
    long scripts =
        postgres.queryLong(database, "select count(*) from flyway_schema_history where success");

    ValidateResult validation =
        Migrations.flyway(database.dataSource(), DatabaseKind.ORCHESTRA).validateWithResult();
    MigrationInfo[] held =
        Migrations.flyway(database.dataSource(), DatabaseKind.ORCHESTRA).info().all();

    assertThat(validation.validationSuccessful).isTrue();
    assertThat(held).hasSize((int) scripts);
    assertThat(Arrays.stream(held).map(MigrationInfo::getChecksum))
        .doesNotContainNull()
        .hasSize((int) scripts);
    assertThat(scripts)
        .isEqualTo(
            new java.io.File("src/main/resources/" + DatabaseKind.ORCHESTRA.migrationLocation())
                .list((dir, name) -> name.endsWith(".sql"))
                .length);
  }

  @Test
  void thePlainHistoryGivesFlywaysVersionInOneQuery() throws SQLException {
    DatabaseLogin database = postgres.createOrchestra("plain", "orch-plain");

    Optional<Migrations.SchemaVersion> plain;
    try (Connection connection = database.connect()) {
      plain = Migrations.plainVersion(connection, DatabaseKind.ORCHESTRA);
    }

    assertThat(plain).contains(Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA));
    assertThat(plain.orElseThrow().isBehind()).isFalse();
  }

  @Test
  void aVersionAheadIsReadPlainlyToo() throws SQLException {
    DatabaseLogin database = postgres.createOrchestra("plainahead", "orch-plainahead");
    postgres.execute(
        database,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer"
            + " release', 'SQL', 'V99__newer.sql', 1, 'postgres', 1, true)");

    try (Connection connection = database.connect()) {
      Migrations.SchemaVersion plain =
          Migrations.plainVersion(connection, DatabaseKind.ORCHESTRA).orElseThrow();
      assertThat(plain.current()).isEqualTo("99");
      assertThat(plain.isAhead()).isTrue();
    }
  }

  @Test
  void aFailedMigrationOrAMissingHistoryIsLeftToFlyway() throws SQLException {
    DatabaseLogin failed = postgres.createOrchestra("plainfailed", "orch-plainfailed");
    postgres.execute(
        failed,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'broken',"
            + " 'SQL', 'V99__broken.sql', 1, 'postgres', 1, false)");
    DatabaseLogin empty = postgres.createEmpty("plainnohistory");

    try (Connection toFailed = failed.connect();
        Connection toEmpty = empty.connect()) {
      assertThat(Migrations.plainVersion(toFailed, DatabaseKind.ORCHESTRA)).isEmpty();
      assertThat(Migrations.plainVersion(toEmpty, DatabaseKind.ORCHESTRA)).isEmpty();
      // The connection is still usable: the failed query ran outside a transaction.
      assertThat(toEmpty.isValid(1)).isTrue();
    }
  }

  @Test
  void aMigrationOverAHeldConnectionOpensNoSessionAndLeavesTheSessionAsItWas() throws Exception {
    DatabaseLogin database = FleetTestDatabases.oneBehind(postgres, "heldok", "orch-heldok");
    String latest = FleetTestDatabases.latestVersion(database.dataSource());
    long sessions = settledSessions(database);

    try (Connection connection = database.connect()) {
      holdAnAdvisoryLockOfTheCallers(connection);

      var result = Migrations.migrate(connection, DatabaseKind.ORCHESTRA);

      assertThat(result.migrationsExecuted).isEqualTo(1);
      assertThat(Migrations.version(connection, DatabaseKind.ORCHESTRA).current())
          .isEqualTo(latest);
      assertThat(
              Migrations.plainVersion(connection, DatabaseKind.ORCHESTRA).orElseThrow().current())
          .isEqualTo(latest);
      assertThat(connection.getAutoCommit()).isTrue();
      // The caller's lock is still held, and Flyway's own is released.
      assertThat(advisoryLocksHeld(connection)).isEqualTo(1);
    }
    // A session is counted for certain once it has ended: the caller's own is the only one.
    assertThat(settledSessions(database) - sessions).isEqualTo(1);
  }

  @Test
  void aFailedMigrationOverAHeldConnectionIsRolledBackAndLeavesTheSessionUsable() throws Exception {
    DatabaseLogin database = FleetTestDatabases.oneBehind(postgres, "heldfail", "orch-heldfail");
    String behind = FleetTestDatabases.currentVersion(database);
    long historyRows = postgres.queryLong(database, "select count(*) from flyway_schema_history");

    try (Connection connection = database.connect()) {
      holdAnAdvisoryLockOfTheCallers(connection);
      // Every migration fails: its transaction is read-only.
      try (var statement = connection.createStatement()) {
        statement.execute("set default_transaction_read_only = on");
      }

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Migrations.migrate(connection, DatabaseKind.ORCHESTRA))
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("read-only");

      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(advisoryLocksHeld(connection)).isEqualTo(1);
      try (var statement = connection.createStatement()) {
        statement.execute("reset default_transaction_read_only");
      }
      assertThat(Migrations.version(connection, DatabaseKind.ORCHESTRA).current())
          .isEqualTo(behind);
    }
    assertThat(postgres.queryLong(database, "select count(*) from flyway_schema_history"))
        .isEqualTo(historyRows);
  }

  private static void holdAnAdvisoryLockOfTheCallers(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var result = statement.executeQuery("select pg_try_advisory_lock(7, 7)")) {
      result.next();
      assertThat(result.getBoolean(1)).isTrue();
    }
  }

  private static long advisoryLocksHeld(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "select count(*) from pg_locks"
                    + " where locktype = 'advisory' and pid = pg_backend_pid()")) {
      result.next();
      return result.getLong(1);
    }
  }

  private long settledSessions(DatabaseLogin database) throws Exception {
    return postgres.settledSessions(database);
  }
}
