package org.ripieno.tenancy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;

/**
 * The one classification of database failures, by their causes: a database that cannot be reached,
 * a connection lost under a statement, and a database (or pool) that is merely busy. Everything
 * else is about the statement or the data, not about getting a connection.
 */
public final class DatabaseFailures {

  /** The session ended by the server: shutdown, crash shutdown, cannot connect now (restarting). */
  private static final Set<String> ENDED_BY_SERVER = Set.of("57P01", "57P02", "57P03");

  private DatabaseFailures() {}

  /**
   * Whether the failure says the database cannot be reached or does not accept connections: server
   * down or unreachable, database missing or closed to connections ({@code ALLOW_CONNECTIONS
   * false}), login refused, the session ended by the server (shutdown, restart, terminated). A pool
   * that merely has no free connection (no SQL state) is not unreachable, and neither is a server
   * with too many connections (class 53): those are {@link #isBusy busy}.
   */
  public static boolean isUnreachable(Throwable failure) {
    return anyCause(
        failure,
        cause ->
            cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException
                || sqlState(cause, "08", "28", "3D", "57P")
                || sqlState(cause, "55000"));
  }

  /**
   * Whether a statement failed because its connection is gone: broken (class 08, a socket error) or
   * ended by the server (shutdown, restart, terminated: 57P01 to 57P03). Narrower than {@link
   * #isUnreachable}: a statement can fail with 55000 for reasons of its own.
   */
  public static boolean isConnectionLost(Throwable failure) {
    return anyCause(
        failure,
        cause ->
            cause instanceof SocketException
                || sqlState(cause, "08")
                || (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && ENDED_BY_SERVER.contains(sql.getSQLState())));
  }

  /**
   * Whether the failure says no connection could be had in time although the database answers: the
   * pool had none free ({@link SQLTransientConnectionException}) or the server has too many
   * connections (class 53). Checked after {@link #isUnreachable}: a pool's timeout whose last
   * attempt to connect was refused is the database being unreachable, not busy.
   */
  public static boolean isBusy(Throwable failure) {
    return anyCause(
        failure,
        cause -> cause instanceof SQLTransientConnectionException || sqlState(cause, "53"));
  }

  /**
   * Whether the failure is about getting a connection at all (unreachable or busy) rather than
   * about what the database holds or what a statement asked.
   */
  public static boolean cannotConnect(Throwable failure) {
    return isUnreachable(failure) || isBusy(failure);
  }

  /**
   * Whether the failure is a database Ripieno cannot use right now, in any of the forms it takes on
   * the way up: refused or found unavailable by Ripieno (its breakers, its checks), unreachable, a
   * connection lost under a statement, or no connection in time.
   */
  public static boolean isUnavailable(Throwable failure) {
    return anyCause(
            failure,
            cause ->
                cause instanceof OrchestraUnavailableException
                    || cause instanceof CentralUnavailableException)
        || cannotConnect(failure)
        || isConnectionLost(failure);
  }

  /**
   * Logs a failure at WARNING: in one line when a database is unavailable, since where that was
   * found the cause was logged once and a stack trace for every call or run that meets the outage
   * would flood the log for as long as it lasts; anything else with its stack trace.
   */
  public static void warn(Logger log, String message, Throwable failure) {
    if (isUnavailable(failure)) {
      log.warning(message + ": " + rootMessage(failure));
    } else {
      log.log(Level.WARNING, message, failure);
    }
  }

  /** The innermost message, which says what happened (the outer ones wrap it). */
  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean sqlState(Throwable cause, String... prefixes) {
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      for (String prefix : prefixes) {
        if (sql.getSQLState().startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (test.test(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
