package org.ripieno.tenancy;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;

/** Applies {@link CentralTransactional}. */
@CentralTransactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class CentralTransactionInterceptor {

  @Inject @CentralData EntityManager entityManager;

  @AroundInvoke
  Object inTransaction(InvocationContext invocation) throws Exception {
    return ResourceLocalTransaction.around(entityManager, invocation);
  }
}
