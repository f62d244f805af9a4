package org.ripieno.central.customers.boundary;

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
import org.ripieno.central.customers.control.Customers;
import org.ripieno.security.Allow;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;

/** {@code /api/platform/customers}: the legacy customer registry, for the superadmin. */
@Path("platform/customers")
@Allow(Role.SUPERADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomersResource {

  @Inject Customers customers;
  @Context SecurityContext security;

  @GET
  public Page<CustomerView> list(
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return customers.list(page, size);
  }

  @GET
  @Path("{id}")
  public CustomerView get(@PathParam("id") String id) {
    return customers.get(id);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The customer",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CustomerView.class)))
  public Response create(CustomerInput input, @Context UriInfo uri) {
    CustomerView created = customers.create(orEmpty(input), caller());
    return Created.at(uri, created.id(), created);
  }

  @PUT
  @Path("{id}")
  public CustomerView update(@PathParam("id") String id, CustomerInput input) {
    return customers.update(id, orEmpty(input), caller());
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") String id) {
    customers.delete(id, caller());
  }

  private Caller caller() {
    return (Caller) security.getUserPrincipal();
  }

  private static CustomerInput orEmpty(CustomerInput input) {
    return input == null ? new CustomerInput(null, null, null, null, null, null) : input;
  }
}
