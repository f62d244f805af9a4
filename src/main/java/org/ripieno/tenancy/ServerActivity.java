package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Which backends a PostgreSQL server still lists in {@code pg_stat_activity}, asked for many pids
 * in one query, on one connection of its own to central's database ({@code ApplicationName} {@code
 * ripieno:departures}), opened at the first question, kept open, and opened anew at the next
 * question after any failure. Each question, opening included, is bounded by {@link
 * #CHECK_TIMEOUT}: the opening by pgjdbc's login timeout, the query by the connection's network
 * timeout (the time left of the question) and, below that, the server's {@code statement_timeout},
 * which cancels a slow query without breaking the connection.
 *
 * <p>Not central's pool: borrowing from it waits up to its connection timeout (3 s) whenever
 * requests hold all its connections or it opens a new one, and a question every millisecond would
 * compete with those requests; a permit would be held for that long exactly when the server is
 * busiest. The pool is also closed independently of the registry when the application stops, while
 * the registry's last pools may still be closing. The cost is one session more on central's server,
 * outside central's pool and the orchestra budget, while the registry is open.
 */
final class ServerActivity implements Departures.Listing {

  /** The longest one question takes, opening the connection included. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

  static final String APPLICATION_NAME = "ripieno:departures";

  /** Below the question's timeout, so that the server ends a slow query first. */
  private static final long STATEMENT_TIMEOUT_MILLIS = CHECK_TIMEOUT.toMillis() * 3 / 4;

  private final PGSimpleDataSource dataSource;
  private Connection connection;
  private PreparedStatement query;

  ServerActivity(DatabaseLogin central) {
    dataSource = central.forDatabase(central.address().database(), APPLICATION_NAME).dataSource();
    int seconds = (int) Math.max(1, CHECK_TIMEOUT.toSeconds());
    dataSource.setConnectTimeout(seconds);
    dataSource.setLoginTimeout(seconds);
    // Until the network timeout below takes over: bounds the reads of an opening that the login
    // timeout gave up on, so that its thread ends soon.
    dataSource.setSocketTimeout(seconds);
    dataSource.setOptions("-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS);
  }

  @Override
  public Set<Integer> stillListed(Collection<Integer> pids) throws SQLException {
    long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
    try {
      PreparedStatement listing = query();
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new SQLTimeoutException(
            "no answer within " + CHECK_TIMEOUT.toMillis() + " ms (opening the connection)");
      }
      connection.setNetworkTimeout(Runnable::run, (int) left);
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
    } catch (SQLException | RuntimeException e) {
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
