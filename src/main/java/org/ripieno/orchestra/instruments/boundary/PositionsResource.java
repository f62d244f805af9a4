package org.ripieno.orchestra.instruments.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.instruments.control.Instruments;
import org.ripieno.orchestra.instruments.control.Names;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/**
 * Positions by their own id: all of them (by instrument display order, then hierarchy), one, its
 * rename or new hierarchy level, and its deletion. New positions are made under their instrument.
 */
@Path("orchestras/{subdomain}/positions")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PositionsResource {

  @Inject Instruments instruments;

  @GET
  public List<PositionView> list() {
    return instruments.positions();
  }

  @GET
  @Path("{id}")
  public PositionView get(@PathParam("id") String id) {
    return instruments.getPosition(id(id));
  }

  @PUT
  @Path("{id}")
  public PositionView update(@PathParam("id") String id, PositionInput input) {
    return instruments.updatePosition(
        id(id), input == null ? new PositionInput(null, null) : input);
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") String id) {
    instruments.deletePosition(id(id));
  }

  private static int id(String id) {
    return Names.id(id, "There is no position {0}.", "Det finns ingen tjänst {0}.");
  }
}
