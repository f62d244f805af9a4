package org.ripieno.central.fleet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The migration lock of one orchestra database: a PostgreSQL session-level advisory lock taken on a
 * connection to that database (advisory locks are per database), so two runs, from two application
 * instances or from an instance and the command line, never migrate the same database at once. It
 * is released when the connection closes, also when the process dies.
 *
 * <p>The key is the pair ({@value #NAMESPACE}, {@value #MIGRATION}); Flyway's own lock uses a
 * single 64-bit key, which PostgreSQL keeps apart from two-part keys.
 */
public final class DatabaseLock {

  /** "RPNO": every advisory lock Ripieno takes uses this first key. */
  public static final int NAMESPACE = 0x52504E4F;

  /** Second key of the lock held while a database's schema is changed. */
  public static final int MIGRATION = 1;

  private static final long POLL_MILLIS = 200;

  private DatabaseLock() {}

  /** Takes the lock if nobody holds it. */
  public static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
      lock.setInt(1, NAMESPACE);
      lock.setInt(2, MIGRATION);
      try (ResultSet result = lock.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  /**
   * Waits up to {@code wait} for the lock, asking again every 200 ms.
   *
   * @return whether the lock is held now
   */
  public static boolean await(Connection connection, Duration wait)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!tryLock(connection)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  public static void unlock(Connection connection) throws SQLException {
    try (PreparedStatement unlock =
        connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
      unlock.setInt(1, NAMESPACE);
      unlock.setInt(2, MIGRATION);
      unlock.executeQuery().close();
    }
  }
}
