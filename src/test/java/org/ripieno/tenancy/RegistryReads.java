package org.ripieno.tenancy;

import jakarta.persistence.EntityManager;

/** Reads through an {@link OrchestraRegistry} as a request does: a lease, an entity manager. */
final class RegistryReads {

  private RegistryReads() {}

  /** The orchestra's musicians, counted over a connection of its pool. */
  static long countMusicians(OrchestraRegistry registry, OrchestraRoute route) {
    try (OrchestraRegistry.Lease lease = registry.lease(route)) {
      EntityManager entityManager = lease.createEntityManager();
      try {
        return (Long)
            entityManager.createQuery("select count(m) from Musician m").getSingleResult();
      } finally {
        entityManager.close();
      }
    }
  }
}
