package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Waits, once an orchestra connection is closed, until PostgreSQL no longer lists its backend in
 * {@code pg_stat_activity}, so that the connection's budget permit comes back only then. pgjdbc's
 * {@code close()} sends Terminate and closes the socket without waiting for the backend to exit,
 * and until it has, the server still counts the session: a permit handed on at once let PostgreSQL
 * list one session more than the ceiling (figure 3 of the benchmark, 41 in 1 of 549 samples).
 *
 * <p>The server is asked through central's pool, so that the check takes no orchestra permit and
 * opens nothing on an orchestra's database; it therefore watches only the connections to central's
 * server (same host and port, spelled alike; by default every orchestra is there). Connections to
 * another server give their permit back as soon as they are closed, as before: their backends can
 * still be listed there for a moment after.
 *
 * <p>The wait is bounded ({@link #BOUND}, well under the budget's second of patience): a backend
 * still listed then (a server too busy to let it exit, or its pid already reused), or a check that
 * fails (central unreachable), gives the permit back anyway, with a warning at most every {@link
 * #WARNING_INTERVAL}.
 */
final class Departures {

  /** Whether the server still lists a backend. */
  @FunctionalInterface
  interface Listing {
    boolean lists(int pid) throws SQLException;
  }

  /** What {@link #backendOf} says for a connection whose departure is not watched. */
  static final int NOT_WATCHED = 0;

  static final Duration BOUND = Duration.ofMillis(250);

  static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  /** Watches nothing: every permit comes back as soon as its connection is closed. */
  static final Departures NONE = new Departures(null, pid -> false, Duration.ZERO);

  private static final Logger LOG = Logger.getLogger(Departures.class.getName());

  private static final long LONGEST_PAUSE_MILLIS = 10;

  private final DatabaseAddress server;
  private final Listing listing;
  private final long boundNanos;
  private final AtomicLong lastWarning;
  private final AtomicInteger unwarned = new AtomicInteger();

  /**
   * @param server the server the listing asks (only its host and port count), or null for none
   */
  Departures(DatabaseAddress server, Listing listing, Duration bound) {
    this.server = server;
    this.listing = listing;
    this.boundNanos = bound.toNanos();
    this.lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());
  }

  /**
   * Watches the connections to {@code server} (host and port; the database does not matter), asking
   * {@code pool}'s connections: central's, which is only started once central was reached.
   */
  static Departures askingThrough(DatabaseAddress server, Supplier<DataSource> pool) {
    return new Departures(server, pid -> listed(pool.get(), pid), BOUND);
  }

  private static boolean listed(DataSource pool, int pid) throws SQLException {
    // In a transaction of its own (the pool's connections are in autocommit): PostgreSQL keeps the
    // activity it read until the transaction ends.
    try (Connection connection = pool.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
      query.setInt(1, pid);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  /**
   * The departures of connections to {@code orchestraServer}: watched only on this one's server.
   */
  Departures on(DatabaseAddress orchestraServer) {
    return server != null
            && server.port() == orchestraServer.port()
            && server
                .host()
                .toLowerCase(Locale.ROOT)
                .equals(orchestraServer.host().toLowerCase(Locale.ROOT))
        ? this
        : NONE;
  }

  /**
   * The pid of the connection's backend, or {@link #NOT_WATCHED} when its departure is not watched
   * (another server, or not pgjdbc's connection). pgjdbc has it from the start-up: no round trip.
   */
  int backendOf(Connection connection) {
    if (server == null) {
      return NOT_WATCHED;
    }
    try {
      return connection.unwrap(PGConnection.class).getBackendPID();
    } catch (SQLException notPgjdbc) {
      return NOT_WATCHED;
    }
  }

  /**
   * Returns once the server no longer lists the backend, the bound has passed, or it could not be
   * asked. Called on the thread that closed the connection: HikariCP's closer or assassinator, or a
   * pool's adding thread (the thread closing a pool, the registry's closer or a request that
   * retires an orchestra or failed to open it, already waits for those). None holds the budget's
   * locks or an orchestra's usage lock; a failed opening closes its pool under that orchestra's
   * opening lock, which only requests waiting for that same opening wait on.
   */
  void awaitGone(int pid) {
    if (pid == NOT_WATCHED) {
      return;
    }
    long started = System.nanoTime();
    long pause = 1;
    try {
      while (listing.lists(pid)) {
        long left = boundNanos - (System.nanoTime() - started);
        if (left <= 0) {
          warn(
              "backend "
                  + pid
                  + " still listed in pg_stat_activity "
                  + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                  + " ms after its connection was closed");
          return;
        }
        Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        pause = Math.min(pause + 1, LONGEST_PAUSE_MILLIS);
      }
    } catch (SQLException | RuntimeException e) {
      warn(
          "could not ask whether backend "
              + pid
              + " is still listed in pg_stat_activity ("
              + DatabaseFailures.rootMessage(e)
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void warn(String what) {
    unwarned.incrementAndGet();
    long last = lastWarning.get();
    long now = System.nanoTime();
    if (now - last >= WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
      int count = unwarned.getAndSet(0);
      LOG.warning(
          () ->
              "Orchestra connections: "
                  + what
                  + "; its permit is given back anyway ("
                  + count
                  + " given back so since the last line like this; one a minute at most)");
    }
  }
}
