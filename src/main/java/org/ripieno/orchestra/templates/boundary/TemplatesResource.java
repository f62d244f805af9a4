package org.ripieno.orchestra.templates.boundary;

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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.templates.control.EmailTemplates;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;

/** The orchestra's email templates, ordered by type. */
@Path("orchestras/{subdomain}/templates")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {

  @Inject EmailTemplates templates;

  @GET
  public Page<TemplateView> list(
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return templates.list(page, size);
  }

  @GET
  @Path("{id}")
  public TemplateView get(@PathParam("id") int id) {
    return templates.get(id);
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The template",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = TemplateView.class)))
  public Response create(TemplateInput input, @Context UriInfo uri) {
    TemplateView created = templates.create(TemplateInput.orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @PUT
  @Path("{id}")
  public TemplateView update(@PathParam("id") int id, TemplateInput input) {
    return templates.update(id, TemplateInput.orEmpty(input));
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") int id) {
    templates.delete(id);
  }

  @POST
  @Path("restore-defaults")
  @APIResponse(
      responseCode = "200",
      description = "Per outcome, the template types it applies to",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String[].class)))
  public Map<String, List<String>> restoreDefaults() {
    return templates.restoreDefaults();
  }

  @POST
  @Path("{id}/preview")
  public TemplatePreview preview(@PathParam("id") int id) {
    return templates.preview(id);
  }
}
