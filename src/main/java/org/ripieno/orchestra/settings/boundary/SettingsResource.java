package org.ripieno.orchestra.settings.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.settings.control.OrchestraSettings;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/**
 * The orchestra's settings as one object: {@code reminder_percentage}, {@code
 * ranking_conflict_strategy}, {@code time_zone}. PUT changes the keys it is given.
 */
@Path("orchestras/{subdomain}/settings")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

  @Inject OrchestraSettings settings;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "Every setting by its key",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class)))
  public Map<String, String> get() {
    return settings.all();
  }

  @PUT
  @APIResponse(
      responseCode = "200",
      description = "Every setting by its key, after the change",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class)))
  @RequestBody(
      description = "The settings to change, by key",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class)))
  public Map<String, String> update(Map<String, Object> changes) {
    return settings.update(changes);
  }
}
