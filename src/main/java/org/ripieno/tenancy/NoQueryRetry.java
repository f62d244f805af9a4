package org.ripieno.tenancy;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink tries a query again when its connection failed, up to 3 times, 5 s apart: with a
 * database down or a pool exhausted, every request would wait some 20 s for its 503. Ripieno
 * answers at once instead (the breaker and {@code Retry-After} tell the client when to come back,
 * and a job's next run tries again).
 */
public final class NoQueryRetry implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
      login.setQueryRetryAttemptCount(0);
      login.setDelayBetweenConnectionAttempts(0);
    }
  }
}
