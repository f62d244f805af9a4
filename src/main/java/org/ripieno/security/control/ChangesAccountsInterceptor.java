package org.ripieno.security.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Applies {@link ChangesAccounts}. It runs outside the central transaction (an earlier priority
 * than {@code CentralTransactionInterceptor}'s), so it forgets after the commit: forgetting before
 * would let a request read the row as it was and keep it.
 */
@ChangesAccounts
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 90)
public class ChangesAccountsInterceptor {

  @Inject Authenticator authenticator;

  @AroundInvoke
  Object forgetAfterwards(InvocationContext invocation) throws Exception {
    try {
      return invocation.proceed();
    } finally {
      authenticator.forgetRecentAccounts();
    }
  }
}
