package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.ripieno.datasafety.adoption.AdoptionFailedException;
import org.ripieno.datasafety.adoption.AdoptionReport;
import org.ripieno.datasafety.adoption.LegacyDatabase;
import org.ripieno.datasafety.adoption.OrchestraAdoption;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.SpareDatabases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Takes over a database the legacy system created: compares it with orchestra schema V1, brings the
 * known legacy variants to V1, then baselines, migrates and marks it and registers it
 * (docs/data-transfer.md). It changes that database, hence {@code --confirm}.
 */
@Command(
    name = "adopt",
    mixinStandardHelpOptions = true,
    description = "Take over a legacy orchestra database and register it as orchestra SUB.")
final class OrchestrasAdoptCommand extends ConfirmedCommand {

  @Parameters(index = "0", paramLabel = "SUB", description = "The orchestra's subdomain.")
  String subdomain;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description =
          "The database: jdbc:postgresql://host:port/db, or the legacy"
              + " postgresql://user:password@host:port/db?... (its user and password are taken"
              + " unless --user/--password are given; it is never printed with them).")
  String url;

  @Option(
      names = "--user",
      description =
          "Its own login, kept in the registry entry (default: the URL's; with neither, the"
              + " orchestra is served with its server's login and the entry keeps none).")
  String user;

  @Option(
      names = "--password",
      description = "That login's password (stored encrypted; needs a user).",
      arity = "0..1",
      interactive = true)
  String password;

  @Option(names = "--name", description = "The orchestra's name for a new entry.")
  String name;

  @Option(names = "--server", description = "The configured server it routes through.")
  String server;

  @Option(names = "--force", description = "Adopt despite unexpected differences.")
  boolean force;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int execute(AdminSession session) throws Exception {
    LegacyDatabase named;
    try {
      named = LegacyDatabase.parse(url, user, password);
    } catch (IllegalArgumentException e) {
      // The message shows the URL masked: an operator may have pasted it with its password.
      throw AdminFailure.cannotRun("--url: " + e.getMessage());
    }
    DatabaseLogin central = session.targetCentral();
    DatabaseAddress address = named.address();
    DatabaseLogin scratch = session.orchestraServers().get(server == null ? "default" : server);
    if (scratch == null) {
      throw AdminFailure.cannotRun("There is no database server " + server);
    }
    String prefix = session.settings().provisioningDatabasePrefix();
    if (SpareDatabases.looksLikeSpare(address.database())
        || (prefix + "template").equals(address.database())) {
      // Ripieno's own template and spares are no legacy databases, nor anyone's orchestra.
      throw AdminFailure.cannotRun(
          address.database() + " is Ripieno's orchestra template or a spare of it, not adoptable");
    }
    DatabaseLogin legacy = named.login(scratch, "ripieno-admin:adopt");
    session
        .output()
        .target(
            "legacy database "
                + AdminSession.describe(legacy)
                + (named.ownLogin() ? ", its own login," : ", the server's login,")
                + " to adopt");
    if (!named.droppedParameters().isEmpty()) {
      session
          .output()
          .line(
              "note: URL parameters not carried (only host, port and database name are kept): "
                  + named.droppedParameters());
    }
    if (!dryRun) {
      session.requireConfirmation(confirm, address.database());
      session.prepareCentralForWriting(false);
    }
    AdoptionReport report;
    try {
      report =
          new OrchestraAdoption(
                  central,
                  scratch,
                  // Only a password to store needs the key; without one no key is loaded.
                  named.ownLogin() && named.password() != null ? session.secrets() : null)
              .adopt(
                  new OrchestraAdoption.Request(
                      subdomain, legacy, named.ownLogin(), confirm, server, name, force, dryRun));
    } catch (AdoptionFailedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    report.lines().forEach(session.output()::line);
    JsonArrayBuilder differences = Json.createArrayBuilder();
    report.differences().forEach(d -> differences.add(d.toString()));
    session.output().put("outcome", report.outcome().name());
    session.output().put("differences", differences.build());
    JsonArrayBuilder steps = Json.createArrayBuilder();
    report.steps().forEach(steps::add);
    session.output().put("steps", steps.build());
    if (report.refusal() != null) {
      session.output().put("refusal", report.refusal());
    }
    return report.outcome() == AdoptionReport.Outcome.REFUSED ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }
}
