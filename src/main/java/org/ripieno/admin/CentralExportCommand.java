package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.central.control.CentralExport;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code central export}: every column of every central row in Ripieno's format, to a file only its
 * owner may read (it holds password hashes and encrypted secrets unless they are left out).
 */
@Command(
    name = "export",
    description =
        "Write every row of Orchestra, User, Customer and SystemLog in Ripieno's format"
            + " (secrets stay encrypted, or are left out).")
final class CentralExportCommand extends AdminCommand {

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write (default: ./ripieno-central-export-<epoch-ms>.json).")
  Path out;

  @Option(
      names = "--without-secrets",
      description =
          "Leave out secrets (encrypted values, database URL, API key hash, password hashes).")
  boolean withoutSecrets;

  @Override
  protected int execute(AdminSession session) throws SQLException {
    Output output = session.output();
    DatabaseLogin central = session.targetCentral();
    JsonObject export;
    try (Connection connection = central.connect()) {
      SchemaReport report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      if (!report.missing().isEmpty()) {
        throw AdminFailure.checkFailed(
            "Central database "
                + report.database()
                + " lacks the central tables "
                + report.missing()
                + ": nothing to export");
      }
      export = CentralExport.export(connection, withoutSecrets, session.secretsWhenNeeded());
    }
    Path file =
        out != null
            ? out
            : Path.of("ripieno-central-export-" + System.currentTimeMillis() + ".json");
    OwnerOnlyFiles.replace(file, JsonDocuments.pretty(export));
    Map<String, Integer> counts = CentralExport.counts(export);
    var countJson = Json.createObjectBuilder();
    counts.forEach(
        (table, rows) -> {
          output.line(table + ": " + rows + " rows");
          countJson.add(table, rows);
        });
    output.line(
        "exported to "
            + file.toAbsolutePath()
            + (withoutSecrets ? " (without secrets)" : " (secrets encrypted as stored)"));
    output.put("file", file.toAbsolutePath().toString());
    output.put("counts", countJson.build());
    return ExitCode.OK;
  }
}
