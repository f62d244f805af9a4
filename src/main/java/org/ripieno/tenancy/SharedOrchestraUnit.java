package org.ripieno.tenancy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One factory of the {@code orchestra} unit for every orchestra of a registry: the unit's metadata
 * (descriptors, mappings, parsed queries; several MB) is built once instead of once per orchestra.
 * Each entity manager gets the orchestra's own pool as its data source, in EclipseLink's exclusive
 * connection mode, so that every statement of that entity manager, reads included, goes through
 * that pool and nothing else (without the exclusive mode, reads outside a transaction would use the
 * factory's own data source). Rows are never shared: the unit has no shared cache, and each entity
 * manager has its own persistence context.
 *
 * <p>The factory's own data source refuses every connection ({@link Unbound}), so an entity manager
 * made without an orchestra's pool, or a statement that would bypass it, fails instead of reaching
 * any database. The one exception is the factory's login, which EclipseLink makes once when it
 * deploys the unit: it borrows a connection of the first orchestra opened, on that thread only, and
 * gives it back at once.
 *
 * <p>The properties are EclipseLink's entity manager properties ({@code
 * jakarta.persistence.nonJtaDataSource}, {@code eclipselink.jdbc.exclusive-connection.mode}), and
 * EclipseLink is the provider on every server Ripieno runs on (docs/deployment.md).
 */
final class SharedOrchestraUnit implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SharedOrchestraUnit.class.getName());
  private static final AtomicLong UNITS = new AtomicLong();

  private final Unbound unbound = new Unbound();
  private volatile EntityManagerFactory factory;

  /**
   * An entity manager of the unit whose every connection comes from the given orchestra pool. The
   * first call deploys the unit, logging in through that pool.
   */
  EntityManager createEntityManager(DataSource orchestraPool) {
    return deployed(orchestraPool)
        .createEntityManager(
            Map.of(
                "jakarta.persistence.nonJtaDataSource",
                orchestraPool,
                "eclipselink.jdbc.exclusive-connection.mode",
                "Always"));
  }

  /** Deploys the unit (once) through the given pool, so that the first request does not. */
  void deployWith(DataSource orchestraPool) {
    deployed(orchestraPool);
  }

  private EntityManagerFactory deployed(DataSource orchestraPool) {
    EntityManagerFactory current = factory;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (factory == null) {
        long started = System.nanoTime();
        EntityManagerFactory created =
            UnitFactories.create(
                DatabaseKind.ORCHESTRA, unbound, "orchestra-shared-" + UNITS.incrementAndGet());
        unbound.loginThrough(orchestraPool);
        try {
          // EclipseLink deploys lazily; the first entity manager makes it log in.
          created.createEntityManager().close();
        } catch (RuntimeException e) {
          created.close();
          throw e;
        } finally {
          unbound.loginDone();
        }
        factory = created;
        LOG.info(
            () ->
                "Deployed the shared orchestra unit in "
                    + (System.nanoTime() - started) / 1_000_000
                    + " ms");
      }
      return factory;
    }
  }

  @Override
  public synchronized void close() {
    if (factory != null) {
      factory.close();
      factory = null;
    }
  }

  /**
   * The factory's own data source: no database. Only the thread deploying the unit borrows the
   * first orchestra's pool for EclipseLink's login.
   */
  static final class Unbound extends ConnectionSource {

    private final ThreadLocal<DataSource> login = new ThreadLocal<>();

    void loginThrough(DataSource pool) {
      login.set(pool);
    }

    void loginDone() {
      login.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
      DataSource pool = login.get();
      if (pool == null) {
        throw new SQLException(
            "The shared orchestra unit has no database: an orchestra entity manager is only"
                + " made through the orchestra's lease");
      }
      return pool.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("The shared orchestra unit has no database");
    }
  }
}
