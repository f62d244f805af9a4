package org.ripieno.tenancy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.ripieno.web.Text;

/**
 * The one place orchestra databases are opened: per orchestra, lazily, a bounded HikariCP pool, and
 * entity managers of the {@code orchestra} unit whose every connection comes from that pool (the
 * unit's metadata is built once for all orchestras, {@link SharedOrchestraUnit}; rows are never
 * shared). Opening checks the database first: its tables, its schema version and its identity
 * marker, in one query when all is as expected. Unused orchestras are closed after an idle time,
 * and least recently used first when the {@link ConnectionBudget} runs out; an orchestra in use is
 * never closed. A closed connection's permit comes back once PostgreSQL no longer lists its backend
 * ({@link Departures}, on a thread of their own: no thread that closes a connection or a pool waits
 * for it).
 */
public final class OrchestraRegistry implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OrchestraRegistry.class.getName());

  /** How long {@link #close()} waits for the pools the budget reclaimed to close. */
  private static final Duration CLOSING_WAIT = Duration.ofSeconds(30);

  private final RegistrySettings settings;
  private final ConnectionBudget budget;
  private final Departures departures;
  private final Map<String, OpenOrchestra> open = new ConcurrentHashMap<>();
  private final SharedOrchestraUnit unit = new SharedOrchestraUnit();

  /**
   * HikariCP's housekeeping (idle timeouts) for all orchestra pools, instead of a thread started
   * with each pool.
   */
  private final ScheduledExecutorService housekeeping = housekeeping();

  /**
   * Closes the pools of orchestras the budget reclaims, off the waiting caller's thread (it holds
   * the budget's queue, and closing a pool waits for the pool's threads).
   */
  private final ExecutorService closer =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = Executors.defaultThreadFactory().newThread(task);
            thread.setName("orchestra-pools-closer");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Threads of their own that close pools the budget reclaimed after {@link #closer} stopped taking
   * any (the registry closing), so that {@link #close()} can wait for them too.
   */
  private final Set<Thread> lateClosers = ConcurrentHashMap.newKeySet();

  /**
   * One breaker per database (not per orchestra entry, which is dropped when its opening fails), so
   * that an unreachable database is refused at once until it answers again.
   */
  private final Map<DatabaseAddress, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /**
   * A registry whose permits come back as soon as their connections are closed, without waiting for
   * PostgreSQL to stop listing their backends.
   */
  public OrchestraRegistry(RegistrySettings settings) {
    this(settings, Departures.NONE);
  }

  /**
   * @param departures where the registry's pools hand a closed connection's permit, to be given
   *     back once the server no longer lists its backend; the registry owns them from now on and
   *     closes them in {@link #close()}
   */
  OrchestraRegistry(RegistrySettings settings, Departures departures) {
    this.settings = settings;
    this.budget = new ConnectionBudget(settings.ceiling(), settings.maxWait());
    this.departures = departures;
    budget.reclaimWith(this::reclaimConnections);
  }

  /**
   * Opens (or reuses) the orchestra's database and holds it open until the lease is closed.
   *
   * @throws OrchestraUnavailableException when the database cannot be served
   */
  public Lease lease(OrchestraRoute route) {
    if (breaker(route).isRefusing()) {
      throw refused(route);
    }
    while (true) {
      OpenOrchestra orchestra =
          open.computeIfAbsent(route.orchestraId(), id -> new OpenOrchestra(route));
      if (!orchestra.route.equals(route)) {
        // The registry entry changed (another database or login): retire the old one.
        open.remove(route.orchestraId(), orchestra);
        orchestra.retire();
        continue;
      }
      if (!orchestra.acquire()) {
        open.remove(route.orchestraId(), orchestra);
        continue;
      }
      try {
        orchestra.ensureOpen();
        return new Lease(orchestra);
      } catch (RuntimeException e) {
        // Retired first, so requests waiting on the same opening fail at once instead of retrying.
        open.remove(route.orchestraId(), orchestra);
        orchestra.retire();
        orchestra.release();
        throw e;
      }
    }
  }

  private CircuitBreaker breaker(OrchestraRoute route) {
    return breakers.computeIfAbsent(
        route.login().address(), address -> new CircuitBreaker(CircuitBreaker.OPEN_FOR));
  }

  /** Whether calls to the orchestra's database are refused at once right now. */
  public boolean isRefusing(OrchestraRoute route) {
    CircuitBreaker breaker = breakers.get(route.login().address());
    return breaker != null && breaker.isRefusing();
  }

  private static OrchestraUnavailableException refused(OrchestraRoute route) {
    return new OrchestraUnavailableException(
            "The database of orchestra "
                + route.subdomain()
                + " could not be reached moments ago; calls are refused until it answers again")
        .markLogged();
  }

  private static OrchestraUnavailableException unreachable(
      OrchestraRoute route, Throwable failure) {
    LOG.warning(
        "The database of orchestra "
            + route.subdomain()
            + " on "
            + route.login().address()
            + " cannot be reached: "
            + DatabaseFailures.rootMessage(failure));
    return new OrchestraUnavailableException(
            "The database of orchestra " + route.subdomain() + " cannot be reached right now",
            failure)
        .markLogged();
  }

  /** Closes orchestras unused for longer than the idle timeout. */
  public void evictIdle() {
    long cutoff = System.nanoTime() - settings.idleTimeout().toNanos();
    open.values().stream()
        .filter(orchestra -> orchestra.lastUsed() - cutoff < 0)
        .forEach(this::closeIfUnused);
  }

  /** Orchestras whose pool is open now. */
  public int openCount() {
    return open.size();
  }

  public boolean isOpen(String orchestraId) {
    return open.containsKey(orchestraId);
  }

  /** Leases held on an orchestra right now (0 when it is not open). */
  public int leaseCount(String orchestraId) {
    OpenOrchestra orchestra = open.get(orchestraId);
    return orchestra == null ? 0 : orchestra.leaseCount();
  }

  public ConnectionBudget budget() {
    return budget;
  }

  /** Closes one orchestra (for example after its database was dropped) once nobody uses it. */
  public void retire(String orchestraId) {
    Optional.ofNullable(open.remove(orchestraId)).ifPresent(OpenOrchestra::retire);
  }

  /**
   * Closes every orchestra (those in use once their last lease ends), waits up to {@link
   * #CLOSING_WAIT} for the pools the budget reclaimed, then gives back the permits still waiting
   * for their backends to go.
   */
  @Override
  public void close() {
    for (String id : open.keySet()) {
      retire(id);
    }
    // Pools the budget reclaimed are closed before this returns, like every other: those on the
    // closer, then those reclaimed once it had stopped, on threads of their own (only a reclaim
    // racing this very wait can start one after it).
    long deadline = System.nanoTime() + CLOSING_WAIT.toNanos();
    closer.shutdown();
    try {
      if (!closer.awaitTermination(CLOSING_WAIT.toNanos(), TimeUnit.NANOSECONDS)
          || !joinLateClosers(deadline)) {
        LOG.warning("Orchestra pools still closing after " + CLOSING_WAIT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // After the pools: their closes handed the last departures over.
    departures.close();
    unit.close();
    housekeeping.shutdownNow();
  }

  /** Whether every late closer has ended by the deadline. */
  private boolean joinLateClosers(long deadline) throws InterruptedException {
    while (!lateClosers.isEmpty()) {
      for (Thread closing : lateClosers) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedJoin(closing, left);
        if (!closing.isAlive()) {
          lateClosers.remove(closing);
        }
      }
    }
    return true;
  }

  private static ScheduledExecutorService housekeeping() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = Executors.defaultThreadFactory().newThread(task);
              thread.setName("orchestra-pools-housekeeper");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Frees connections for the budget: the least recently used unused orchestra first. */
  private boolean reclaimConnections(String requester) {
    List<OpenOrchestra> unused =
        open.values().stream()
            .filter(orchestra -> !orchestra.route.orchestraId().equals(requester))
            .filter(OpenOrchestra::isUnused)
            .toList();
    if (closeLeastRecentlyUsed(unused, OpenOrchestra::lastUsed, this::closeInBackgroundIfUnused)) {
      return true;
    }
    // Every orchestra is in use: close their idle connections (in-use ones close when returned).
    open.values().forEach(OpenOrchestra::softEvictConnections);
    return false;
  }

  /**
   * Closes the least recently used of the unused orchestras, or the next one when another caller
   * closed (or began to use) it meanwhile; false only when none could be closed. Several callers
   * reclaim at once and pick the same orchestra: the loser must not take that for "every orchestra
   * is in use", which evicts every open orchestra's idle connections, among them those that
   * orchestras just opened keep for their first request.
   */
  static <T> boolean closeLeastRecentlyUsed(
      Collection<T> unused, ToLongFunction<T> lastUsed, Predicate<T> closeIfUnused) {
    // Each time read once: it changes while others use the orchestras, and a sort whose keys move
    // under it may throw.
    return unused.stream()
        .map(orchestra -> Map.entry(orchestra, lastUsed.applyAsLong(orchestra)))
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .anyMatch(closeIfUnused);
  }

  /**
   * For the budget, which must not wait for a pool to close (closing waits for the pool's own
   * connection-adding thread, which may be waiting in the budget): the orchestra is closed to
   * requests at once, its pool on the closer's thread, and the permits come back once its
   * connections are closed and their backends gone.
   */
  private boolean closeInBackgroundIfUnused(OpenOrchestra orchestra) {
    if (orchestra.markClosedIfUnusedNow()) {
      open.remove(orchestra.route.orchestraId(), orchestra);
      // Counted before the budget looks again, so that it waits for these permits instead of
      // closing another orchestra while this pool is still closing.
      orchestra.beginClosing();
      try {
        closer.execute(orchestra::closeResources);
      } catch (RejectedExecutionException registryClosing) {
        // The registry is closing and its closer takes no more: this pool closes on a thread of its
        // own, since the caller holds the budget's queue and closing a pool waits for its threads
        // (its adding thread may be queued in the budget); close() waits for it.
        Thread closing = new Thread(orchestra::closeResources, "orchestra-pools-closer");
        closing.setDaemon(true);
        // Known before it starts, so that a close() running meanwhile waits for it.
        lateClosers.add(closing);
        closing.start();
      }
      return true;
    }
    return false;
  }

  /**
   * Every close of a pool, so that the budget counts its permits as coming back meanwhile, and once
   * the close has returned only those of the connections it closed (their permits come back from
   * the departures, within their bound, after this returns): a connection HikariCP's adding thread
   * opened too late for the closed pool, or a close cut short (HikariCP swallows an interrupt and
   * returns part-way), must not leave the budget waiting for a permit that may never come back.
   */
  private static void closePool(HikariDataSource pool) {
    BudgetedDataSource budgeted = budgetedBehind(pool);
    budgeted.poolClosing();
    try {
      pool.close();
    } finally {
      budgeted.poolClosed();
    }
  }

  /** The pool's physical connection factory: every orchestra pool is made on one. */
  private static BudgetedDataSource budgetedBehind(HikariDataSource pool) {
    return (BudgetedDataSource) pool.getDataSource();
  }

  private boolean closeIfUnused(OpenOrchestra orchestra) {
    if (orchestra.closeIfUnused()) {
      open.remove(orchestra.route.orchestraId(), orchestra);
      return true;
    }
    return false;
  }

  /** An orchestra held open for one request or job; closing it lets the orchestra go idle. */
  public static final class Lease implements AutoCloseable {
    private final OpenOrchestra orchestra;
    private boolean closed;

    private Lease(OpenOrchestra orchestra) {
      this.orchestra = orchestra;
    }

    /**
     * An entity manager of this orchestra's database, and of no other: every statement it sends
     * goes through the orchestra's pool. The caller closes it before the lease.
     */
    public EntityManager createEntityManager() {
      if (closed) {
        throw new IllegalStateException("The lease on " + orchestra.route.subdomain() + " ended");
      }
      return orchestra.createEntityManager();
    }

    /**
     * A connection of this orchestra's pool, for a read in plain JDBC; the caller closes it (which
     * gives it back) before the lease.
     */
    public Connection connection() throws SQLException {
      if (closed) {
        throw new IllegalStateException("The lease on " + orchestra.route.subdomain() + " ended");
      }
      return orchestra.guarded.getConnection();
    }

    public OrchestraRoute route() {
      return orchestra.route;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        orchestra.release();
      }
    }
  }

  private final class OpenOrchestra {
    private final OrchestraRoute route;
    private int users;
    private boolean closed;
    private volatile boolean retired;
    private volatile long lastUsed = System.nanoTime();
    private volatile HikariDataSource pool;
    private volatile DataSource guarded;
    private volatile boolean opened;

    /**
     * Guards opening only. Opening waits for connections, and the budget may meanwhile ask every
     * orchestra (this one too) whether it is unused, which must not wait for the opening.
     */
    private final Object opening = new Object();

    OpenOrchestra(OrchestraRoute route) {
      this.route = route;
    }

    long lastUsed() {
      return lastUsed;
    }

    EntityManager createEntityManager() {
      return unit.createEntityManager(guarded);
    }

    synchronized boolean acquire() {
      if (closed || retired) {
        return false;
      }
      users++;
      lastUsed = System.nanoTime();
      return true;
    }

    void release() {
      boolean closeNow;
      synchronized (this) {
        users--;
        lastUsed = System.nanoTime();
        closeNow = retired && markClosedIfUnused();
      }
      if (closeNow) {
        closeResources();
      }
    }

    synchronized int leaseCount() {
      return users;
    }

    synchronized boolean isUnused() {
      return users == 0 && !closed;
    }

    void retire() {
      boolean closeNow;
      synchronized (this) {
        retired = true;
        closeNow = markClosedIfUnused();
      }
      if (closeNow) {
        closeResources();
      }
    }

    boolean closeIfUnused() {
      boolean closeNow;
      synchronized (this) {
        closeNow = markClosedIfUnused();
      }
      if (closeNow) {
        closeResources();
      }
      return closeNow;
    }

    synchronized boolean markClosedIfUnusedNow() {
      return markClosedIfUnused();
    }

    private boolean markClosedIfUnused() {
      if (users > 0 || closed) {
        return false;
      }
      closed = true;
      return true;
    }

    /** Outside the lock: closing a pool waits for its threads. */
    private void closeResources() {
      HikariDataSource openPool = pool;
      if (openPool != null) {
        closePool(openPool);
      }
      LOG.fine(() -> "Closed orchestra " + route.subdomain());
    }

    /** Tells the budget that the pool's permits are coming back, ahead of its close. */
    void beginClosing() {
      HikariDataSource openPool = pool;
      if (openPool != null) {
        budgetedBehind(openPool).poolClosing();
      }
    }

    void softEvictConnections() {
      HikariDataSource current = pool;
      if (current != null && !current.isClosed()) {
        current.getHikariPoolMXBean().softEvictConnections();
      }
    }

    /**
     * Opens the pool once; the checks run before anything is served. Only a lease holder calls
     * this, so the orchestra cannot be closed meanwhile.
     */
    void ensureOpen() {
      synchronized (opening) {
        if (retired) {
          throw new OrchestraUnavailableException(
              Text.of(
                  "The orchestra's database could not be opened; please try again.",
                  "Orkesterns databas kunde inte öppnas; försök igen."),
              "Orchestra " + route.subdomain() + " could not be opened; please try again");
        }
        if (!opened) {
          open();
        }
      }
    }

    private void open() {
      long started = System.nanoTime();
      pool = createPool();
      guarded =
          new GuardedDataSource(
              pool, breaker(route), () -> refused(route), failure -> unreachable(route, failure));
      try {
        check();
        // Once per registry, at the first opening: the unit logs in through this pool.
        unit.deployWith(guarded);
        opened = true;
      } catch (RuntimeException e) {
        closePool(pool);
        pool = null;
        throw e;
      }
      LOG.info(
          () ->
              "Opened orchestra "
                  + route.subdomain()
                  + " on "
                  + route.login().address()
                  + " in "
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms");
    }

    private HikariDataSource createPool() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("orchestra-" + route.subdomain());
      config.setDataSource(
          new BudgetedDataSource(
              route.login().dataSource(),
              budget.account(route.orchestraId()),
              departures.on(route.login().address())));
      config.setMaximumPoolSize(settings.maxPerOrchestra());
      // No connection kept for its own sake: an open orchestra holds only what it uses (the
      // budget is shared by all of them); the check below leaves one idle for the first request.
      config.setMinimumIdle(0);
      config.setScheduledExecutor(housekeeping);
      config.setIdleTimeout(settings.idleTimeout().toMillis());
      // Also the longest a caller waits when the database does not answer: the breaker then
      // refuses the next calls at once.
      config.setConnectionTimeout(Math.max(250, settings.maxWait().toMillis()));
      // Connect lazily: the checks below take the first connection.
      config.setInitializationFailTimeout(-1);
      return new HikariDataSource(config);
    }

    /**
     * Tables, schema version and marker in one query on one connection when the database is as
     * expected; otherwise Flyway's version first (it takes its own connections), then the tables
     * and the marker, as before.
     */
    private void check() {
      try {
        if (checkedInOneQuery()) {
          return;
        }
        checkVersion();
        try (Connection connection = guarded.getConnection()) {
          checkTables(SchemaGuard.inspect(connection, DatabaseKind.ORCHESTRA));
          IdentityMarker.verify(connection, route.orchestraId());
        }
      } catch (IdentityMarker.IdentityMismatchException e) {
        LOG.severe(
            "Refusing orchestra "
                + route.subdomain()
                + ": "
                + e.getMessage()
                + ". Check its registry entry.");
        throw new OrchestraUnavailableException(
            "The database registered for orchestra "
                + route.subdomain()
                + " is not its own: "
                + e.getMessage(),
            e);
      } catch (SQLTransientConnectionException e) {
        throw new OrchestraUnavailableException(
            Text.of(
                "No database connection is free for the orchestra right now; please try again in"
                    + " a moment.",
                "Ingen databasanslutning är ledig för orkestern just nu; försök igen om en liten"
                    + " stund."),
            "No database connection is free for orchestra "
                + route.subdomain()
                + " right now; please try again in a moment",
            e);
      } catch (SQLException e) {
        if (DatabaseFailures.isUnreachable(e)) {
          breaker(route).failed();
          throw unreachable(route, e);
        }
        LOG.log(Level.WARNING, "Cannot open orchestra " + route.subdomain(), e);
        throw new OrchestraUnavailableException(
            "The database of orchestra " + route.subdomain() + " cannot be reached right now", e);
      } catch (FlywayException e) {
        if (DatabaseFailures.isUnreachable(e)) {
          breaker(route).failed();
          throw unreachable(route, e);
        }
        LOG.log(Level.WARNING, "Cannot check the schema of orchestra " + route.subdomain(), e);
        throw new OrchestraUnavailableException(
            "The schema of orchestra "
                + route.subdomain()
                + "'s database cannot be checked: "
                + e.getMessage(),
            e);
      }
    }

    /**
     * Whether one query showed the database at this code's version, with the tables and the marker
     * checked; false when Flyway must tell (then nothing was refused yet).
     */
    private boolean checkedInOneQuery() throws SQLException {
      // Read once per process through Flyway (before taking a connection: Flyway takes its own).
      String expected = Migrations.latestVersion(guarded, DatabaseKind.ORCHESTRA);
      try (Connection connection = guarded.getConnection()) {
        Optional<OpeningCheck> state = OpeningCheck.read(connection);
        if (state.isEmpty()
            || state.get().marker().isEmpty()
            || !state.get().isAtVersion(expected)) {
          return false;
        }
        checkTables(SchemaGuard.inspect(connection, DatabaseKind.ORCHESTRA, state.get().tables()));
        IdentityMarker.verify(connection.getCatalog(), state.get().marker(), route.orchestraId());
        return true;
      }
    }

    private void checkTables(SchemaReport report) {
      if (!report.missing().isEmpty()) {
        throw new OrchestraUnavailableException(
            "The database of orchestra " + route.subdomain() + " lacks tables " + report.missing());
      }
      if (!report.isExact()) {
        LOG.warning(report.summary());
      }
    }

    private void checkVersion() {
      Migrations.SchemaVersion version = Migrations.version(guarded, DatabaseKind.ORCHESTRA);
      if (version.isAhead()) {
        throw new OrchestraUnavailableException(
            Text.of(
                "The database of orchestra {0} is at schema version {1}, newer than this"
                    + " application's {2}.",
                "Databasen för orkester {0} har schemaversion {1}, nyare än programmets {2}.",
                route.subdomain(),
                version.current(),
                version.expected()),
            "The database of orchestra "
                + route.subdomain()
                + " is at schema version "
                + version.current()
                + ", newer than this application's "
                + version.expected());
      }
      if (!version.isBehind()) {
        return;
      }
      if (!settings.migrateOnOpen()) {
        String current = Optional.ofNullable(version.current()).orElse("none");
        throw new OrchestraUnavailableException(
            Text.of(
                "The database of orchestra {0} is at schema version {1}, behind the"
                    + " application's {2}; it is served again once it is migrated.",
                "Databasen för orkester {0} har schemaversion {1}, äldre än programmets {2}; den"
                    + " används igen när den har migrerats.",
                route.subdomain(),
                current,
                version.expected()),
            "The database of orchestra "
                + route.subdomain()
                + " is at schema version "
                + Optional.ofNullable(version.current()).orElse("none")
                + ", behind the application's "
                + version.expected()
                + "; it is served again once it is migrated");
      }
      LOG.info(() -> "Migrating orchestra " + route.subdomain() + " on open");
      Migrations.migrate(guarded, DatabaseKind.ORCHESTRA);
    }
  }
}
