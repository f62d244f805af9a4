package org.ripieno.central.systemlog.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ripieno.central.systemlog.control.SystemLogSearch;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.web.Page;

/**
 * {@code GET /api/orchestras/{subdomain}/system-log}: the central log's entries of this orchestra
 * only, for its admins.
 */
@Path("orchestras/{subdomain}/system-log")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class OrchestraSystemLogResource {

  @Inject SystemLogSearch log;
  @Inject CurrentOrchestra current;

  @GET
  public Page<SystemLogSearch.Entry> search(
      @QueryParam("level") String level,
      @QueryParam("category") String category,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("text") String text,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    String orchestraId = current.require().orchestraId();
    return log.search(
        new SystemLogSearch.Filter(level, category, orchestraId, from, to, text), page, size);
  }
}
