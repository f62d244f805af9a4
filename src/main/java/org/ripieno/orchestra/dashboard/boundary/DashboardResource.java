package org.ripieno.orchestra.dashboard.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.dashboard.control.ActivityEntry;
import org.ripieno.orchestra.dashboard.control.Dashboard;
import org.ripieno.orchestra.dashboard.control.DashboardFigures;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Page;

/** The orchestra's dashboard: its figures and the latest activity. */
@Path("orchestras/{subdomain}/dashboard")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard", description = "Figures and the activity feed")
public class DashboardResource {

  @Inject Dashboard dashboard;
  @Context HttpHeaders headers;

  @GET
  @Operation(
      summary = "The dashboard's figures",
      description =
          "Musicians, upcoming projects, requests, pending responses, reminders sent, the"
              + " response rate over 30 days, messages failing, and answers per ISO week over"
              + " the last 12 weeks (for a chart).")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = DashboardFigures.class)))
  public DashboardFigures figures() {
    return dashboard.figures();
  }

  @GET
  @Path("activity")
  @Operation(
      summary = "The activity feed",
      description =
          "The communication log, newest first, each entry described in Swedish when the"
              + " request prefers it (Accept-Language), else in English.")
  @APIResponse(
      responseCode = "200",
      description = "A page of entries",
      content = @Content(schema = @Schema(implementation = Page.class)))
  @APIResponse(responseCode = "400", description = "page or size out of range")
  public Page<ActivityEntry> activity(
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    List<Locale> languages = headers.getAcceptableLanguages();
    boolean swedish = !languages.isEmpty() && "sv".equals(languages.get(0).getLanguage());
    return dashboard.activity(page, size, swedish);
  }
}
