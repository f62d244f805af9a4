package org.ripieno.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.central.control.CentralFormat;
import org.ripieno.datasafety.central.control.CentralRestore;
import org.ripieno.tenancy.DatabaseLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code central restore}: a central export (Ripieno's or the legacy main-tables export) into
 * central, in one transaction; see {@link CentralRestore} for the rules.
 */
@Command(
    name = "restore",
    description =
        "Restore a central export (Ripieno's or the legacy main-tables-export-*.json) in one"
            + " transaction; idempotent; refuses a non-empty central unless --merge. A dry run does everything, reports and rolls"
            + " back.")
final class CentralRestoreCommand extends ChangingCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The export to restore.")
  Path file;

  @Option(
      names = "--merge",
      description = "Restore into a central database that holds data (needs --confirm).")
  boolean merge;

  @Option(
      names = "--confirm",
      paramLabel = "NAME",
      description = "The central database's name, required with --merge.")
  String confirm;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int execute(AdminSession session) throws SQLException {
    JsonObject document;
    try {
      document = JsonDocuments.readObject(file);
    } catch (RuntimeException e) {
      throw AdminFailure.cannotRun(e.getMessage());
    }
    Output out = session.output();
    // Every restore may encrypt or must decrypt secrets: without the server's key it stops here,
    // before an embedded database or a central schema is created.
    session.requireSecretKey();
    DatabaseLogin central = session.targetCentral();
    String name = central.address().database();
    if (merge && !dryRun) {
      session.requireConfirmation(confirm, name);
    }
    if (!session.prepareCentralForWriting(dryRun)) {
      out.line("dry run: the file's rows would then all be written into the new central database");
      out.put("dryRun", JsonValue.TRUE);
      return ExitCode.OK;
    }
    CentralRestore.Report report;
    try (Connection connection = central.connect()) {
      report =
          CentralRestore.restore(
              connection, document, new CentralRestore.Options(merge, dryRun), session.secrets());
    } catch (CentralRestore.RestoreRefusedException e) {
      if (e.reason() == CentralRestore.Refusal.INVALID_FILE) {
        throw AdminFailure.cannotRun(file + ": " + e.getMessage());
      }
      throw AdminFailure.checkFailed(e.getMessage() + " (" + e.reason() + ")");
    }
    out.line("format: " + report.format());
    report.notes().forEach(note -> out.line("note: " + note));
    for (CentralRestore.TableResult table : report.tables()) {
      out.line(
          table.table()
              + " ("
              + CentralFormat.key(table.table())
              + "): "
              + table.inFile()
              + " in the file, "
              + table.written()
              + (dryRun ? " to write, " : " written, ")
              + table.identical()
              + " identical, "
              + table.verified()
              + " verified"
              + (table.matches() ? "" : " - DIFFERS FROM THE FILE"));
    }
    report.toJson().forEach(out::put);
    if (!report.ok()) {
      out.line("FAILED: the restored rows differ from the file; everything was rolled back");
      return ExitCode.CHECK_FAILED;
    }
    out.line(dryRun ? "dry run: nothing was changed" : "restored and committed");
    return ExitCode.OK;
  }
}
