package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  @Test
  void aRefusedOrClosedOrTerminatedDatabaseIsUnreachable() {
    assertThat(DatabaseFailures.isUnreachable(new SQLException("refused", "08001"))).isTrue();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("not allowed", "55000"))).isTrue();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("terminated", "57P01"))).isTrue();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("no database", "3D000"))).isTrue();
    assertThat(
            DatabaseFailures.isUnreachable(
                new RuntimeException(new SQLException("x", null, new ConnectException("refused")))))
        .isTrue();
  }

  @Test
  void aPoolTimeoutIsUnreachableOnlyWhenItsLastAttemptToConnectFailed() {
    SQLTransientConnectionException busy =
        new SQLTransientConnectionException("Connection is not available, request timed out");
    assertThat(DatabaseFailures.isUnreachable(busy)).isFalse();
    SQLTransientConnectionException down =
        new SQLTransientConnectionException(
            "Connection is not available, request timed out",
            "08001",
            new SQLException("Connection refused", "08001"));
    assertThat(DatabaseFailures.isUnreachable(down)).isTrue();
  }

  @Test
  void tooManyConnectionsOrABadStatementIsNotUnreachable() {
    assertThat(DatabaseFailures.isUnreachable(new SQLException("too many", "53300"))).isFalse();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("unique", "23505"))).isFalse();
  }

  @Test
  void aStatementHasLostItsConnectionOnlyWhenItIsBrokenOrEndedByTheServer() {
    assertThat(DatabaseFailures.isConnectionLost(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseFailures.isConnectionLost(new SQLException("terminated", "57P01"))).isTrue();
    assertThat(DatabaseFailures.isConnectionLost(new SQLException("currval", "55000"))).isFalse();
    assertThat(DatabaseFailures.isConnectionLost(new SQLException("cancel", "57014"))).isFalse();
  }
}
