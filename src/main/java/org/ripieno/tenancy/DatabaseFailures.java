package org.ripieno.tenancy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

/** Tells a database that cannot be reached from one that is merely busy or refuses a statement. */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  /**
   * Whether the failure says the database cannot be reached or does not accept connections: server
   * down or unreachable, database missing or closed to connections ({@code ALLOW_CONNECTIONS
   * false}), login refused, the session ended by the server (shutdown, restart, terminated). A pool
   * that merely has no free connection (no SQL state) is not unreachable, and neither is a server
   * with too many connections (class 53), which is busy.
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof SocketTimeoutException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("28")
            || state.startsWith("3D")
            || state.startsWith("57P")
            || state.equals("55000")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether a statement failed because its connection is gone: broken (class 08) or ended by the
   * server (shutdown, restart, terminated: 57P01 to 57P03). Narrower than {@link #isUnreachable}: a
   * statement can fail with 55000 for reasons of its own.
   */
  public static boolean isConnectionLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.SocketException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
