package org.ripieno.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A pool behind a {@link CircuitBreaker}: while the database is known to be unreachable, asking for
 * a connection fails at once, with the exception that says which database is unavailable, instead
 * of waiting for the pool's timeout on every request. A failure to connect opens the breaker; a
 * connection obtained closes it.
 */
final class GuardedDataSource extends ForwardingDataSource {

  private final CircuitBreaker breaker;
  private final Supplier<RuntimeException> refused;
  private final Function<SQLException, RuntimeException> unreachable;

  /**
   * @param refused what a caller gets while the breaker is open
   * @param unreachable what a caller gets when the database could not be reached just now
   */
  GuardedDataSource(
      DataSource pool,
      CircuitBreaker breaker,
      Supplier<RuntimeException> refused,
      Function<SQLException, RuntimeException> unreachable) {
    super(pool);
    this.breaker = breaker;
    this.refused = refused;
    this.unreachable = unreachable;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (!breaker.tryCall()) {
      throw refused.get();
    }
    Connection connection;
    try {
      connection = target.getConnection();
    } catch (SQLException e) {
      if (DatabaseFailures.isUnreachable(e)) {
        throw lost(e);
      }
      // Busy (no free connection in time): the database itself answered before, keep trying it.
      breaker.succeeded();
      throw e;
    }
    breaker.succeeded();
    return watched(connection, Connection.class);
  }

  /** The database went away: refuse the next calls, and say which database it was. */
  private RuntimeException lost(SQLException failure) {
    breaker.failed();
    // The idle connections went with the server; none should be handed out when it is back.
    if (target instanceof HikariDataSource hikari && !hikari.isClosed()) {
      hikari.getHikariPoolMXBean().softEvictConnections();
    }
    return unreachable.apply(failure);
  }

  /**
   * The connection, and the statements it makes, as they are, except that a failure saying the
   * database went away (a connection taken just before the server stopped or restarted) opens the
   * breaker and becomes the exception that names the unavailable database, like a refused
   * connection does.
   */
  private <T> T watched(T target, Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql
                    && DatabaseFailures.isConnectionLost(sql)) {
                  throw lost(sql);
                }
                throw e.getCause();
              }
              if (result instanceof Statement statement
                  && method.getReturnType().isInterface()
                  && Statement.class.isAssignableFrom(method.getReturnType())) {
                return watchedStatement(statement, method.getReturnType());
              }
              return result;
            }));
  }

  @SuppressWarnings("unchecked")
  private <S extends Statement> S watchedStatement(Statement statement, Class<?> type) {
    return watched((S) statement, (Class<S>) type);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Credentials come from the pool");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
