package org.ripieno.central.fleet.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.central.fleet.control.FleetOperations;
import org.ripieno.central.fleet.control.FleetReports;
import org.ripieno.central.fleet.control.FleetRun;
import org.ripieno.central.fleet.control.FleetRuns;
import org.ripieno.security.Allow;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.web.ProblemException;

/**
 * {@code /api/platform/schema}: the schema guard report of central and every orchestra database,
 * and fleet migration runs, for the superadmin.
 */
@Path("platform/schema")
@Allow(Role.SUPERADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformSchemaResource {

  @Inject FleetOperations fleet;
  @Context SecurityContext security;

  @GET
  public FleetReports.SchemaAnswer report() {
    return fleet.schema();
  }

  /**
   * 202 with the run's {@code Location}. While a run is going on this instance, the answer is that
   * run (also 202, same {@code Location}): migrating twice at once could only wait on the locks.
   */
  @POST
  @Path("migrate")
  @APIResponse(
      responseCode = "202",
      description = "The run, started or already going on",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = FleetRun.View.class)))
  public Response migrate(@Context UriInfo uri) {
    FleetRuns.Start start = fleet.migrate((Caller) security.getUserPrincipal());
    return Response.accepted(start.run().view())
        .location(
            uri.getBaseUriBuilder()
                .path("platform/schema/migrations")
                .path(start.run().id())
                .build())
        .build();
  }

  /** This instance's recent runs, newest first. */
  @GET
  @Path("migrations")
  public List<FleetRun.View> runs() {
    return fleet.runs().stream().map(FleetRun::view).toList();
  }

  @GET
  @Path("migrations/{runId}")
  public FleetRun.View run(@PathParam("runId") String runId) {
    return fleet
        .run(runId)
        .map(FleetRun::view)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "There is no migration run {0} on this instance.",
                    "Det finns ingen migreringskörning {0} på den här instansen.", runId));
  }
}
