package org.ripieno.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * The orchestras jobs run for: active ones only (a suspended or inactive orchestra gets no jobs and
 * no delivery; its messages stay queued), read fresh from central at every run.
 */
@ApplicationScoped
public class ActiveOrchestras {

  private static final Logger LOG = Logger.getLogger(ActiveOrchestras.class.getName());

  @Inject @CentralData EntityManager central;
  @Inject OrchestraRoutes routes;

  /** One orchestra to run for: its route and its name (which signs default mail texts). */
  public record Entry(OrchestraRoute route, String name) {}

  /** Runs in a request context of its own, so central's entity manager is closed right after. */
  @ActivateRequestContext
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    for (Orchestra orchestra :
        central
            .createQuery(
                "SELECT o FROM Orchestra o WHERE o.status = 'active' ORDER BY o.id",
                Orchestra.class)
            .getResultList()) {
      try {
        entries.add(new Entry(routes.routeTo(orchestra), orchestra.getName()));
      } catch (OrchestraUnavailableException e) {
        LOG.log(Level.WARNING, "No jobs for " + orchestra.getSubdomain() + ": " + e.getMessage());
      }
    }
    return entries;
  }
}
