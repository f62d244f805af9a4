package org.ripieno.datasafety.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.central.orchestras.control.Subdomains;
import org.ripieno.persistence.Ids;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;

/**
 * Brings an archive back as a served orchestra under a subdomain: a new orchestra, or, when the
 * subdomain belongs to an orchestra the platform removed (status {@code deleted}), that orchestra
 * again with the same id and a new database. An orchestra that exists and is not deleted is never
 * touched.
 *
 * <p>There is no transaction across central and the new database, so the steps are ordered to leave
 * nothing half done: the database is created (migrated and marked by {@link
 * OrchestraDatabases#create}), filled in one transaction, and only then registered in central; if
 * filling or registering fails, the new database is dropped again.
 */
public final class OrchestraImport {

  private static final Logger LOG = Logger.getLogger(OrchestraImport.class.getName());

  private final DatabaseLogin central;

  /**
   * @param central login to the central database, where the registry entry is written
   */
  public OrchestraImport(DatabaseLogin central) {
    this.central = Objects.requireNonNull(central, "central");
  }

  /**
   * Where the new database goes.
   *
   * @param serverName the name {@code server} is configured under ({@code default} or a name of
   *     {@code ripieno.orchestra-servers.<name>}); the registry entry routes through it
   * @param server login to that server's maintenance database
   * @param databasePrefix {@code ripieno.provisioning.database-prefix}, put before the database's
   *     name as provisioning does
   */
  public record Destination(String serverName, DatabaseLogin server, String databasePrefix) {

    public Destination {
      Objects.requireNonNull(server, "server");
      databasePrefix = databasePrefix == null ? "" : databasePrefix;
    }
  }

  /**
   * What an import did or, in a dry run, would do.
   *
   * @param reactivated the subdomain belonged to a deleted orchestra, which is active again
   * @param database the new database
   * @param accounts the orchestra's accounts in central (a reactivated orchestra's accounts are
   *     left as they were: deleting it deactivated them, and a superadmin decides whom to let back)
   */
  public record ImportReport(
      String subdomain,
      String orchestraId,
      boolean reactivated,
      boolean dryRun,
      DatabaseAddress database,
      ArchiveSummary archive,
      CentralOrchestraRows.Accounts accounts) {}

  /**
   * The database an import is about to create, once the file and central are checked and before
   * anything is created (in a dry run: the database it would create).
   *
   * @param orchestraId the orchestra's id, also the new database's identity marker
   * @param reactivated the subdomain belongs to a deleted orchestra, which comes back
   */
  public record Target(
      String subdomain, String orchestraId, boolean reactivated, DatabaseAddress database) {}

  /**
   * Imports {@code file} as the orchestra {@code subdomain}, with a new database at {@code
   * destination}.
   *
   * @param dryRun check the file and central and report, creating and changing nothing
   * @throws ArchiveRefusedException when the file is unusable, its schema version is not this
   *     code's, or the subdomain is taken; nothing was changed
   */
  public ImportReport importAs(Path file, String subdomain, Destination destination, boolean dryRun)
      throws SQLException, IOException {
    return importAs(file, subdomain, destination, dryRun, target -> {});
  }

