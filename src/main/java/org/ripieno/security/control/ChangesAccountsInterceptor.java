package org.ripieno.security.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import org.ripieno.tenancy.CentralData;

/**
 * Applies {@link ChangesAccounts}. It runs outside the central transaction (an earlier priority
 * than {@code CentralTransactionInterceptor}'s), so it forgets after the commit: forgetting before
 * would let a request read the row as it was and keep it. For the same reason the method must begin
 * its transaction itself: inside another one, its change commits only when the outer one does,
 * after the forgetting, so such a call is refused.
 */
@ChangesAccounts
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 90)
public class ChangesAccountsInterceptor {

  @Inject Authenticator authenticator;
  @Inject @CentralData EntityManager central;

  @AroundInvoke
  Object forgetAfterwards(InvocationContext invocation) throws Exception {
    if (central.getTransaction().isActive()) {
      throw new IllegalStateException(
          invocation.getMethod()
              + " changes accounts and must begin its own central transaction: inside another, its"
              + " change would commit after this instance forgot the accounts it kept");
    }
    try {
      return invocation.proceed();
    } finally {
      authenticator.forgetRecentAccounts();
    }
  }
}
