package org.ripieno.datasafety;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on one JDBC connection as one transaction: committed when it ends, rolled back when it
 * throws, and the connection back in auto-commit mode either way. For the command-line tools, which
 * work on plain connections without the application's interceptors.
 */
public final class JdbcTransaction {

  /** Work that may fail with a database error. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  private JdbcTransaction() {}

  public static <T> T run(Connection connection, Work<T> work) throws SQLException {
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
