package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.ripieno.central.fleet.control.FleetListener;
import org.ripieno.central.fleet.control.FleetMigration;
import org.ripieno.central.fleet.control.FleetProgress;
import org.ripieno.central.fleet.control.FleetSettings;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.tenancy.OrchestraRoute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The fleet migration the superadmin starts over HTTP ({@code POST /api/platform/schema/migrate}),
 * from the command line: every orchestra database but the deleted ones, in parallel, one lock per
 * database, with a {@code target:} line per orchestra database before the run connects to it and a
 * line per orchestra as it finishes.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Migrate every orchestra database (not deleted ones) to the current version; a dry run lists"
            + " the orchestras a run would migrate.")
final class OrchestrasMigrateCommand extends ChangingCommand {

  @Option(names = "--all", description = "Every orchestra that is not deleted (the default).")
  boolean all;

  @Parameters(
      paramLabel = "SUB",
      arity = "0..*",
      description = "Only these orchestras (checked to exist); the run itself covers the fleet.")
  List<String> subdomains = List.of();

  @Override
  protected int execute(AdminSession session) {
    if (all && !subdomains.isEmpty()) {
      throw AdminFailure.cannotRun("Name orchestras or migrate --all, not both");
    }
    Output out = session.output();
    session.targetCentral();
    List<RegisteredOrchestra> registry = session.registry();
    subdomains.forEach(session::orchestra); // unknown names are bad arguments (2)
    if (registry.stream().anyMatch(o -> o.storedDatabasePassword() != null)) {
      EncryptedString.install(session.secrets()); // adopted databases keep their own login
    }
    if (dryRun) {
      registry.stream()
          .filter(o -> subdomains.isEmpty() || subdomains.contains(o.subdomain()))
          .forEach(o -> out.line("would migrate " + o.subdomain()));
      return ExitCode.OK;
    }
    // Each orchestra's result is written to central as it ends: through a pool, not a session each.
    int workers = FleetSettings.from(session.settings()).workers();
    FleetMigration migration =
        new FleetMigration(session.pooledCentral(workers), session.settings()).only(subdomains);
    // The workers report from their own threads; one at a time keeps lines and targets whole.
    Object printing = new Object();
    FleetProgress.Snapshot result =
        migration.run(
            new FleetListener() {
              @Override
              public void started(FleetProgress.Snapshot snapshot) {
                synchronized (printing) {
                  out.line(
                      "migrating "
                          + snapshot.total()
                          + " orchestra databases with "
                          + snapshot.workers()
                          + " workers");
                }
              }

              @Override
              public void starting(FleetProgress.Entry orchestra, OrchestraRoute route) {
                synchronized (printing) {
                  out.target(
                      "orchestra "
                          + orchestra.subdomain()
                          + " (id "
                          + orchestra.orchestraId()
                          + "), database "
                          + AdminSession.describe(route.login())
                          + ", to migrate once its identity marker is checked");
                }
              }

              @Override
              public void changed(FleetProgress.Entry orchestra, FleetProgress.Snapshot snapshot) {
                if (!orchestra.state().isFinal()) {
                  return;
                }
                synchronized (printing) {
                  out.line(
                      String.format(
                          "[%d/%d] %s: %s%s",
                          snapshot.done(),
                          snapshot.total(),
                          orchestra.subdomain(),
                          orchestra.state(),
                          orchestra.error() == null
                              ? " (version " + orchestra.version() + ")"
                              : ": " + orchestra.error()));
                }
              }
            });
    JsonArrayBuilder orchestras = Json.createArrayBuilder();
    for (FleetProgress.Entry entry : result.orchestras()) {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("subdomain", entry.subdomain())
              .add("state", entry.state().name())
              .add("migrationsApplied", entry.migrationsApplied());
      if (entry.version() != null) {
        json.add("version", entry.version());
      }
      if (entry.error() != null) {
        json.add("error", entry.error());
      }
      orchestras.add(json);
    }
    out.put("orchestras", orchestras.build());
    if (result.error() != null && result.total() == 0) {
      throw AdminFailure.cannotRun(result.error());
    }
    out.line(
        result.migrated()
            + " migrated, "
            + result.upToDate()
            + " up to date, "
            + result.failed()
            + " failed");
    return result.failed() > 0 || result.error() != null ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }
}
