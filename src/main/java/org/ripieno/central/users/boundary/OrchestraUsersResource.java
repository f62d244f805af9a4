package org.ripieno.central.users.boundary;

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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.central.users.control.Accounts;
import org.ripieno.security.Allow;
import org.ripieno.security.Caller;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.web.Page;

/** The accounts of one orchestra, managed by its admins (and the superadmin). */
@Path("orchestras/{subdomain}/users")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrchestraUsersResource {

  @Inject Accounts accounts;
  @Inject CurrentOrchestra current;
  @Context SecurityContext security;

  @GET
  public Page<UserView> list(
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return accounts.list(scope(), page, size);
  }

  @GET
  @Path("{id}")
  public UserView get(@PathParam("id") String id) {
    return accounts.get(id, scope());
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The account",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = UserView.class)))
  public Response create(UserInput input, @Context UriInfo uri) {
    UserView created = accounts.create(PlatformUsersResource.orEmpty(input), scope(), caller());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @PUT
  @Path("{id}")
  public UserView update(@PathParam("id") String id, UserInput input) {
    return accounts.update(id, PlatformUsersResource.orEmpty(input), scope(), caller());
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") String id) {
    accounts.delete(id, scope(), caller());
  }

  @POST
  @Path("{id}/reset-password")
  public PlatformUsersResource.NewPassword resetPassword(@PathParam("id") String id) {
    return new PlatformUsersResource.NewPassword(accounts.resetPassword(id, scope(), caller()));
  }

  private Accounts.Scope scope() {
    return new Accounts.Scope(current.require().orchestraId());
  }

  private Caller caller() {
    return (Caller) security.getUserPrincipal();
  }
}
