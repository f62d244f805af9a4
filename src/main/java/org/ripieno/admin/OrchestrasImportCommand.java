package org.ripieno.admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.Subdomains;
import org.ripieno.config.RipienoSettings;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.archive.ArchiveFile;
import org.ripieno.datasafety.archive.ArchiveRefusedException;
import org.ripieno.datasafety.archive.OrchestraImport;
import org.ripieno.tenancy.DatabaseLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An exported orchestra into a new database under a subdomain: a new orchestra, or a {@code
 * deleted} one brought back with a new database (docs/data-transfer.md).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import an orchestra export into a new database, as a new orchestra or bringing back a"
            + " deleted one.")
final class OrchestrasImportCommand extends ChangingCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "An orchestra export.")
  Path file;

  @Option(names = "--as", paramLabel = "SUB", required = true, description = "The subdomain.")
  String subdomain;

  @Option(
      names = "--server",
      paramLabel = "NAME",
      description = "The database server (ripieno.orchestra-servers.<NAME>); default: default.")
  String server = RipienoSettings.DEFAULT_SERVER;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int execute(AdminSession session) throws Exception {
    DatabaseLogin central = session.targetCentral();
    session.prepareCentralForWriting(dryRun);
    Map<String, DatabaseLogin> servers = session.orchestraServers();
    DatabaseLogin destination = servers.get(server);
    if (destination == null) {
      throw AdminFailure.cannotRun(
          "There is no database server " + server + "; configured are " + servers.keySet());
    }
    boolean known;
    try (Connection connection = central.connect()) {
      known =
          TableRows.exists(connection, "Orchestra")
              && CentralOrchestraRows.on(connection).bySubdomain(subdomain).isPresent();
    }
    if (!known) {
      // A new orchestra gets a subdomain by the rule for new ones; a deleted one keeps its own.
      try {
        Subdomains.requireValidForNewOrchestra(subdomain);
      } catch (RuntimeException e) {
        throw AdminFailure.cannotRun(e.getMessage());
      }
    }
    try {
      ArchiveFile.inspect(file);
      OrchestraImport.ImportReport report =
          new OrchestraImport(central)
              .importAs(
                  file,
                  subdomain,
                  new OrchestraImport.Destination(
                      server, destination, session.settings().provisioningDatabasePrefix()),
                  dryRun,
                  target -> session.output().target(targetLine(target, destination)));
      session
          .output()
          .line(
              (dryRun ? "would import " : "imported ")
                  + "as "
                  + report.subdomain()
                  + (report.reactivated() ? " (a deleted orchestra, brought back)" : "")
                  + " into "
                  + report.database());
      if (report.accounts() != null && report.accounts().inactive() > 0) {
        session
            .output()
            .line(
                report.accounts().inactive()
                    + " of its "
                    + report.accounts().total()
                    + " accounts are inactive: activate them under /api/platform/users");
      }
      return OrchestrasExportCommand.report(
          session.output(), dryRun ? "would import" : "imported", file, report.archive());
    } catch (ArchiveRefusedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
  }

  /** The database the import creates, named before it is created. */
  private String targetLine(OrchestraImport.Target target, DatabaseLogin destination) {
    String identity;
    if (target.reactivated()) {
      identity = "id " + target.orchestraId() + ", deleted, brought back";
    } else {
      // A dry run makes up an id it never uses; only a real import's id is worth naming.
      identity = dryRun ? "a new orchestra" : "new, id " + target.orchestraId();
    }
    return "orchestra "
        + target.subdomain()
        + " ("
        + identity
        + "), new database "
        + AdminSession.describe(
            destination.forDatabase(target.database().database(), "ripieno-admin:import"))
        + " on server "
        + server
        + (dryRun ? ", would be created" : ", to be created");
  }
}
