package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.boundary.OrchestraView;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.config.RipienoSettings;
import org.ripieno.datasafety.archive.ArchiveSummary;
import org.ripieno.datasafety.archive.ArchivedOrchestra;
import org.ripieno.datasafety.archive.OrchestraExport;
import org.ripieno.security.Caller;
import org.ripieno.security.control.ChangesAccounts;
import org.ripieno.security.control.SecurityComponents;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraConnections;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.web.ProblemException;

/**
 * Removes an orchestra the safe way round: its data is exported first (a file {@code ripieno-admin
 * orchestras import} reads back), then it is marked {@code deleted} and its accounts deactivated,
 * so nothing routes to it any more, and only then is its database dropped. The central row stays,
 * so the orchestra can be brought back by importing the export under its subdomain. A removal that
 * stopped before the drop is finished by calling it again.
 */
@ApplicationScoped
public class OrchestraRemoval {

  private static final Logger LOG = Logger.getLogger(OrchestraRemoval.class.getName());

  @Inject Orchestras orchestras;
  @Inject OrchestraRoutes routes;
  @Inject OrchestraConnections connections;
  @Inject RipienoSettings settings;
  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;
  @Inject OrchestraRemoval self;
  @Inject CentralDatabase centralDatabase;
  @Inject SecurityComponents security;

  /** What a removal did: the orchestra as it is now and where its export is. */
  public record Removed(OrchestraView orchestra, Export export) {}

  public record Export(String location, String schemaVersion, Map<String, Long> rows) {}

  public Removed remove(String id, String confirm, Caller by) {
    Orchestra orchestra = orchestras.find(id);
    if (confirm == null || !confirm.equals(orchestra.getSubdomain())) {
      throw ProblemException.badRequest(
          "Removing an orchestra needs ?confirm={0}; nothing was changed.",
          "Att ta bort en orkester kräver ?confirm={0}; inget ändrades.", orchestra.getSubdomain());
    }
    boolean finishing = orchestra.isDeleted();
    if (finishing && orchestra.getDatabaseName() == null) {
      throw ProblemException.conflict(
          "{0} is removed already.", "{0} är redan borttagen.", orchestra.getSubdomain());
    }
    // The provisioning lock: never remove an orchestra a provisioning is working on.
    try (Connection lock = centralDatabase.dataSource().getConnection()) {
      if (!Provisioning.tryLock(lock, id)) {
        throw ProblemException.conflict(
            "{0} is being provisioned; remove it when that has stopped.",
            "{0} håller på att etableras; ta bort den när det har stannat.",
            orchestra.getSubdomain());
      }
      try {
        return removeLocked(orchestra, finishing, by);
      } finally {
        Provisioning.unlock(lock, id);
      }
    } catch (SQLException e) {
      throw new CentralDatabase.CentralUnavailableException(
          "The central database cannot be reached: " + e.getMessage(), e);
    }
  }

  private Removed removeLocked(Orchestra orchestra, boolean finishing, Caller by) {
    String id = orchestra.getId();
    String previousStatus = orchestra.getStatus();
    OrchestraRoute route = orchestra.getDatabaseName() == null ? null : routes.routeTo(orchestra);
    DatabaseLogin server = serverOf(orchestra);
    boolean databaseExists = route != null && exists(server, route);
    Export export = null;
    if (!finishing) {
      // Nobody reaches it from here on, so the export holds every write ever made: not through
      // this instance, which forgot the accounts it kept, nor, once the accounts they kept have
      // expired, through the others.
      self.setStatus(id, Orchestra.DELETED);
      connections.registry().retire(id);
      if (databaseExists) {
        try {
          awaitAccountsKeptElsewhere();
          export = export(orchestra, route);
        } catch (RuntimeException e) {
          try {
            self.setStatus(id, previousStatus);
          } catch (RuntimeException notRestored) {
            e.addSuppressed(notRestored);
          }
          throw e;
        }
      }
      self.deactivateAccounts(id, export, by);
    } else if (databaseExists) {
      // Finishing a removal that stopped before its database was dropped. It may have stopped
      // before its export too (the export failed and the status could not be set back, or the
      // process ended), so the database is exported again before it goes: nobody can write to a
      // removed orchestra any more, and a database is never dropped without an export beside it.
      export = export(orchestra, route);
      self.deactivateAccounts(id, export, by);
    }
    if (databaseExists) {
      if (orchestra.getDatabaseUser() != null) {
        // An adopted database with its own login was not created by Ripieno: it is left alone.
        LOG.warning(
            () ->
                "Orchestra "
                    + orchestra.getSubdomain()
                    + " was adopted; its database "
                    + route.login()
                    + " is left in place for its owner to drop");
      } else {
        dropDatabase(orchestra, server, route);
      }
    }
    self.forgetDatabase(id);
    return new Removed(OrchestraView.of(orchestras.find(id), null), export);
  }

