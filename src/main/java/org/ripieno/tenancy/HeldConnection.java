package org.ripieno.tenancy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A data source that hands out one connection its caller already holds, as many times as asked, and
 * leaves it open when a user closes it: for a library that wants a {@link DataSource} (Flyway) to
 * work in the caller's session instead of opening sessions of its own. The caller closes the
 * connection itself, when it is done with it; whatever state the library leaves on it (a
 * transaction, settings) is the caller's too.
 *
 * <p>It cannot give out one handle at a time: Flyway 13's {@code info()} asks for a second
 * connection while its first is still open (its callbacks' connection, at the end of the
 * operation), so refusing the second broke every version read and fleet migration. With the
 * session-level lock ({@link Migrations}), Flyway runs nothing on that second handle that the first
 * one's work would conflict with.
 */
final class HeldConnection extends ConnectionSource {

  private final Connection connection;

  HeldConnection(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection getConnection() {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> {
              if (isClose(method)) {
                return null;
              }
              try {
                return method.invoke(connection, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static boolean isClose(Method method) {
    return method.getName().equals("close") && method.getParameterCount() == 0;
  }

  @Override
  public Connection getConnection(String user, String password) {
    return getConnection();
  }
}
