package org.ripieno.orchestra.projects.boundary;

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
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/** The orchestra's projects (concert and production weeks), upcoming ones first. */
@Path("orchestras/{subdomain}/projects")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {

  @Inject Projects projects;

  @GET
  public Page<ProjectView> list(
      @QueryParam("year") String year,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return projects.list(year(year), page, size);
  }

  private static Integer year(String year) {
    if (year == null || year.isBlank()) {
      return null;
    }
    if (!year.trim().matches("[0-9]{4}")) {
      throw ProblemException.badRequest(
          "year is a year such as 2027.", "year är ett årtal som 2027.");
    }
    return Integer.valueOf(year.trim());
  }

  @GET
  @Path("{id}")
  public ProjectView get(@PathParam("id") int id) {
    return projects.get(id);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The project",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ProjectView.class)))
  public Response create(ProjectInput input, @Context UriInfo uri) {
    ProjectView created = projects.create(ProjectInput.orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @PUT
  @Path("{id}")
  public ProjectView update(@PathParam("id") int id, ProjectInput input) {
    return projects.update(id, ProjectInput.orEmpty(input));
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") int id) {
    projects.delete(id);
  }
}
