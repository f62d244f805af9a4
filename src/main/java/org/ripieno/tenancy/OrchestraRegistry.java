package org.ripieno.tenancy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.ripieno.web.Text;

/**
 * The one place orchestra databases are opened: per orchestra, lazily, a bounded HikariCP pool and
 * an {@link EntityManagerFactory} of the {@code orchestra} unit with its own session (so nothing is
 * ever shared between orchestras). Opening checks the database first: its tables, its schema
 * version and its identity marker. Unused orchestras are closed after an idle time, and least
 * recently used first when the {@link ConnectionBudget} runs out; an orchestra in use is never
 * closed.
 */
public final class OrchestraRegistry implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OrchestraRegistry.class.getName());
  private static final AtomicLong OPENINGS = new AtomicLong();

  private final RegistrySettings settings;
  private final ConnectionBudget budget;
  private final Map<String, OpenOrchestra> open = new ConcurrentHashMap<>();

  /**
   * One breaker per database (not per orchestra entry, which is dropped when its opening fails), so
   * that an unreachable database is refused at once until it answers again.
   */
  private final Map<DatabaseAddress, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public OrchestraRegistry(RegistrySettings settings) {
    this.settings = settings;
    this.budget = new ConnectionBudget(settings.ceiling(), settings.maxWait());
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

  /** Orchestras whose pool and factory are open now. */
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

  @Override
  public void close() {
    for (String id : open.keySet()) {
      retire(id);
    }
  }

  /** Frees connections for the budget: the least recently used unused orchestra first. */
  private boolean reclaimConnections(String requester) {
    Optional<OpenOrchestra> idle =
        open.values().stream()
            .filter(orchestra -> !orchestra.route.orchestraId().equals(requester))
            .filter(OpenOrchestra::isUnused)
            .min(Comparator.comparingLong(OpenOrchestra::lastUsed));
    if (idle.isPresent() && closeIfUnused(idle.get())) {
      return true;
    }
    // Every orchestra is in use: close their idle connections (in-use ones close when returned).
    open.values().forEach(OpenOrchestra::softEvictConnections);
    return false;
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

    public EntityManagerFactory entityManagerFactory() {
      return orchestra.factory;
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
    private volatile EntityManagerFactory factory;

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

    private boolean markClosedIfUnused() {
      if (users > 0 || closed) {
        return false;
      }
      closed = true;
      return true;
    }

    /** Outside the lock: closing a pool waits for its threads. */
    private void closeResources() {
      EntityManagerFactory openFactory = factory;
      HikariDataSource openPool = pool;
      try {
        if (openFactory != null) {
          openFactory.close();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Closing orchestra " + route.subdomain() + " failed", e);
      } finally {
        if (openPool != null) {
          openPool.close();
        }
      }
      LOG.fine(() -> "Closed orchestra " + route.subdomain());
    }

    void softEvictConnections() {
      HikariDataSource current = pool;
      if (current != null && !current.isClosed()) {
        current.getHikariPoolMXBean().softEvictConnections();
      }
    }

    /**
     * Opens pool and factory once; the checks run before anything is served. Only a lease holder
     * calls this, so the orchestra cannot be closed meanwhile.
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
        if (factory == null) {
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
        factory = createFactory();
      } catch (RuntimeException e) {
        pool.close();
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
          new BudgetedDataSource(route.login().dataSource(), budget, route.orchestraId()));
      config.setMaximumPoolSize(settings.maxPerOrchestra());
      config.setMinimumIdle(0);
      config.setIdleTimeout(settings.idleTimeout().toMillis());
      // Also the longest a caller waits when the database does not answer: the breaker then
      // refuses the next calls at once.
      config.setConnectionTimeout(Math.max(250, settings.maxWait().toMillis()));
      // Connect lazily: the checks below take the first connection.
      config.setInitializationFailTimeout(-1);
      return new HikariDataSource(config);
    }

    /** Schema version first (Flyway takes its own connections), then tables and marker. */
    private void check() {
      try {
        checkVersion();
        try (Connection connection = guarded.getConnection()) {
          SchemaReport report = SchemaGuard.inspect(connection, DatabaseKind.ORCHESTRA);
          if (!report.missing().isEmpty()) {
            throw new OrchestraUnavailableException(
                "The database of orchestra "
                    + route.subdomain()
                    + " lacks tables "
                    + report.missing());
          }
          if (!report.isExact()) {
            LOG.warning(report.summary());
          }
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

    private EntityManagerFactory createFactory() {
      // EclipseLink caches sessions by name: one name per orchestra and per opening.
      return UnitFactories.create(
          DatabaseKind.ORCHESTRA,
          guarded,
          "orchestra-" + route.orchestraId() + "-" + OPENINGS.incrementAndGet());
    }
  }
}