  /**
   * Waits out {@code ripieno.token.account-cache}: another instance may admit the orchestra's
   * accounts with the row it read before the removal began until then.
   */
  private void awaitAccountsKeptElsewhere() {
    try {
      Thread.sleep(security.accountCache().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while removing an orchestra", e);
    }
  }

  private Export export(Orchestra orchestra, OrchestraRoute route) {
    Path file =
        settings
            .dataDir()
            .resolve("exports")
            .resolve(orchestra.getSubdomain() + "-" + Instant.now().toEpochMilli() + ".json")
            .toAbsolutePath();
    try {
      ArchiveSummary summary =
          OrchestraExport.write(
              route.login(),
              new ArchivedOrchestra(
                  orchestra.getId(),
                  orchestra.getSubdomain(),
                  orchestra.getName(),
                  orchestra.getContactName(),
                  orchestra.getContactEmail()),
              file);
      return new Export(file.toString(), summary.schemaVersion(), summary.rowCounts());
    } catch (SQLException | IOException | RuntimeException e) {
      LOG.warning(() -> "Export of " + orchestra.getSubdomain() + " failed: " + e.getMessage());
      throw ProblemException.conflict(
          "{0} could not be exported (the server log says why); nothing was removed.",
          "{0} kunde inte exporteras (serverns logg säger varför); inget togs bort.",
          orchestra.getSubdomain());
    }
  }

  @ChangesAccounts
  @CentralTransactional
  public void setStatus(String id, String status) {
    orchestras.findForUpdate(id).setStatus(status);
  }

  @ChangesAccounts
  @CentralTransactional
  public void deactivateAccounts(String id, Export export, Caller by) {
    Orchestra orchestra = orchestras.find(id);
    int deactivated =
        central
            .createQuery(
                "UPDATE User u SET u.active = false WHERE u.orchestraId = :orchestra"
                    + " AND u.active = true")
            .setParameter("orchestra", id)
            .executeUpdate();
    systemLog.write(
        new SystemLogWriter.Event(
            "warn",
            "orchestra",
            "Orchestra removed",
            by.userId(),
            id,
            orchestra.getSubdomain(),
            null,
            Map.of(
                "export",
                export == null ? "" : export.location(),
                "accountsDeactivated",
                Integer.toString(deactivated))));
  }

  /** The database is gone: the row no longer names it, so its name may be used again. */
  @ChangesAccounts
  @CentralTransactional
  public void forgetDatabase(String id) {
    Orchestra orchestra = orchestras.find(id);
    orchestra.setDatabaseHost(null);
    orchestra.setDatabasePort(null);
    orchestra.setDatabaseName(null);
  }

  private void dropDatabase(Orchestra orchestra, DatabaseLogin server, OrchestraRoute route) {
    String name = route.login().address().database();
    try {
      OrchestraDatabases.drop(server, name);
    } catch (SQLException | IllegalArgumentException e) {
      LOG.warning(() -> "Dropping the database " + name + " failed: " + e.getMessage());
      throw ProblemException.conflict(
          "{0} is exported and marked deleted, but its database {1} could not be dropped (the"
              + " server log says why); remove it again to retry.",
          "{0} är exporterad och markerad som borttagen, men databasen {1} kunde inte tas bort"
              + " (serverns logg säger varför); ta bort den igen för att försöka på nytt.",
          orchestra.getSubdomain(),
          name);
    }
  }

  /** The maintenance login of the orchestra's server. */
  private DatabaseLogin serverOf(Orchestra orchestra) {
    String name =
        orchestra.getDatabaseServer() == null
            ? RipienoSettings.DEFAULT_SERVER
            : orchestra.getDatabaseServer();
    DatabaseLogin server = settings.orchestraServers().get(name);
    if (server == null) {
      throw ProblemException.conflict(
          "{0} lives on database server {1}, which is not configured.",
          "{0} finns på databasservern {1}, som inte är konfigurerad.",
          orchestra.getSubdomain(),
          name);
    }
    return server;
  }

  /** Whether the database is there: a provisioning that failed early never created it. */
  private static boolean exists(DatabaseLogin server, OrchestraRoute route) {
    DatabaseAddress address = route.login().address();
    boolean sameServer =
        address.host().equals(server.address().host()) && address.port() == server.address().port();
    if (!sameServer) {
      return true; // an adopted database elsewhere: assume it is there, the export will tell
    }
    try (Connection maintenance = server.connect()) {
      return OrchestraDatabases.exists(maintenance, address.database());
    } catch (SQLException e) {
      LOG.warning(() -> "The database server of " + route.subdomain() + ": " + e.getMessage());
      throw ProblemException.conflict(
          "The database server of {0} cannot be reached; nothing was removed.",
          "Databasservern för {0} kan inte nås; inget togs bort.", route.subdomain());
    }
  }
}
