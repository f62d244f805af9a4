package org.ripieno.orchestra.customlists.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.customlists.control.CustomLists;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;

/** A project's custom (project-specific) ranking lists, at most one per position. */
@Path("orchestras/{subdomain}/projects/{projectId}/custom-lists")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomListsResource {

  @Inject CustomLists lists;

  @GET
  public Page<CustomListView> list(
      @PathParam("projectId") int projectId,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return lists.list(projectId, page, size);
  }

  @GET
  @Path("{id}")
  public CustomListView get(@PathParam("projectId") int projectId, @PathParam("id") int id) {
    return lists.get(projectId, id);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The custom list",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CustomListView.class)))
  public Response create(
      @PathParam("projectId") int projectId, CustomListInput input, @Context UriInfo uri) {
    CustomListView created = lists.create(projectId, CustomListInput.orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @PUT
  @Path("{id}")
  public CustomListView update(
      @PathParam("projectId") int projectId, @PathParam("id") int id, CustomListUpdate input) {
    return lists.update(projectId, id, CustomListUpdate.orEmpty(input));
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("projectId") int projectId, @PathParam("id") int id) {
    lists.delete(projectId, id);
  }
}
