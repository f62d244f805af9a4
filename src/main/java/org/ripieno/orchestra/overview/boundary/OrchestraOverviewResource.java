package org.ripieno.orchestra.overview.boundary;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.tenancy.OrchestraRoutes;

/**
 * {@code GET /api/orchestras/{subdomain}}: what the orchestra's own people see first: its name and
 * branding, and how many musicians and projects it has (read from its own database).
 */
@Path("orchestras/{subdomain}")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
public class OrchestraOverviewResource {

  /** The answer. */
  public record Overview(
      String id,
      String name,
      String subdomain,
      String status,
      String logoUrl,
      String primaryColor,
      String secondaryColor,
      long musicians,
      long projects) {}

  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;
  @Inject @OrchestraData EntityManager orchestraData;

  @GET
  public Overview overview(@PathParam("subdomain") String subdomain) {
    // The row the gate admitted this request with: read in this request, not again.
    OrchestraEntry orchestra = routes.entryOf(current).orElseThrow();
    long musicians =
        orchestraData
            .createQuery("select count(m) from Musician m where m.isArchived = false", Long.class)
            .getSingleResult();
    long projects =
        orchestraData.createQuery("select count(p) from Project p", Long.class).getSingleResult();
    return new Overview(
        orchestra.id(),
        orchestra.name(),
        orchestra.subdomain(),
        orchestra.status(),
        orchestra.logoUrl(),
        orchestra.primaryColor(),
        orchestra.secondaryColor(),
        musicians,
        projects);
  }
}
