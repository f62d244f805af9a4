package org.ripieno.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Runs work outside a request for one orchestra, passed explicitly: a fresh request context per
 * run, the orchestra set in it, and everything (orchestra, entity manager, database lease) gone
 * when the run ends, failed or not. So a pooled job thread never carries one orchestra into its
 * next task.
 */
@ApplicationScoped
public class OrchestraJobs {

  @Inject Instance<RequestContextController> contexts;
  @Inject CurrentOrchestra current;

  public <T> T runAs(OrchestraRoute orchestra, Supplier<T> work) {
    RequestContextController context = contexts.get();
    if (!context.activate()) {
      contexts.destroy(context);
      throw new IllegalStateException(
          "Orchestra jobs run on their own threads, not inside a request or another job");
    }
    try {
      current.enter(orchestra);
      return work.get();
    } finally {
      context.deactivate();
      contexts.destroy(context);
    }
  }

  public void runAs(OrchestraRoute orchestra, Runnable work) {
    runAs(
        orchestra,
        () -> {
          work.run();
          return null;
        });
  }
}
