package org.ripieno.central.fleet.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ripieno.central.fleet.control.FleetOperations;
import org.ripieno.central.fleet.control.FleetReports;
import org.ripieno.security.Allow;
import org.ripieno.security.Role;

/**
 * {@code GET /api/platform/metrics}: rows per orchestra, totals and the monthly revenue of the
 * active orchestras in SEK (superadmin data; the public {@code /metrics} has none).
 */
@Path("platform/metrics")
@Allow(Role.SUPERADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformMetricsResource {

  @Inject FleetOperations fleet;

  @GET
  public FleetReports.MetricsAnswer metrics() {
    return fleet.metrics();
  }
}
