package org.ripieno.tenancy;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;

/**
 * Applies {@link OrchestraTransactional}. The outermost transaction announces the work it made due
 * ({@link DueWork}) once it returned: these are resource-local transactions, so there is no JTA
 * {@code AFTER_SUCCESS} to observe. A transaction only marked rollback-only may announce too; that
 * makes the jobs come a little early, never late.
 */
@OrchestraTransactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class OrchestraTransactionInterceptor {

  @Inject @OrchestraData EntityManager entityManager;
  @Inject CurrentOrchestra current;
  @Inject DueWork due;
  @Inject Event<OrchestraWorkDue> announced;

  @AroundInvoke
  Object inTransaction(InvocationContext invocation) throws Exception {
    if (entityManager.getTransaction().isActive()) {
      return invocation.proceed();
    }
    Object result;
    try {
      result = ResourceLocalTransaction.around(entityManager, invocation);
    } catch (Exception | Error e) {
      due.forget();
      throw e;
    }
    due.takeCommitted()
        .ifPresent(at -> announced.fire(new OrchestraWorkDue(current.require().orchestraId(), at)));
    return result;
  }
}
