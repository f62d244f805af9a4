package org.ripieno.tenancy;

import jakarta.enterprise.inject.Vetoed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The orchestra the current request or job acts for. Set once, explicitly: by the orchestra request
 * filter after it checked the caller's rights, or by {@link OrchestraJobs} for a job. It ends with
 * its request context, which also lets go of the orchestra's database.
 *
 * <p>Request-scoped through {@link OrchestraConnections#currentOrchestra()}, a producer, rather
 * than as a bean class of its own: the server treats every instance of a bean class it creates as a
 * candidate for resource injection, which cost about 5 % of an orchestra read's CPU, made once a
 * request. {@code @Vetoed}: were the archive ever scanned for every class, it would not become a
 * second bean beside the producer's.
 */
@Vetoed
public class CurrentOrchestra {

  private final OrchestraRegistry registry;

  private OrchestraRoute route;
  private OrchestraEntry entry;
  private String actingUserId;
  private OrchestraRegistry.Lease lease;
  private EntityManager entityManager;

  /** Without a registry: for the container's proxy, and for a request that never enters one. */
  protected CurrentOrchestra() {
    this(null);
  }

  /** The current orchestra of one request or job, whose databases come from this registry. */
  CurrentOrchestra(OrchestraRegistry registry) {
    this.registry = registry;
  }

  /** Binds this request or job to an orchestra; switching to another one is refused. */
  public void enter(OrchestraRoute orchestra) {
    if (route != null && !route.orchestraId().equals(orchestra.orchestraId())) {
      throw new IllegalStateException(
          "This request already acts for orchestra " + route.subdomain() + "; it cannot switch");
    }
    route = orchestra;
  }

  /**
   * Binds this request to an orchestra as the gate admitted it, with the central row it read for
   * that (as old as the admission's, no older), for the rest of the request to use (name, branding,
   * limits) instead of reading central again, and the account it admitted.
   *
   * @param actingUserId the central id of the account the request acts for, which the audit trail
   *     records
   */
  public void enter(OrchestraRoute orchestra, OrchestraEntry admittedWith, String actingUserId) {
    enter(orchestra);
    entry = admittedWith;
    this.actingUserId = actingUserId;
  }

  /**
   * The account this request acts for, as the gate admitted it; none in a job or on a musician's
   * public link.
   */
  public Optional<String> actingUserId() {
    return Optional.ofNullable(actingUserId);
  }

  /** The central row this request was admitted with; none in a job. */
  public Optional<OrchestraEntry> entry() {
    return Optional.ofNullable(entry);
  }

  public Optional<OrchestraRoute> route() {
    return Optional.ofNullable(route);
  }

  /** The current orchestra; throws when none was set, before any connection is opened. */
  public OrchestraRoute require() {
    if (route == null) {
      throw new NoCurrentOrchestraException();
    }
    return route;
  }

  /** The current orchestra's open database, leased for the rest of the request or job. */
  OrchestraRegistry.Lease lease() {
    OrchestraRoute orchestra = require();
    if (lease == null) {
      lease = registry.lease(orchestra);
    }
    return lease;
  }

  /** The current orchestra's entity manager, open until the request or job ends. */
  EntityManager entityManager() {
    if (entityManager == null) {
      entityManager = lease().createEntityManager();
    }
    return entityManager;
  }

  /**
   * The rows of a native read ({@code ?} parameters, numbered from 1 in the order given), each an
   * {@code Object[]} of the columns as JDBC gives them. When this request or job has used its
   * entity manager, the read goes through it, so it sees the request's own changes (flushed first,
   * as every query does). A request that has not, such as a single-record {@code GET}, reads in
   * plain JDBC on a connection of the same pool, given back at once: no entity manager is made for
   * one statement.
   */
  public List<Object[]> nativeRows(String sql, Object... parameters) {
    if (entityManager != null) {
      Query query = entityManager.createNativeQuery(sql);
      for (int i = 0; i < parameters.length; i++) {
        query.setParameter(i + 1, parameters[i]);
      }
      List<?> rows = query.getResultList();
      return rows.stream().map(CurrentOrchestra::columns).toList();
    }
    try (Connection connection = lease().connection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        int width = result.getMetaData().getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (result.next()) {
          Object[] row = new Object[width];
          for (int column = 0; column < width; column++) {
            row[column] = result.getObject(column + 1);
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      // Answered like any database failure of a request (busy or unreachable: 503; else 500).
      throw new PersistenceException(
          "A read of orchestra " + require().subdomain() + " failed: " + e.getMessage(), e);
    }
  }

  /** EclipseLink returns a row of one column as the value itself. */
  private static Object[] columns(Object row) {
    return row instanceof Object[] columns ? columns : new Object[] {row};
  }

  /**
   * Closes the entity manager before letting go of the database it uses; at the end of the request
   * context ({@link OrchestraConnections#leave}).
   */
  void leave() {
    try {
      if (entityManager != null) {
        entityManager.close();
      }
    } finally {
      entityManager = null;
      if (lease != null) {
        lease.close();
        lease = null;
      }
    }
  }
}
