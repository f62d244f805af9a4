package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
}
