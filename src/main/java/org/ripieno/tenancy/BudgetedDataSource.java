package org.ripieno.tenancy;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The physical connection factory behind an orchestra pool: each connection it opens holds a permit
 * of the {@link ConnectionBudget} until HikariCP closes it.
 */
final class BudgetedDataSource implements DataSource {

  private final DataSource physical;
  private final ConnectionBudget budget;

  BudgetedDataSource(DataSource physical, ConnectionBudget budget) {
    this.physical = physical;
    this.budget = budget;
  }

  @Override
  public Connection getConnection() throws SQLException {
    budget.acquire();
    Connection connection;
    try {
      connection = physical.getConnection();
    } catch (SQLException | RuntimeException e) {
      budget.release();
      throw e;
    }
    return releasingOnClose(connection);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Credentials come from the orchestra's route");
  }

  private Connection releasingOnClose(Connection connection) {
    AtomicBoolean released = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if ("close".equals(method.getName()) && released.compareAndSet(false, true)) {
                try {
                  connection.close();
                } finally {
                  budget.release();
                }
                return null;
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return physical.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    physical.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    physical.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return physical.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return physical.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return physical.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return physical.isWrapperFor(type);
  }
}
