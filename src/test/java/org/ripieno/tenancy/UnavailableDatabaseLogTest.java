package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.junit.jupiter.api.Test;

class UnavailableDatabaseLogTest {

  private final UnavailableDatabaseLog log = new UnavailableDatabaseLog();

  @Test
  void anUnavailableDatabaseOnItsWayToTheApplicationIsLoggedAtFineOnly() {
    SessionLogEntry refused =
        thrown(new OrchestraUnavailableException("refused by the breaker").markLogged());
    SessionLogEntry lost =
        thrown(DatabaseException.sqlException(new SQLException("terminating", "57P01")));
    log.log(refused);
    log.log(lost);
    assertThat(refused.getLevel()).isEqualTo(SessionLog.FINE);
    assertThat(lost.getLevel()).isEqualTo(SessionLog.FINE);
  }

  @Test
  void anyOtherExceptionKeepsItsLevel() {
    SessionLogEntry unique =
        thrown(DatabaseException.sqlException(new SQLException("duplicate key", "23505")));
    log.log(unique);
    assertThat(unique.getLevel()).isEqualTo(SessionLog.WARNING);
  }

  private static SessionLogEntry thrown(RuntimeException exception) {
    SessionLogEntry entry = new SessionLogEntry(null, exception);
    entry.setLevel(SessionLog.WARNING);
    return entry;
  }
}
