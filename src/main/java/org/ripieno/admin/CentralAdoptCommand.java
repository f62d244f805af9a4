package org.ripieno.admin;

import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.sql.SQLException;
import org.ripieno.datasafety.central.control.CentralAdoption;
import org.ripieno.datasafety.central.control.CentralAdoptionReport;
import org.ripieno.tenancy.DatabaseLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code central adopt}: takes over the legacy system's central database in place, the one {@code
 * ripieno.central.url} names; see {@link CentralAdoption} for the rules. It changes that database,
 * hence {@code --confirm}; a Ripieno central database is nothing to do.
 */
@Command(
    name = "adopt",
    description =
        "Take over the legacy system's central database in place: misplaced orchestra tables backed"
            + " up and dropped, missing tables and columns added, migration history baselined and"
            + " migrated, legacy secrets encrypted; every row kept.")
final class CentralAdoptCommand extends ConfirmedCommand {

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description = "Where misplaced tables are backed up (default: <ripieno.data-dir>/backups).")
  Path backupDir;

  @Override
  protected int execute(AdminSession session) throws SQLException {
    Output out = session.output();
    DatabaseLogin central = session.targetCentral();
    DatabaseLogin scratch = session.orchestraServers().get("default");
    CentralAdoption adoption = new CentralAdoption(central, scratch);
    CentralAdoption.Plan plan = adoption.plan();
    out.put("dryRun", dryRun ? JsonValue.TRUE : JsonValue.FALSE);
    if (plan.refused() || plan.nothingToDo() || dryRun) {
      CentralAdoptionReport report = plan.report();
      report.lines().forEach(out::line);
      report.toJson().forEach(out::put);
      if (report.outcome() == CentralAdoptionReport.Outcome.DRY_RUN) {
        out.line("dry run: nothing was changed");
      }
      return plan.refused() ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
    session.requireConfirmation(confirm, plan.database());
    // Legacy secrets are encrypted with the server's key: without one, stop before any change.
    var secrets = session.secrets();
    Path backups = backupDir != null ? backupDir : session.settings().dataDir().resolve("backups");
    CentralAdoptionReport report;
    try {
      report = adoption.adopt(plan, secrets, backups);
    } catch (CentralAdoption.AdoptionStoppedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    report.lines().forEach(out::line);
    report.toJson().forEach(out::put);
    return ExitCode.OK;
  }
}
