package org.ripieno.security.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.security.Caller;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.web.ProblemException;

/**
 * The one entry point from a request into an orchestra. For {@code /api/orchestras/{subdomain}/...}
 * it resolves the subdomain, checks that the caller may act there (their own orchestra; {@code
 * user} only reads; a superadmin may enter any, and each entry is recorded) and only then sets the
 * current orchestra. A caller without rights there gets 404, the same as for an orchestra that does
 * not exist. Headers, query parameters and bodies never choose an orchestra.
 */
@Provider
@OrchestraScoped
@Priority(Priorities.AUTHORIZATION + 10)
public class OrchestraGate implements ContainerRequestFilter {

  private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;
  @Inject SystemLogWriter systemLog;

  @Override
  public void filter(ContainerRequestContext request) {
    Caller caller = (Caller) request.getSecurityContext().getUserPrincipal();
    String subdomain = request.getUriInfo().getPathParameters().getFirst("subdomain");
    OrchestraEntry orchestra =
        (caller.isSuperadmin()
                ? routes.bySubdomain(subdomain).map(OrchestraEntry::of)
                : ownOrchestra(request, subdomain))
            .filter(o -> mayEnter(caller, o))
            .orElseThrow(() -> notFound(subdomain));
    if (caller.isSuperadmin()) {
      systemLog.write(
          new SystemLogWriter.Event(
              "info",
              "superadmin",
              "Superadmin entered orchestra",
              caller.userId(),
              orchestra.id(),
              orchestra.subdomain(),
              null,
              Map.of("method", request.getMethod(), "path", request.getUriInfo().getPath())));
    } else if (Role.USER.equals(caller.role()) && !READS.contains(request.getMethod())) {
      throw ProblemException.forbidden(
          "Your account may read this orchestra's data but not change it.",
          "Ditt konto får läsa orkesterns uppgifter men inte ändra dem.");
    }
    current.enter(routes.routeTo(orchestra), orchestra, caller.userId());
  }

  /**
   * Anyone but a superadmin may enter only their own orchestra. Its row came with the account that
   * authentication decided on for this request (status checked there; read in the same round trip
   * as the account, at most {@code ripieno.token.account-cache} ago), so it is taken from there, no
   * older than the admission, instead of reading central again. Another subdomain is not theirs,
   * whether it exists or not.
   */
  private static Optional<OrchestraEntry> ownOrchestra(
      ContainerRequestContext request, String subdomain) {
    return (request.getSecurityContext() instanceof AuthenticationFilter.CallerContext context
            ? Optional.ofNullable(context.orchestra())
            : Optional.<OrchestraEntry>empty())
        .filter(own -> own.subdomain().equals(subdomain));
  }

  private static boolean mayEnter(Caller caller, OrchestraEntry orchestra) {
    // A removed orchestra has no data left to enter, for anyone.
    return !orchestra.isDeleted()
        && (caller.isSuperadmin() || orchestra.id().equals(caller.orchestraId()));
  }

  private static ProblemException notFound(String subdomain) {
    return ProblemException.notFound(
        "There is no orchestra {0} for you.", "Det finns ingen orkester {0} för dig.", subdomain);
  }
}
