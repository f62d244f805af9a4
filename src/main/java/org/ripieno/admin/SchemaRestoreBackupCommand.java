package org.ripieno.admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.schema.control.BackupRestorer;
import org.ripieno.datasafety.schema.control.CentralTarget;
import org.ripieno.datasafety.schema.control.TableBackup;
import org.ripieno.tenancy.DatabaseLogin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code schema restore-backup}: puts tables backed up by {@code schema clean} back (a backup file,
 * or the directory of one clean), in one transaction, refusing tables that exist already, a backup
 * whose structure holds statements a clean does not write, and, with {@code --central}, a database
 * that is not central.
 */
@Command(
    name = "restore-backup",
    description = "Put tables backed up by 'schema clean' back (a file, or a clean's directory).")
final class SchemaRestoreBackupCommand extends ConfirmedCommand {

  @Parameters(index = "0", paramLabel = "PATH", description = "A backup file or directory.")
  Path path;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DatabaseTarget target;

  @Override
  protected int execute(AdminSession session) throws SQLException {
    Output out = session.output();
    List<Path> files;
    List<TableBackup> backups;
    try {
      files = BackupRestorer.backupFiles(path);
      backups = BackupRestorer.read(files);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw AdminFailure.cannotRun(e.getMessage());
    }
    DatabaseLogin centralLogin = session.targetCentral();
    DatabaseLogin database =
        target.central()
            ? centralLogin
            : session.targetOrchestra(session.orchestra(target.orchestra())).login();
    String name = database.address().database();
    try (Connection connection = database.connect()) {
      if (target.central()) {
        // Tables put into an orchestra's database taken for central would be served as its own.
        CentralTarget.whyNotCentral(connection)
            .ifPresent(
                reason -> {
                  throw AdminFailure.checkFailed(reason + "; nothing was restored");
                });
      }
      try {
        BackupRestorer.vouchFor(backups, files);
      } catch (BackupRestorer.RestoreRefusedException e) {
        throw AdminFailure.checkFailed(e.getMessage());
      }
      for (TableBackup backup : backups) {
        boolean exists = TableRows.exists(connection, backup.table());
        out.line(
            (dryRun ? "dry run: would restore " : "to restore: ")
                + backup.table()
                + " ("
                + backup.rows().size()
                + " rows, backed up from "
                + backup.database()
                + " at "
                + backup.takenAt()
                + ")"
                + (exists ? " - REFUSED: the table exists in " + name : ""));
        if (exists) {
          throw AdminFailure.checkFailed(
              "Table " + backup.table() + " exists in " + name + " already; nothing was restored");
        }
      }
    }
    if (dryRun) {
      return ExitCode.OK;
    }
    session.requireConfirmation(confirm, name);
    BackupRestorer.Result result;
    try {
      result = BackupRestorer.restore(database, files);
    } catch (BackupRestorer.RestoreRefusedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    for (BackupRestorer.RestoredTable table : result.tables()) {
      out.line("restored " + table.table() + " (" + table.rows() + " rows, verified)");
    }
    result.toJson().forEach(out::put);
    return ExitCode.OK;
  }
}