  /**
   * The same, telling {@code beforeCreating} which database it is about to create, so a command can
   * name its target before acting.
   */
  public ImportReport importAs(
      Path file,
      String subdomain,
      Destination destination,
      boolean dryRun,
      Consumer<Target> beforeCreating)
      throws SQLException, IOException {
    if (!Subdomains.isValidLegacy(subdomain)) {
      throw new ArchiveRefusedException(
          "A subdomain is lower-case letters a-z, digits and -: " + subdomain);
    }
    DatabaseLogin server = destination.server();
    ArchiveSummary archive = ArchiveFile.inspect(file);
    // Any database answers what the code's newest migration is; nothing is written to it.
    String codeVersion = Migrations.version(server.dataSource(), DatabaseKind.ORCHESTRA).expected();
    if (!codeVersion.equals(archive.schemaVersion())) {
      throw new ArchiveRefusedException(
          "The archive is at orchestra schema version "
              + archive.schemaVersion()
              + " and this Ripieno creates databases at version "
              + codeVersion
              + ": import it with the Ripieno version that wrote it, then migrate");
    }
    String orchestraId;
    boolean reactivated;
    String databaseName;
    try (Connection registry = central.connect()) {
      Optional<RegisteredOrchestra> existing =
          CentralOrchestraRows.on(registry).bySubdomain(subdomain);
      if (existing.isPresent() && !existing.get().isDeleted()) {
        throw new ArchiveRefusedException(
            "The orchestra "
                + subdomain
                + " exists (status "
                + existing.get().status()
                + "); import under another subdomain, or remove that orchestra first");
      }
      if (existing.isPresent() && !existing.get().id().equals(archive.orchestra().id())) {
        throw new ArchiveRefusedException(
            "The subdomain "
                + subdomain
                + " belonged to the deleted orchestra "
                + existing.get().id()
                + ", but the archive is of orchestra "
                + archive.orchestra().id()
                + " ("
                + archive.orchestra().subdomain()
                + "); import it under another subdomain");
      }
      reactivated = existing.isPresent();
      orchestraId = existing.map(RegisteredOrchestra::id).orElseGet(Ids::newId);
      databaseName =
          DatabaseNames.choose(
              server, registry, destination.databasePrefix(), subdomain, orchestraId);
    }
    DatabaseAddress address = server.address().withDatabase(databaseName);
    beforeCreating.accept(new Target(subdomain, orchestraId, reactivated, address));
    if (dryRun) {
      return new ImportReport(subdomain, orchestraId, reactivated, true, address, archive, null);
    }
    DatabaseLogin database = OrchestraDatabases.create(server, databaseName, orchestraId);
    CentralOrchestraRows.Accounts accounts;
    try {
      ArchiveImport.into(database, orchestraId, file, archive);
      accounts =
          register(archive, subdomain, orchestraId, reactivated, destination.serverName(), address);
    } catch (SQLException | IOException | RuntimeException e) {
      dropAfterFailure(server, databaseName, e);
      throw e;
    }
    return new ImportReport(subdomain, orchestraId, reactivated, false, address, archive, accounts);
  }

  private CentralOrchestraRows.Accounts register(
      ArchiveSummary archive,
      String subdomain,
      String orchestraId,
      boolean reactivated,
      String serverName,
      DatabaseAddress address)
      throws SQLException {
    ArchivedOrchestra source = archive.orchestra();
    CentralOrchestraRows.Registration entry =
        new CentralOrchestraRows.Registration(
            orchestraId,
            subdomain,
            source.name(),
            source.contactName(),
            source.contactEmail(),
            archive.schemaVersion(),
            serverName,
            address,
            null,
            null,
            "imported from an archive of "
                + source.subdomain()
                + " exported "
                + archive.exportedAt(),
            // Its data came along: whatever staffing work it holds, the jobs look at once.
            true);
    try (Connection registry = central.connect()) {
      registry.setAutoCommit(false);
      try {
        if (reactivated) {
          if (!CentralOrchestraRows.on(registry).pointAtDatabase(entry, true)) {
            throw new ArchiveRefusedException(
                "The orchestra " + subdomain + " is no longer deleted; nothing was imported");
          }
        } else {
          CentralOrchestraRows.on(registry).register(entry);
        }
        CentralOrchestraRows.Accounts accounts =
            CentralOrchestraRows.on(registry).accounts(orchestraId);
        registry.commit();
        return accounts;
      } catch (SQLException | RuntimeException e) {
        registry.rollback();
        throw e;
      }
    }
  }

  private static void dropAfterFailure(DatabaseLogin server, String databaseName, Exception cause) {
    try {
      OrchestraDatabases.drop(server, databaseName);
    } catch (SQLException dropFailed) {
      cause.addSuppressed(dropFailed);
      LOG.log(
          Level.WARNING,
          "The import failed and its new database " + databaseName + " could not be dropped",
          dropFailed);
    }
  }
}
