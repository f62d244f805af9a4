package org.ripieno.central.fleet.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.health.Readiness;
import org.ripieno.central.fleet.control.FleetOperations;
import org.ripieno.central.fleet.control.FleetReports;
import org.ripieno.health.CentralReadiness;
import org.ripieno.security.Allow;
import org.ripieno.security.Role;

/**
 * {@code GET /api/platform/health}: central and each orchestra database: reachable, identity
 * marker, schema version, last migration, and central's readiness check with the details (login,
 * address, error) that the public {@code /health/ready} leaves out.
 */
@Path("platform/health")
@Allow(Role.SUPERADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformHealthResource {

  @Inject FleetOperations fleet;
  // Health checks carry their kind as a qualifier.
  @Inject @Readiness CentralReadiness centralReadiness;

  @GET
  public FleetReports.HealthAnswer health() {
    CentralReadiness.Condition now = centralReadiness.evaluate();
    CentralReadiness.Trouble last = centralReadiness.lastTrouble();
    return fleet
        .health()
        .withCentralCheck(
            new FleetReports.CentralCheck(
                now.ready() ? "UP" : "DOWN",
                now.reason(),
                now.details(),
                last == null ? null : last.details(),
                last == null ? null : last.at()));
  }
}
