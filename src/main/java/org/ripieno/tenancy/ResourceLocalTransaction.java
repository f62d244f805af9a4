package org.ripieno.tenancy;

import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;

/**
 * The one way Ripieno runs a transaction on an application-managed (resource-local) {@link
 * EntityManager}; the interceptors of {@link CentralTransactional} and {@link
 * OrchestraTransactional} both use it.
 */
final class ResourceLocalTransaction {

  private ResourceLocalTransaction() {}

  static Object around(EntityManager entityManager, InvocationContext invocation) throws Exception {
    EntityTransaction transaction = entityManager.getTransaction();
    if (transaction.isActive()) {
      return invocation.proceed();
    }
    transaction.begin();
    try {
      Object result = invocation.proceed();
      if (transaction.getRollbackOnly()) {
        transaction.rollback();
      } else {
        transaction.commit();
      }
      return result;
    } catch (Exception | Error e) {
      if (transaction.isActive()) {
        transaction.rollback();
      }
      throw e;
    }
  }
}
