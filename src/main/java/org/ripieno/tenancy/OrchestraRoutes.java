package org.ripieno.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.config.RipienoSettings;
import org.ripieno.web.Text;

/**
 * Turns central registry entries into {@link OrchestraRoute}s. What it reads itself it reads fresh
 * from central each time (the shared cache is off); an entry an orchestra's request was admitted
 * with may be as old as {@code ripieno.token.account-cache} ({@code Authenticator}).
 */
@ApplicationScoped
public class OrchestraRoutes {

  @Inject @CentralData EntityManager central;
  @Inject RipienoSettings settings;

  public Optional<Orchestra> bySubdomain(String subdomain) {
    return central
        .createNamedQuery("Orchestra.bySubdomain", Orchestra.class)
        .setParameter("subdomain", subdomain)
        .getResultStream()
        .findFirst();
  }

  public Optional<Orchestra> byId(String orchestraId) {
    return Optional.ofNullable(central.find(Orchestra.class, orchestraId));
  }

  /**
   * The current orchestra's central row: the one its request was admitted with ({@link
   * CurrentOrchestra#entry()}), or, in a job, which has none, read from central now.
   */
  public Optional<OrchestraEntry> entryOf(CurrentOrchestra current) {
    return current.entry().or(() -> byId(current.require().orchestraId()).map(OrchestraEntry::of));
  }

  /**
   * The route to an orchestra's database.
   *
   * @throws OrchestraUnavailableException when the entry names no database or an unknown server
   */
  public OrchestraRoute routeTo(Orchestra orchestra) {
    return routeTo(OrchestraEntry.of(orchestra), settings.orchestraServers());
  }

  /** The same, for the columns of the row a request entered with. */
  public OrchestraRoute routeTo(OrchestraEntry orchestra) {
    return routeTo(orchestra, settings.orchestraServers());
  }

  /**
   * The same rule without CDI, for tools that read central themselves (fleet migration, the
   * operators' command line).
   *
   * @param servers the configured database servers by name ({@link
   *     RipienoSettings#orchestraServers()})
   * @throws OrchestraUnavailableException when the entry names no database or an unknown server
   */
  public static OrchestraRoute routeTo(Orchestra orchestra, Map<String, DatabaseLogin> servers) {
    return routeTo(OrchestraEntry.of(orchestra), servers);
  }

  /** {@link #routeTo(Orchestra, Map)} for the columns it uses. */
  public static OrchestraRoute routeTo(
      OrchestraEntry orchestra, Map<String, DatabaseLogin> servers) {
    if (orchestra.databaseHost() == null
        || orchestra.databasePort() == null
        || orchestra.databaseName() == null) {
      throw new OrchestraUnavailableException(
          Text.of(
              "Orchestra {0} has no database yet; it is still being set up.",
              "Orkester {0} har ingen databas än; den håller på att sättas upp.",
              orchestra.subdomain()),
          "Orchestra " + orchestra.subdomain() + " has no database yet");
    }
    String serverName =
        Optional.ofNullable(orchestra.databaseServer()).orElse(RipienoSettings.DEFAULT_SERVER);
    DatabaseLogin server = servers.get(serverName);
    if (server == null) {
      throw new OrchestraUnavailableException(
          "Orchestra "
              + orchestra.subdomain()
              + " lives on database server '"
              + serverName
              + "', which is not configured (ripieno.orchestra-servers."
              + serverName
              + ".url)");
    }
    DatabaseAddress address =
        new DatabaseAddress(
            orchestra.databaseHost(), orchestra.databasePort(), orchestra.databaseName());
    // An entry with its own login (an adopted database) uses it; else the server's login.
    boolean ownLogin = orchestra.databaseUser() != null;
    String user = ownLogin ? orchestra.databaseUser() : server.user();
    String password = ownLogin ? orchestra.databasePassword() : server.password();
    return new OrchestraRoute(
        orchestra.id(),
        orchestra.subdomain(),
        new DatabaseLogin(address, user, password, "ripieno:o:" + orchestra.subdomain()));
  }
}
