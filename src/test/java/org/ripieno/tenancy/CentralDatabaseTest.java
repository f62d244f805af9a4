package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class CentralDatabaseTest {

  @Test
  void aRefusedOrMissingDatabaseIsUnreachable() {
    assertThat(
            CentralDatabase.cannotConnect(
                new FlywayException(
                    "Unable to obtain connection",
                    new SQLException(
                        "database \"x\" is not currently accepting connections", "55000"))))
        .isTrue();
    assertThat(CentralDatabase.cannotConnect(new SQLException("no such database", "3D000")))
        .isTrue();
    assertThat(CentralDatabase.cannotConnect(new SQLException("refused", "08001"))).isTrue();
    assertThat(
            CentralDatabase.cannotConnect(
                new RuntimeException(new SQLTransientConnectionException("timed out"))))
        .isTrue();
  }

  @Test
  void aFailedMigrationIsNotAboutReachingIt() {
    assertThat(CentralDatabase.cannotConnect(new FlywayException("Use baseline()"))).isFalse();
    assertThat(CentralDatabase.cannotConnect(new SQLException("syntax", "42601"))).isFalse();
  }
}
