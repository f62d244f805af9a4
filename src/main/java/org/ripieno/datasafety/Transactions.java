package org.ripieno.datasafety;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on one JDBC connection in one transaction: committed when it returns, else rolled back. */
public final class Transactions {

  private Transactions() {}

  /** What runs in the transaction. */
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs the work with auto-commit off, commits, and restores auto-commit whatever happens. */
  public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
