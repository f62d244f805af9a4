package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.datasafety.schema.control.CentralTarget;
import org.ripieno.datasafety.schema.control.SchemaCleaner;
import org.ripieno.datasafety.schema.control.SchemaReports;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schema clean}: backs up every misplaced table of one database (structure and every row,
 * verified by reading the file back) and drops it; a legacy orchestra database's {@code SystemLog}
 * has its rows moved to central first, once its columns are known to fit central's. Needs {@code
 * --confirm <database name>}; {@code --central} refuses a database that is not central.
 */
@Command(
    name = "clean",
    description =
        "Back up (structure and every row, verified) and drop the misplaced tables of one database;"
            + " an orchestra database's SystemLog rows move to central first.")
final class SchemaCleanCommand extends ConfirmedCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  DatabaseTarget target;

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description = "Where the backups go (default: <ripieno.data-dir>/backups).")
  Path backupDir;

  @Override
  protected int execute(AdminSession session) throws SQLException {
    Output out = session.output();
    DatabaseLogin centralLogin = session.targetCentral();
    DatabaseLogin database;
    DatabaseKind kind;
    SchemaCleaner.SystemLogMove move = null;
    if (target.central()) {
      database = centralLogin;
      kind = DatabaseKind.CENTRAL;
      try (Connection connection = database.connect()) {
        // Seen as central, an orchestra's database is nothing but misplaced tables.
        CentralTarget.whyNotCentral(connection)
            .ifPresent(
                reason -> {
                  throw AdminFailure.checkFailed(reason + "; nothing was changed");
                });
      }
    } else {
      RegisteredOrchestra orchestra = session.orchestra(target.orchestra());
      database = session.targetOrchestra(orchestra).login();
      kind = DatabaseKind.ORCHESTRA;
      move = new SchemaCleaner.SystemLogMove(centralLogin, orchestra.id());
    }
    String name = database.address().database();
    Map<String, Long> misplaced = SchemaCleaner.misplaced(database, kind);
    out.put("database", name);
    out.put("dryRun", dryRun ? JsonValue.TRUE : JsonValue.FALSE);
    if (misplaced.isEmpty()) {
      out.line(kind.unitName() + " database " + name + " holds no misplaced table: nothing to do");
      out.put("dropped", Json.createArrayBuilder().build());
      return ExitCode.OK;
    }
    out.line(
        (dryRun ? "dry run: would back up and drop " : "to back up and drop: ")
            + SchemaReports.describe(misplaced)
            + (misplaced.containsKey(SchemaCleaner.SYSTEM_LOG) && kind == DatabaseKind.ORCHESTRA
                ? "; SystemLog rows move to central"
                : ""));
    if (dryRun) {
      var plan = Json.createObjectBuilder();
      misplaced.forEach(plan::add);
      out.put("wouldDrop", plan.build());
      return ExitCode.OK;
    }
    session.requireConfirmation(confirm, name);
    session.prepareCentralForWriting(false);
    Path backups = backupDir != null ? backupDir : session.settings().dataDir().resolve("backups");
    SchemaCleaner.Result result;
    try {
      result = SchemaCleaner.clean(database, kind, backups, move);
    } catch (SchemaCleaner.CleanAbortedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    for (SchemaCleaner.CleanedTable table : result.tables()) {
      out.line(
          "backed up "
              + table.table()
              + " ("
              + table.rows()
              + " rows, verified) to "
              + table.backup()
              + (table.movedToCentral() == null
                  ? ""
                  : "; moved " + table.movedToCentral() + " rows to central SystemLog")
              + "; dropped");
    }
    out.line("restore with: schema restore-backup " + result.backupDirectory() + " ...");
    result.toJson().forEach(out::put);
    return ExitCode.OK;
  }
}
