package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.ripieno.datasafety.adoption.AdoptionFailedException;
import org.ripieno.datasafety.adoption.AdoptionReport;
import org.ripieno.datasafety.adoption.OrchestraAdoption;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
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
final class OrchestrasAdoptCommand extends AdminCommand {

  @Parameters(index = "0", paramLabel = "SUB", description = "The orchestra's subdomain.")
  String subdomain;

  @Option(names = "--url", required = true, paramLabel = "JDBC_URL", description = "The database.")
  String url;

  @Option(names = "--user", description = "Its login (default: the server's).")
  String user;

  @Option(
      names = "--password",
      description = "Its password (stored encrypted).",
      arity = "0..1",
      interactive = true)
  String password;

  @Option(names = "--name", description = "The orchestra's name for a new entry.")
  String name;

  @Option(names = "--server", description = "The configured server it routes through.")
  String server;

  @Option(names = "--confirm", paramLabel = "NAME", description = "The database's name.")
  String confirm;

  @Option(names = "--force", description = "Adopt despite unexpected differences.")
  boolean force;

  @Option(names = "--dry-run", description = "Compare and report; change nothing.")
  boolean dryRun;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int execute(AdminSession session) throws Exception {
    DatabaseLogin central = session.targetCentral();
    DatabaseAddress address;
    try {
      address = DatabaseAddress.parse(url);
    } catch (IllegalArgumentException e) {
      throw AdminFailure.cannotRun("--url is not a jdbc:postgresql:// URL: " + e.getMessage());
    }
    DatabaseLogin scratch = session.orchestraServers().get(server == null ? "default" : server);
    if (scratch == null) {
      throw AdminFailure.cannotRun("There is no database server " + server);
    }
    DatabaseLogin legacy =
        new DatabaseLogin(
            address,
            user == null ? scratch.user() : user,
            user == null ? scratch.password() : password,
            "ripieno-admin:adopt");
    session.output().target("legacy database " + AdminSession.describe(legacy) + " to adopt");
    if (!dryRun) {
      session.requireConfirmation(confirm, address.database());
      session.prepareCentralForWriting(false);
    }
    AdoptionReport report;
    try {
      report =
          new OrchestraAdoption(central, scratch, session.secrets())
              .adopt(
                  new OrchestraAdoption.Request(
                      subdomain, legacy, confirm, server, name, force, dryRun));
    } catch (AdoptionFailedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    report.lines().forEach(session.output()::line);
    JsonArrayBuilder differences = Json.createArrayBuilder();
    report.differences().forEach(d -> differences.add(d.toString()));
    session.output().put("outcome", report.outcome().name());
    session.output().put("differences", differences.build());
    if (report.refusal() != null) {
      session.output().put("refusal", report.refusal());
    }
    return report.outcome() == AdoptionReport.Outcome.REFUSED ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }
}
