package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

  @Test
  void parsesHostPortAndDatabaseIgnoringParameters() {
    DatabaseAddress address =
        DatabaseAddress.parse("jdbc:postgresql://db.example:6543/orch_a?ssl=true");

    assertThat(address).isEqualTo(new DatabaseAddress("db.example", 6543, "orch_a"));
    assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orch_a");
  }

  @Test
  void theDefaultPortIsPostgresql() {
    assertThat(DatabaseAddress.parse("jdbc:postgresql://localhost/ripieno").port()).isEqualTo(5432);
  }

  @Test
  void refusesWhatIsNotAPostgresqlUrl() {
    assertThatThrownBy(() -> DatabaseAddress.parse("postgresql://u:p@host/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a PostgreSQL JDBC URL");
  }

  @Test
  void aLoginNeverPrintsItsPassword() {
    DatabaseLogin login =
        new DatabaseLogin(new DatabaseAddress("h", 5432, "d"), "ripieno", "s3cret", "ripieno:test");

    assertThat(login.toString()).isEqualTo("ripieno@h:5432/d").doesNotContain("s3cret");
  }
}
