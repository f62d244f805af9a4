package org.ripieno.tenancy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A data source that hands out one connection its caller already holds, one handle at a time, and
 * leaves it open when a user closes the handle: for a library that wants a {@link DataSource}
 * (Flyway) to work in the caller's session instead of opening sessions of its own. The caller
 * closes the connection itself, when it is done with it; whatever state the library leaves on it (a
 * transaction, settings) is the caller's too.
 *
 * <p>A second handle while the first is still open is refused: the library would take it for a
 * session of its own, but it would share the first one's transaction and locks (Flyway with its
 * transaction-level lock holds the lock's transaction open on one connection and commits the
 * migrations on another). A handle that was closed refuses further use for the same reason, while
 * getting a new handle after closing the last one works as often as asked.
 */
final class HeldConnection extends ConnectionSource {

  private final Connection connection;

  /** The handle given out and not closed yet, or null. Guarded by {@code this}. */
  private Handle outstanding;

  HeldConnection(Connection connection) {
    this.connection = connection;
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    if (outstanding != null) {
      throw new SQLException(
          "The held connection is handed out already and that handle is still open: a second one"
              + " would share its session (transaction, locks) unnoticed, so this data source"
              + " gives out one at a time");
    }
    outstanding = new Handle();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, outstanding);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  private synchronized void handBack(Handle handle) {
    // A handle closed twice must not end the turn of the one given out after it.
    if (outstanding == handle) {
      outstanding = null;
    }
  }

  /** One use of the held connection: closing it ends the use, not the connection. */
  private final class Handle implements InvocationHandler {
    private volatile boolean closed;

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      if (isNamed(method, "close")) {
        closed = true;
        handBack(this);
        return null;
      }
      if (isNamed(method, "isClosed") && closed) {
        return true;
      }
      if (closed && method.getDeclaringClass() != Object.class) {
        throw new SQLException(
            "This handle on the held connection was closed; ask the data source for a new one");
      }
      try {
        return method.invoke(connection, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private static boolean isNamed(Method method, String name) {
    return method.getName().equals(name) && method.getParameterCount() == 0;
  }
}
