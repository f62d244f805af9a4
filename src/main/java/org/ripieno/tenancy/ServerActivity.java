package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Which backends a PostgreSQL server still lists in {@code pg_stat_activity}, asked for many pids
 * in one query, on one connection of its own to central's database ({@code ApplicationName} {@code
 * ripieno:departures}), opened at the first question, kept open, and opened anew at the next
 * question after any failure. The opening is bounded by pgjdbc's login timeout ({@link
 * #OPEN_TIMEOUT}, whole seconds), the query by {@link #QUERY_TIMEOUT}: the connection's network
 * timeout and, below it, the server's {@code statement_timeout}, which cancels a slow query without
 * breaking the connection (so a cancelled query keeps it). Each has a limit of its own, so that a
 * slow opening does not leave its first query no time. A question thus takes at most {@link
 * #QUERY_TIMEOUT} on an open connection, which is what the budget's patience is measured against;
 * {@link #OPEN_TIMEOUT} more when the connection must be opened again after a failure. Behind a
 * connection pooler that refuses start-up options (PgBouncer), the connection cannot be opened:
 * every permit then comes back at close, with a warning, as without departures.
 *
 * <p>Not central's pool: borrowing from it waits up to its connection timeout (3 s) whenever
 * requests hold all its connections or it opens a new one, and a question every 2 ms would compete
 * with those requests; a permit would be held for that long exactly when the server is busiest. The
 * pool is also closed independently of the registry when the application stops, while the
 * registry's last pools may still be closing. The cost is one session more on central's server,
 * outside central's pool and the orchestra budget, while the registry is open.
 */
final class ServerActivity implements Departures.Listing {

  /** The longest one question's query takes, on an open connection. */
  static final Duration QUERY_TIMEOUT = Duration.ofMillis(500);

  /** The longest opening the connection takes (pgjdbc counts its login timeout in seconds). */
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(1);

  /** SQL state of a statement cancelled by {@code statement_timeout}. */
  private static final String QUERY_CANCELED = "57014";

  static final String APPLICATION_NAME = "ripieno:departures";

  /** Below the question's timeout, so that the server ends a slow query first. */
  private static final long STATEMENT_TIMEOUT_MILLIS = QUERY_TIMEOUT.toMillis() * 4 / 5;

  private final PGSimpleDataSource dataSource;
  private Connection connection;
  private PreparedStatement query;

  ServerActivity(DatabaseLogin central) {
    dataSource = central.forDatabase(central.address().database(), APPLICATION_NAME).dataSource();
    int seconds = (int) Math.max(1, OPEN_TIMEOUT.toSeconds());
    dataSource.setConnectTimeout(seconds);
    dataSource.setLoginTimeout(seconds);
    // Until the network timeout below takes over: bounds the reads of an opening that the login
    // timeout gave up on, so that its thread ends soon.
    dataSource.setSocketTimeout(seconds);
    dataSource.setOptions("-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS);
  }

  @Override
  public Set<Integer> stillListed(Collection<Integer> pids) throws SQLException {
    try {
      PreparedStatement listing = query();
      connection.setNetworkTimeout(Runnable::run, (int) QUERY_TIMEOUT.toMillis());
      listing.setArray(1, connection.createArrayOf("int4", pids.toArray()));
      // In autocommit, each query is a transaction of its own: PostgreSQL keeps the activity it
      // read until the transaction ends.
      Set<Integer> listed = new HashSet<>();
      try (ResultSet rows = listing.executeQuery()) {
        while (rows.next()) {
          listed.add(rows.getInt(1));
        }
      }
      return listed;
    } catch (SQLException e) {
      if (!QUERY_CANCELED.equals(e.getSQLState())) {
        close();
      }
      throw e;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private PreparedStatement query() throws SQLException {
    if (query == null) {
      connection = dataSource.getConnection();
      query = connection.prepareStatement("select pid from pg_stat_activity where pid = any(?)");
    }
    return query;
  }

  @Override
  public void close() {
    Connection open = connection;
    connection = null;
    query = null;
    if (open != null) {
      try {
        open.close();
      } catch (SQLException alreadyBroken) {
        // Nothing to let go of any more.
      }
    }
  }
}
