package org.ripieno.tenancy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The physical connection factory behind an orchestra pool: each connection it opens holds a permit
 * of the {@link ConnectionBudget} until it is closed and, on a server whose {@link Departures} are
 * watched, until PostgreSQL no longer lists its backend, so that the server never counts more
 * orchestra sessions than the budget. Closing never waits for that: the permit is handed to the
 * departures, which give it back later on a thread of their own.
 */
final class BudgetedDataSource extends ForwardingDataSource {

  private final ConnectionBudget.Account permits;
  private final Departures departures;

  /**
   * @param permits the account of the pool this feeds, whose owner is the orchestra: when the
   *     budget frees connections for it, it never closes this orchestra itself
   * @param departures how a closed connection's backend is seen gone, for the server {@code
   *     physical} connects to ({@link Departures#NONE} when it is not watched)
   */
  BudgetedDataSource(DataSource physical, ConnectionBudget.Account permits, Departures departures) {
    super(physical);
    this.permits = permits;
    this.departures = departures;
  }

  /**
   * The pool this feeds is closing: its permits are counted as coming back from now on, so that
   * waiters do not close another orchestra for them.
   */
  void poolClosing() {
    permits.closing();
  }

  /**
   * The pool's close has returned, whether or not it closed every connection: the permits of those
   * it did not close are no longer counted as coming back; those of the connections it closed still
   * are, until the departures give them back.
   */
  void poolClosed() {
    permits.closed();
  }

  @Override
  public Connection getConnection() throws SQLException {
    permits.acquire();
    Connection connection;
    try {
      connection = target.getConnection();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
    int backend = departures.backendOf(connection);
    if (permits.isClosing()) {
      // The pool began to close while this connection was being opened (HikariCP's adding thread
      // outlives the close by up to the login timeout): its closed bag would refuse the connection
      // and never close it, leaving a session open on the server and its permit taken for good.
      try {
        connection.close();
      } finally {
        giveBack(backend);
      }
      throw new SQLTransientConnectionException(
          "The connection pool of this orchestra closed while a connection was being opened");
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new ReleasingOnClose(connection, backend));
  }

  /**
   * Hands the permit of a closed connection to the departures, which give it back once its backend
   * is gone; returns at once, whichever thread closed the connection.
   */
  private void giveBack(int backend) {
    permits.departing();
    departures.depart(backend, permits::departed);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Credentials come from the orchestra's route");
  }

  /**
   * Gives the permit back once the connection is closed: after {@code close()} returns, or after
   * the task that {@code abort(executor)} hands to the executor has run (HikariCP aborts the
   * connections still in use when its pool shuts down, and pgjdbc's abort returns before the socket
   * is closed); and then, through the departures, once its backend is gone (pgjdbc does not wait
   * for it to exit). Exactly once, whichever of these comes first and however often.
   */
  private final class ReleasingOnClose implements InvocationHandler {
    private final Connection connection;
    private final int backend;
    private final AtomicBoolean released = new AtomicBoolean();

    ReleasingOnClose(Connection connection, int backend) {
      this.connection = connection;
      this.backend = backend;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if ("close".equals(method.getName()) && !released.get()) {
        try {
          return forward(method, args);
        } finally {
          releaseOnce();
        }
      }
      if ("abort".equals(method.getName()) && args[0] instanceof Executor executor) {
        abort(executor);
        return null;
      }
      return forward(method, args);
    }

    private void abort(Executor executor) throws SQLException {
      AtomicBoolean handedOver = new AtomicBoolean();
      try {
        connection.abort(
            task -> {
              executor.execute(
                  () -> {
                    try {
                      task.run();
                    } finally {
                      releaseOnce();
                    }
                  });
              handedOver.set(true);
            });
      } finally {
        // Nothing handed over: the connection was closed already, or the executor refused.
        if (!handedOver.get()) {
          releaseOnce();
        }
      }
    }

    private Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void releaseOnce() {
      if (released.compareAndSet(false, true)) {
        giveBack(backend);
      }
    }
  }
}
