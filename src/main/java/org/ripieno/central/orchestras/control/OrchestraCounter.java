package org.ripieno.central.orchestras.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.central.fleet.control.BoundedParallel;
import org.ripieno.central.fleet.control.FleetSettings;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.orchestras.boundary.OrchestraView;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Counts musicians and projects of orchestras for the platform's lists with the fleet's probe:
 * short connections outside the orchestra pools (listing the fleet never takes connections from the
 * orchestras' budget), a few orchestras at a time, each with the probe's timeout, and only from a
 * database that carries its orchestra's marker.
 */
@ApplicationScoped
public class OrchestraCounter {

  @Inject OrchestraRoutes routes;
  @Inject RipienoSettings settings;
  @Resource ManagedThreadFactory threads;

  /** Counts by orchestra id; orchestras without a reachable, provisioned database are absent. */
  public Map<String, OrchestraView.Counts> count(List<Orchestra> orchestras) {
    List<OrchestraRoute> provisioned =
        orchestras.stream()
            .filter(o -> o.getProvisioningState() == ProvisioningState.ACTIVE)
            .filter(o -> !o.isDeleted())
            .filter(o -> o.getDatabaseName() != null)
            .map(this::routeOrNull)
            .filter(java.util.Objects::nonNull)
            .toList();
    FleetSettings fleet = FleetSettings.from(settings);
    OrchestraProbe probe = new OrchestraProbe(fleet.probeTimeout());
    Map<String, OrchestraView.Counts> counts = new HashMap<>();
    try {
      for (OrchestraProbe.Probe found :
          BoundedParallel.map(provisioned, fleet.workers(), threads, probe::probe)) {
        if (Boolean.TRUE.equals(found.markerMatches()) && found.counts() != null) {
          counts.put(
              found.orchestraId(),
              new OrchestraView.Counts(found.counts().musicians(), found.counts().projects()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }

  private OrchestraRoute routeOrNull(Orchestra orchestra) {
    try {
      return routes.routeTo(orchestra);
    } catch (OrchestraUnavailableException e) {
      return null;
    }
  }
}
