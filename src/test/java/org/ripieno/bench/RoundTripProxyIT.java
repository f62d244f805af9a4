package org.ripieno.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.TestPostgres;

/**
 * The benchmark's round-trip counter, in front of the real PostgreSQL: each statement pgjdbc
 * executes is one round trip, prepared or not, and the SQL passes through unchanged.
 */
class RoundTripProxyIT {

  @Test
  void countsOneRoundTripPerStatementAndKeepsTheSqlItSaw() throws Exception {
    TestPostgres postgres = new TestPostgres();
    DatabaseAddress server = postgres.server().address();
    try (RoundTripProxy proxy = new RoundTripProxy(server.host(), server.port())) {
      DatabaseLogin viaProxy =
          new DatabaseLogin(
              new DatabaseAddress("127.0.0.1", proxy.port(), server.database()),
              postgres.server().user(),
              postgres.server().password(),
              "ripieno-test");
      try (Connection connection = viaProxy.connect()) {
        long before = proxy.roundTrips();
        proxy.record(true);
        try (PreparedStatement select = connection.prepareStatement("select ?::int + 1")) {
          // More uses than pgjdbc's threshold for preparing on the server (5): counted alike.
          for (int i = 0; i < 7; i++) {
            select.setInt(1, i);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              assertThat(row.getInt(1)).isEqualTo(i + 1);
            }
          }
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("select 'plain'");
        }
        proxy.record(false);

        assertThat(proxy.roundTrips() - before).isEqualTo(8);
        assertThat(proxy.statements())
            .anyMatch(sql -> sql.contains("select $1::int + 1"))
            .anyMatch(sql -> sql.contains("select 'plain'"));
        assertThat(proxy.messages()).contains("S");
      }
    }
  }
}
