package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;
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
    assertThat(DatabaseFailures.isConnectionLost(new SQLTransientConnectionException("timed out")))
        .isFalse();
  }

  @Test
  void aPoolWithoutAFreeConnectionOrAServerWithTooManyConnectionsIsBusy() {
    assertThat(
            DatabaseFailures.isBusy(
                new RuntimeException(
                    new SQLTransientConnectionException(
                        "Connection is not available, request timed out"))))
        .isTrue();
    assertThat(DatabaseFailures.isBusy(new SQLException("too many clients", "53300"))).isTrue();
    assertThat(DatabaseFailures.isBusy(new SQLException("refused", "08001"))).isFalse();
    assertThat(DatabaseFailures.isBusy(new SQLException("unique", "23505"))).isFalse();
  }

  @Test
  void aRefusedMissingOrBusyDatabaseCannotBeConnectedTo() {
    assertThat(
            DatabaseFailures.cannotConnect(
                new FlywayException(
                    "Unable to obtain connection",
                    new SQLException(
                        "database \"x\" is not currently accepting connections", "55000"))))
        .isTrue();
    assertThat(DatabaseFailures.cannotConnect(new SQLException("no such database", "3D000")))
        .isTrue();
    assertThat(DatabaseFailures.cannotConnect(new SQLException("refused", "08001"))).isTrue();
    assertThat(
            DatabaseFailures.cannotConnect(
                new RuntimeException(new SQLTransientConnectionException("timed out"))))
        .isTrue();
    assertThat(DatabaseFailures.cannotConnect(new SQLException("too many clients", "53300")))
        .isTrue();
  }

  @Test
  void aFailedMigrationOrStatementIsNotAboutConnecting() {
    assertThat(DatabaseFailures.cannotConnect(new FlywayException("Use baseline()"))).isFalse();
    assertThat(DatabaseFailures.cannotConnect(new SQLException("syntax", "42601"))).isFalse();
  }

  @Test
  void ripienosOwnRefusalsAndEveryConnectionFailureAreUnavailable() {
    assertThat(
            DatabaseFailures.isUnavailable(
                new RuntimeException(new OrchestraUnavailableException("refused"))))
        .isTrue();
    assertThat(
            DatabaseFailures.isUnavailable(
                new CentralDatabase.CentralUnavailableException("central refused")))
        .isTrue();
    assertThat(DatabaseFailures.isUnavailable(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("timed out")))
        .isTrue();
    assertThat(DatabaseFailures.isUnavailable(new SQLException("unique", "23505"))).isFalse();
    assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void anUnavailableDatabaseIsWarnedInOneLineAnythingElseWithItsStackTrace() {
    Logger log = Logger.getLogger("DatabaseFailuresTest.warn");
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord logRecord) {
            records.add(logRecord);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.setUseParentHandlers(false);
    log.addHandler(handler);
    try {
      DatabaseFailures.warn(
          log,
          "Staffing jobs of x failed",
          new RuntimeException(
              new OrchestraUnavailableException(
                  "x cannot be reached", new SQLException("Connection refused", "08001"))));
      DatabaseFailures.warn(log, "Staffing jobs of x failed", new IllegalStateException("bug"));
    } finally {
      log.removeHandler(handler);
    }
    assertThat(records).hasSize(2);
    assertThat(records.get(0).getMessage())
        .isEqualTo("Staffing jobs of x failed: Connection refused");
    assertThat(records.get(0).getThrown()).isNull();
    assertThat(records.get(1).getThrown()).isInstanceOf(IllegalStateException.class);
    assertThat(records).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
  }
}
