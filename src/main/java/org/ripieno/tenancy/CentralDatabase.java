package org.ripieno.tenancy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ripieno.config.RipienoSettings;

/**
 * The central database: its pool, its migrations (run at startup) and the {@code @CentralData}
 * {@link EntityManager}. When central cannot be reached at startup, every later use tries again,
 * and readiness says why it is down meanwhile.
 */
@ApplicationScoped
public class CentralDatabase {

  private static final Logger LOG = Logger.getLogger(CentralDatabase.class.getName());

  @Inject RipienoSettings settings;

  /** After a failed start, callers get the same answer at once for this long. */
  private static final long RETRY_AFTER_NANOS = 5_000_000_000L;

  private final CircuitBreaker breaker = new CircuitBreaker(CircuitBreaker.OPEN_FOR);
  private volatile HikariDataSource hikari;
  private volatile DataSource pool;
  private volatile EntityManagerFactory factory;
  private CentralUnavailableException lastFailure;
  private long lastFailureAt;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      ensureStarted();
    } catch (CentralUnavailableException e) {
      LOG.severe(e.getMessage());
    }
  }

  /** Connects and migrates central once; later calls return at once. */
  public void ensureStarted() {
    if (factory != null) {
      return;
    }
    synchronized (this) {
      if (factory != null) {
        return;
      }
      if (lastFailure != null && System.nanoTime() - lastFailureAt < RETRY_AFTER_NANOS) {
        throw lastFailure;
      }
      try {
        start();
        lastFailure = null;
      } catch (CentralUnavailableException e) {
        lastFailure = e;
        lastFailureAt = System.nanoTime();
        throw e;
      }
    }
  }

  private void start() {
    DatabaseLogin login =
        settings
            .central()
            .orElseThrow(
                () ->
                    new CentralUnavailableException(
                        CentralUnavailableException.NOT_CONFIGURED,
                        "No central database is configured: set ripieno.central.url"
                            + " (RIPIENO_CENTRAL_URL), or start Ripieno with java -jar"
                            + " target/ripieno.jar, which runs an embedded PostgreSQL",
                        null));
    HikariConfig config = new HikariConfig();
    config.setPoolName("central");
    config.setDataSource(login.dataSource());
    config.setMaximumPoolSize(settings.centralPoolSize());
    config.setMinimumIdle(1);
    // An unreachable central answers 503 within this, and at once while the breaker is open.
    config.setConnectionTimeout(3_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource candidate = new HikariDataSource(config);
    try {
      refuseLegacyCentral(candidate, login);
      var result = Migrations.migrate(candidate, DatabaseKind.CENTRAL);
      LOG.info(
          () ->
              "Central database "
                  + login
                  + " at schema version "
                  + result.targetSchemaVersion
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
      DataSource guarded = guard(candidate, login);
      EntityManagerFactory created = UnitFactories.create(DatabaseKind.CENTRAL, guarded, "central");
      // The pool first: a set factory is what tells other threads that central is started.
      hikari = candidate;
      pool = guarded;
      factory = created;
    } catch (LegacyCentralException e) {
      candidate.close();
      throw e;
    } catch (RuntimeException e) {
      candidate.close();
      LOG.log(Level.FINE, "Central start failed", e);
      throw new CentralUnavailableException(
          DatabaseFailures.cannotConnect(e)
              ? CentralUnavailableException.UNREACHABLE
              : CentralUnavailableException.NOT_PREPARED,
          "The central database " + login + " cannot be used: " + DatabaseFailures.rootMessage(e),
          e);
    }
  }

  private DataSource guard(DataSource candidate, DatabaseLogin login) {
    return new GuardedDataSource(
        candidate,
        breaker,
        () ->
            new CentralUnavailableException(
                    CentralUnavailableException.UNREACHABLE,
                    "The central database "
                        + login
                        + " could not be reached moments ago; calls are refused until it answers"
                        + " again",
                    null)
                .markLogged(),
        failure -> {
          LOG.warning(
              "The central database "
                  + login
                  + " cannot be reached: "
                  + DatabaseFailures.rootMessage(failure));
          return new CentralUnavailableException(
                  CentralUnavailableException.UNREACHABLE,
                  "The central database "
                      + login
                      + " cannot be reached: "
                      + DatabaseFailures.rootMessage(failure),
                  failure)
              .markLogged();
        });
  }

  /** How long a caller refused because central is unreachable should wait before trying again. */
  public Duration retryAfter() {
    return breaker.retryAfter();
  }

  /**
   * Flyway would refuse a legacy central database with advice for a developer; the operator is told
   * to adopt it instead. A database that cannot be reached fails the start here, so a caller waits
   * for one connection attempt, not for this one and then the migration's.
   */
  private static void refuseLegacyCentral(DataSource candidate, DatabaseLogin login) {
    boolean legacy;
    try (Connection connection = candidate.getConnection()) {
      legacy = LegacyCentral.recognise(connection);
    } catch (SQLException e) {
      throw new CentralUnavailableException("Central cannot be inspected", e);
    }
    if (legacy) {
      throw new LegacyCentralException(login.address().database());
    }
  }

  /**
   * Central's login and address ({@code user@host:port/database}), for the log and the superadmin;
   * never for public answers.
   */
  public String describe() {
    return settings.central().map(DatabaseLogin::toString).orElse("(not configured)");
  }

  /** The central pool, for catalog queries such as the schema guard's. */
  public DataSource dataSource() {
    ensureStarted();
    return pool;
  }

  /** Runs the schema guard on central: one catalog query. */
  public SchemaReport inspectSchema() {
    try (Connection connection = dataSource().getConnection()) {
      return SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
    } catch (SQLException e) {
      throw new CentralUnavailableException(
          CentralUnavailableException.UNREACHABLE,
          "The central database cannot be reached: " + e.getMessage(),
          e);
    }
  }

  @Produces
  @CentralData
  @RequestScoped
  EntityManager entityManager() {
    ensureStarted();
    return factory.createEntityManager();
  }

  void close(@Disposes @CentralData EntityManager entityManager) {
    entityManager.close();
  }

  @PreDestroy
  synchronized void stop() {
    if (factory != null) {
      factory.close();
    }
    if (hikari != null) {
      hikari.close();
    }
  }

  /**
   * Central is a legacy central database that was not adopted: the message names the database for
   * the log; {@link LegacyCentral#PROBLEM} and {@link LegacyCentral#ACTION} are for public answers.
   */
  public static final class LegacyCentralException extends CentralUnavailableException {
    public LegacyCentralException(String database) {
      super(LegacyCentral.PROBLEM, LegacyCentral.logMessage(database), null);
    }
  }

  /**
   * Central is not configured, unreachable or could not be migrated. The message names the database
   * and the cause, for the log and the superadmin; {@link #publicReason()} says the same in general
   * words, for anyone (public readiness, error answers).
   */
  public static class CentralUnavailableException extends RuntimeException {

    public static final String NOT_CONFIGURED = "No central database is configured";
    public static final String UNREACHABLE = "The central database cannot be reached";
    public static final String NOT_PREPARED =
        "The central database cannot be brought to the application's schema";

    private final String publicReason;

    /** Whether the log already says why (see {@link #isLogged()}). */
    private boolean logged;

    public CentralUnavailableException(String message) {
      this(UNREACHABLE, message, null);
    }

    public CentralUnavailableException(String message, Throwable cause) {
      this(UNREACHABLE, message, cause);
    }

    public CentralUnavailableException(String publicReason, String message, Throwable cause) {
      super(message, cause);
      this.publicReason = publicReason;
    }

    /** Why central cannot be used, without its address, login or the underlying error. */
    public String publicReason() {
      return publicReason;
    }

    /**
     * Whether the log already says why: the failed attempt to reach central was logged in one line,
     * and a call refused by its breaker afterwards has nothing to add.
     */
    public boolean isLogged() {
      return logged;
    }

    CentralUnavailableException markLogged() {
      logged = true;
      return this;
    }
  }
}
