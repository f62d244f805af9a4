package org.ripieno.tenancy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The physical connection factory behind an orchestra pool: each connection it opens holds a permit
 * of the {@link ConnectionBudget} until HikariCP closes it.
 */
final class BudgetedDataSource extends ForwardingDataSource {

  private final ConnectionBudget budget;
  private final String owner;

  /**
   * @param owner the orchestra whose pool this feeds: when the budget frees connections for it, it
   *     never closes this orchestra itself
   */
  BudgetedDataSource(DataSource physical, ConnectionBudget budget, String owner) {
    super(physical);
    this.budget = budget;
    this.owner = owner;
  }

  @Override
  public Connection getConnection() throws SQLException {
    budget.acquire(owner);
    Connection connection;
    try {
      connection = target.getConnection();
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
              // HikariCP closes a connection, or aborts one still in use when its pool shuts down.
              boolean ending = "close".equals(method.getName()) || "abort".equals(method.getName());
              if (ending && released.compareAndSet(false, true)) {
                try {
                  return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                } finally {
                  budget.release();
                }
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
