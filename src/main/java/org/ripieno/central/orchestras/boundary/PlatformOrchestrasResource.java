package org.ripieno.central.orchestras.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.ripieno.central.orchestras.control.OrchestraConfiguration;
import org.ripieno.central.orchestras.control.OrchestraProvisioner;
import org.ripieno.central.orchestras.control.OrchestraRemoval;
import org.ripieno.central.orchestras.control.Orchestras;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.mail.TestEmails;
import org.ripieno.security.Allow;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.web.Page;

/**
 * The superadmin's orchestra register: create and provision, change, suspend, configure, remove.
 */
@Path("platform/orchestras")
@Allow(Role.SUPERADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformOrchestrasResource {

  @Inject Orchestras orchestras;
  @Inject OrchestraConfiguration configuration;
  @Inject OrchestraProvisioner provisioner;
  @Inject OrchestraRemoval removal;
  @Inject TestEmails testEmails;
  @Context SecurityContext security;

  @GET
  public Page<OrchestraView> list(
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return orchestras.list(page, size);
  }

  @GET
  @Path("{id}")
  public OrchestraView get(@PathParam("id") String id) {
    return orchestras.get(id);
  }

  /**
   * 202 once the row is written: the database is prepared by a provisioning worker later (the call
   * only queues it); poll the orchestra for its state.
   */
  @POST
  @APIResponse(
      responseCode = "202",
      description = "The orchestra, PENDING until provisioned, and its first admin account",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "OrchestraCreated")))
  public Response create(OrchestraInput input, @Context UriInfo uri) {
    Orchestras.Creation created =
        orchestras.create(input == null ? OrchestraInput.EMPTY : input, caller());
    provisioner.startInBackground(created.orchestra().id());
    return Response.accepted(
            new Accepted(
                created.orchestra(), new Admin(created.adminUsername(), created.adminPassword())))
        .location(uri.getAbsolutePathBuilder().path(created.orchestra().id()).build())
        .build();
  }

  @PUT
  @Path("{id}")
  public OrchestraView update(@PathParam("id") String id, OrchestraInput input) {
    return orchestras.update(id, input == null ? OrchestraInput.EMPTY : input, caller());
  }

  @PATCH
  @Path("{id}")
  public OrchestraView changeStatus(@PathParam("id") String id, StatusInput input) {
    return orchestras.changeStatus(id, input == null ? null : input.status(), caller());
  }

  /**
   * Resumes a provisioning from where it stopped, with a fresh count of tries; harmless on an
   * active orchestra.
   */
  @POST
  @Path("{id}/provision")
  @APIResponse(
      responseCode = "202",
      description = "The orchestra, its provisioning resumed",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = OrchestraView.class)))
  public Response provision(@PathParam("id") String id, @Context UriInfo uri) {
    OrchestraView orchestra = orchestras.provisionable(id);
    provisioner.resumeByOperator(orchestra.id());
    return Response.accepted(orchestra)
        .location(uri.getBaseUriBuilder().path(PlatformOrchestrasResource.class).path(id).build())
        .build();
  }

  @GET
  @Path("{id}/config")
  public OrchestraConfig config(@PathParam("id") String id) {
    return configuration.get(id);
  }

  @PUT
  @Path("{id}/config")
  public OrchestraConfig changeConfig(@PathParam("id") String id, OrchestraConfig change) {
    return configuration.change(
        id, change == null ? new OrchestraConfig(null, null, null, null, null) : change, caller());
  }

  /**
   * Sends a test mail at once with the orchestra's mail settings; the answer says which server was
   * used and what it said (docs/messaging.md).
   */
  @POST
  @Path("{id}/test-email")
  @Consumes(MediaType.APPLICATION_JSON)
  public TestEmails.Result testEmail(@PathParam("id") String id, TestEmails.Input input) {
    Orchestra orchestra = orchestras.find(id);
    return testEmails.send(orchestra.mail(), orchestra.getName(), input);
  }

  /** Exports the orchestra's data, then drops its database; the row stays as {@code deleted}. */
  @DELETE
  @Path("{id}")
  public OrchestraRemoval.Removed remove(
      @PathParam("id") String id, @QueryParam("confirm") String confirm) {
    return removal.remove(id, confirm, caller());
  }

  private Caller caller() {
    return (Caller) security.getUserPrincipal();
  }

  /** A new orchestra's answer: the orchestra, and its first admin with the password shown once. */
  @Schema(name = "OrchestraCreated")
  public record Accepted(OrchestraView orchestra, Admin admin) {}

  @Schema(name = "FirstAdmin", description = "The first admin account; the password is shown once")
  public record Admin(String username, String password) {}
}
