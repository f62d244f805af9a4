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
import org.ripieno.security.Role;
import org.ripieno.web.Page;

/** {@code GET /api/platform/system-log}: the whole platform's log, for the superadmin. */
@Path("platform/system-log")
@Allow(Role.SUPERADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformSystemLogResource {

  @Inject SystemLogSearch log;

  @GET
  public Page<SystemLogSearch.Entry> search(
      @QueryParam("level") String level,
      @QueryParam("category") String category,
      @QueryParam("orchestraId") String orchestraId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("text") String text,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return log.search(
        new SystemLogSearch.Filter(level, category, orchestraId, from, to, text), page, size);
  }
}
