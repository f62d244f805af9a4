package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Gives a closed orchestra connection's budget permit back once PostgreSQL no longer lists its
 * backend in {@code pg_stat_activity}. pgjdbc's {@code close()} sends Terminate and closes the
 * socket without waiting for the backend to exit, and until it has, the server still counts the
 * session: a permit handed on at once let PostgreSQL list one session more than the ceiling (figure
 * 3 of the benchmark, 41 in 1 of 549 samples).
 *
 * <p>Nobody waits for it: the thread that closed the connection hands the backend's pid and the
 * permit's release over ({@link #depart}) and goes on. Those are HikariCP's closer (whose queue
 * runs a close on the caller when it is full: the budget's head, a request returning a connection,
 * the housekeeper) and threads closing a pool, requests among them; a wait there stalled them, or
 * every waiter of the budget. One thread of the registry's own ({@value #THREAD_NAME}, started at
 * the first watched departure, stopped by {@link #close()}) asks the server about every pending pid
 * in one query, a tick every 2 ms while any is pending, and gives back the permits of those no
 * longer listed. A permit pending longer than the bound ({@link #BOUND}) comes back anyway (the
 * server too busy to let the backend exit, or its pid already reused), and so does every pending
 * one when the server could not be asked; for a while after such a failure ({@link #RETRY_AFTER})
 * permits come back at once without asking. Each comes with a warning, at most one line every
 * {@link #WARNING_INTERVAL}. The {@link Listing} bounds each question by its own timeout, so a slow
 * or unreachable server delays a permit by at most the bound plus one question's timeout ({@link
 * ServerActivity#QUERY_TIMEOUT}; {@link ServerActivity#OPEN_TIMEOUT} more when its connection must
 * be opened again), and only this thread ever waits for it.
 *
 * <p>Only the connections to the server asked are watched (same host and port, spelled alike; by
 * default every orchestra is on central's server). Connections to another server give their permit
 * back as soon as they are closed: their backends can still be listed there for a moment after.
 */
final class Departures implements AutoCloseable {

  /** Asks the server which backends it still lists; called on the departures' thread alone. */
  interface Listing extends AutoCloseable {
    /**
     * Which of {@code pids} the server still lists, within the listing's own timeout.
     *
     * @throws SQLException when the server could not be asked (in time)
     */
    Set<Integer> stillListed(Collection<Integer> pids) throws SQLException;

    /** Lets go of what the listing holds (its connection): the departures stop. */
    @Override
    default void close() {}
  }

  /** What {@link #backendOf} says for a connection whose departure is not watched. */
  static final int NOT_WATCHED = 0;

  static final Duration BOUND = Duration.ofMillis(250);

  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  static final String THREAD_NAME = "orchestra-departures";

  /** Watches nothing: every permit comes back as soon as its connection is closed. */
  static final Departures NONE = new Departures(null, pids -> Set.of(), Duration.ZERO);

  private static final Logger LOG = Logger.getLogger(Departures.class.getName());

  private static final long TICK_MILLIS = 2;

  /**
   * How long {@link #close()} waits for the thread to end (a question still running ends within its
   * timeout), so that the listing's connection is closed before the registry's close returns.
   */
  private static final long STOP_MILLIS =
      ServerActivity.OPEN_TIMEOUT.plus(ServerActivity.QUERY_TIMEOUT).toMillis() + 500;

  private final DatabaseAddress server;
  private final Listing listing;
  private final long boundNanos;
  private final long retryAfterNanos;
  private final Set<Departure> pending = ConcurrentHashMap.newKeySet();

  /** One permit per departure handed over: the thread blocks on it while nothing is pending. */
  private final Semaphore arrivals = new Semaphore(0);

  private final AtomicLong lastWarning;
  private final AtomicInteger unwarned = new AtomicInteger();

  /** Once set, every departure comes back at once: the registry closed (or the thread failed). */
  private volatile boolean stopped;

  private volatile Thread watcher;

  /** Only the departures' thread reads and writes it. */
  private long askAgainAt;

  /**
   * @param server the server the listing asks (only its host and port count), or null for none
   */
  Departures(DatabaseAddress server, Listing listing, Duration bound) {
    this(server, listing, bound, RETRY_AFTER);
  }

  Departures(DatabaseAddress server, Listing listing, Duration bound, Duration retryAfter) {
    this.server = server;
    this.listing = listing;
    this.boundNanos = bound.toNanos();
    this.retryAfterNanos = retryAfter.toNanos();
    this.lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());
    this.askAgainAt = System.nanoTime();
  }

  /**
   * Watches the connections to {@code central}'s server (host and port; the database does not
   * matter), asking on a connection of its own to central's database ({@link ServerActivity}).
   */
  static Departures askingOn(DatabaseLogin central) {
    return new Departures(central.address(), new ServerActivity(central), BOUND);
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
   * The connection of backend {@code pid} is closed: {@code giveBack} runs once, on the departures'
   * thread once the server no longer lists the backend (or the bound passed, or the server could
   * not be asked), or here at once when the backend is not watched or the departures stopped.
   * Returns at once in any case (also on an interrupted thread).
   */
  void depart(int pid, Runnable giveBack) {
    if (pid == NOT_WATCHED || server == null || stopped) {
      giveBack.run();
      return;
    }
    Departure departure = new Departure(pid, giveBack);
    pending.add(departure);
    // Checked after the add: close() gives back what is pending once it has set stopped, so a
    // departure added meanwhile is given back by one of the two, and once.
    if (stopped || !startWatcher()) {
      departure.giveBack();
      return;
    }
    arrivals.release();
  }

  /** Permits handed over and not yet given back. */
  int pendingCount() {
    return pending.size();
  }

  private boolean startWatcher() {
    if (watcher != null) {
      return true;
    }
    synchronized (this) {
      if (stopped) {
        return false;
      }
      if (watcher == null) {
        // Not inheriting the starting thread's thread-locals (it may be a request's) nor its
        // context class loader, for a thread that lives as long as the registry.
        Thread thread = new Thread(null, this::watch, THREAD_NAME, 0, false);
        thread.setContextClassLoader(Departures.class.getClassLoader());
        thread.setDaemon(true);
        thread.start();
        watcher = thread;
      }
      return true;
    }
  }

  private void watch() {
    try {
      while (!stopped) {
        if (pending.isEmpty()) {
          arrivals.acquire();
          arrivals.drainPermits();
          continue;
        }
        check();
        if (!pending.isEmpty()) {
          Thread.sleep(TICK_MILLIS);
        }
      }
    } catch (InterruptedException stopping) {
      if (!stopped) {
        // Not close(): a thread nobody would start again; as for a failure below.
        LOG.severe(
            "Orchestra connections: the departures' thread was interrupted; permits now come back"
                + " as soon as their connections are closed");
        stopped = true;
        pending.forEach(Departure::giveBack);
      }
    } catch (RuntimeException | Error e) {
      LOG.log(
          Level.SEVERE,
          "Orchestra connections: the departures' thread failed; permits now come back as soon as"
              + " their connections are closed",
          e);
      stopped = true;
      pending.forEach(Departure::giveBack);
      throw e;
    } finally {
      listing.close();
    }
  }

  /** One tick: one question for every pending pid, then the bound for all still pending. */
  private void check() {
    List<Departure> asked = List.copyOf(pending);
    if (System.nanoTime() - askAgainAt < 0) {
      giveBackUnasked(
          asked,
          "central's server could not be asked moments ago whether "
              + backends(asked)
              + " still listed in pg_stat_activity; given back without asking");
      return;
    }
    Set<Integer> listed;
    try {
      listed = listing.stillListed(asked.stream().map(Departure::pid).collect(Collectors.toSet()));
    } catch (SQLException | RuntimeException e) {
      if (stopped) {
        // close() interrupted the question (an opening gives up then) and gives back what is
        // pending.
        return;
      }
      askAgainAt = System.nanoTime() + retryAfterNanos;
      // Also those that came meanwhile: the question may have taken its whole timeout.
      List<Departure> all = List.copyOf(pending);
      giveBackUnasked(
          all,
          "could not ask whether "
              + backends(all)
              + " still listed in pg_stat_activity ("
              + DatabaseFailures.rootMessage(e)
              + "); given back anyway");
      return;
    }
    for (Departure departure : asked) {
      if (!listed.contains(departure.pid)) {
        departure.giveBack();
      }
    }
    long now = System.nanoTime();
    for (Departure departure : pending) {
      long waited = now - departure.closedAt;
      if (waited >= boundNanos && departure.giveBack()) {
        warn(
            "backend "
                + departure.pid
                + " still listed in pg_stat_activity "
                + TimeUnit.NANOSECONDS.toMillis(waited)
                + " ms after its connection was closed; given back anyway",
            1);
      }
    }
  }

  /** Gives these permits back without the server's word on their backends, with a warning. */
  private void giveBackUnasked(List<Departure> departures, String why) {
    departures.forEach(Departure::giveBack);
    warn(why, departures.size());
  }

  private static String backends(List<Departure> departures) {
    return departures.size() == 1
        ? "backend " + departures.get(0).pid + " is"
        : departures.size() + " backends are";
  }

  /**
   * Stops the thread (waiting a moment for a question still running, so that the listing's
   * connection is closed) and gives back every permit still pending; later departures come back at
   * once. The registry calls it once its pools are closed.
   */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    Thread running;
    synchronized (this) {
      stopped = true;
      running = watcher;
    }
    if (running == null) {
      listing.close();
    } else {
      running.interrupt();
      try {
        running.join(STOP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pending.forEach(Departure::giveBack);
  }

  private void warn(String what, int permits) {
    unwarned.addAndGet(permits);
    long last = lastWarning.get();
    long now = System.nanoTime();
    if (now - last >= WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
      int count = unwarned.getAndSet(0);
      LOG.warning(
          () ->
              "Orchestra connections: "
                  + what
                  + " ("
                  + count
                  + " given back so since the last line like this; one a minute at most)");
    }
  }

  /** One closed connection whose permit is pending. */
  private final class Departure {
    private final int pid;
    private final Runnable giveBack;
    private final long closedAt = System.nanoTime();
    private final AtomicBoolean given = new AtomicBoolean();

    Departure(int pid, Runnable giveBack) {
      this.pid = pid;
      this.giveBack = giveBack;
    }

    int pid() {
      return pid;
    }

    /** Gives the permit back unless that was done already; whether it was done now. */
    boolean giveBack() {
      if (!given.compareAndSet(false, true)) {
        return false;
      }
      pending.remove(this);
      giveBack.run();
      return true;
    }
  }
}
