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
 * {@code GET /api/platform/health}: central and each orchestra database: reachable, identity
 * marker, schema version, last migration (superadmin data; the public {@code /health} has none).
 */
@Path("platform/health")
@Allow(Role.SUPERADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformHealthResource {

  @Inject FleetOperations fleet;

  @GET
  public FleetReports.HealthAnswer health() {
    return fleet.health();
  }
}
