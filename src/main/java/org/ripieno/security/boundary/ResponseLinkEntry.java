package org.ripieno.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.security.tokens.ResponseTokens;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * The entry point into an orchestra for a musician's answer link, which carries no login: the
 * token's {@code <orchestra id>} prefix, read from central, names the orchestra (a legacy token
 * without prefix: the link's {@code org} subdomain), and only then is the current orchestra set, as
 * {@link OrchestraGate} does for signed-in callers. The token itself is looked up afterwards in
 * that orchestra's database only.
 */
@ApplicationScoped
public class ResponseLinkEntry {

  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;

  /**
   * Enters the link's orchestra.
   *
   * @param legacySubdomain the {@code org} of a legacy link; ignored for a Ripieno token
   * @throws ProblemException 404 when no orchestra answers to the link, 410 when its orchestra is
   *     suspended or inactive
   */
  public void enter(String token, String legacySubdomain) {
    if (!ResponseTokens.plausible(token)) {
      throw unknown();
    }
    Optional<String> orchestraId = ResponseTokens.orchestraOf(token);
    Optional<Orchestra> orchestra =
        orchestraId.isPresent()
            ? routes.byId(orchestraId.get())
            : Optional.ofNullable(legacySubdomain)
                .filter(s -> !s.isBlank() && s.length() <= 100)
                .flatMap(routes::bySubdomain);
    Orchestra found = orchestra.filter(o -> !o.isDeleted()).orElseThrow(ResponseLinkEntry::unknown);
    if (!"active".equals(found.getStatus())) {
      throw new ProblemException(
          Response.Status.GONE,
          Text.of(
              "The orchestra is not taking answers now.", "Orkestern tar inte emot svar just nu."));
    }
    current.enter(routes.routeTo(found));
  }

  /** The same words as for a token the orchestra does not know: nothing tells them apart. */
  private static ProblemException unknown() {
    return ProblemException.notFound(
        ResponseTokens.UNKNOWN_LINK.english(), ResponseTokens.UNKNOWN_LINK.swedish());
  }
}
