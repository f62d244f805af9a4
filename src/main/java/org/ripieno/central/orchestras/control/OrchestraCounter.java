package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.ripieno.central.fleet.control.FleetSettings;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.orchestras.boundary.OrchestraView;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Counts the musicians and projects of one orchestra for its detail, with the fleet's probe: one
 * short connection outside the orchestra pools (looking at an orchestra never takes connections
 * from its budget), with the probe's timeout, and only from a database that carries its orchestra's
 * marker. The list never counts: it would open a database per orchestra on the page.
 */
@ApplicationScoped
public class OrchestraCounter {

  @Inject OrchestraRoutes routes;
  @Inject RipienoSettings settings;

  /** Empty unless the orchestra has a reachable, provisioned database of its own. */
  public Optional<OrchestraView.Counts> count(Orchestra orchestra) {
    if (orchestra.getProvisioningState() != ProvisioningState.ACTIVE
        || orchestra.isDeleted()
        || orchestra.getDatabaseName() == null) {
      return Optional.empty();
    }
    try {
      return new OrchestraProbe(FleetSettings.from(settings).probeTimeout())
          .counts(routes.routeTo(orchestra))
          .map(found -> new OrchestraView.Counts(found.musicians(), found.projects()));
    } catch (OrchestraUnavailableException e) {
      return Optional.empty();
    }
  }
}
