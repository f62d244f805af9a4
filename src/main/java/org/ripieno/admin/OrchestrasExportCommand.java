package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.datasafety.archive.ArchiveRefusedException;
import org.ripieno.datasafety.archive.ArchiveSummary;
import org.ripieno.datasafety.archive.ArchivedOrchestra;
import org.ripieno.datasafety.archive.OrchestraExport;
import org.ripieno.tenancy.OrchestraRoute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One orchestra's data to a file that {@code orchestras import} reads back (docs/data-transfer.md).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export one orchestra's data (every row of every orchestra table) to a file.")
final class OrchestrasExportCommand extends AdminCommand {

  @Parameters(index = "0", paramLabel = "SUB", description = "The orchestra's subdomain.")
  String subdomain;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write.")
  Path out;

  @Override
  protected int execute(AdminSession session) throws Exception {
    session.targetCentral();
    RegisteredOrchestra orchestra = session.orchestra(subdomain);
    OrchestraRoute route = session.targetOrchestra(orchestra);
    ArchiveSummary summary;
    try {
      summary =
          OrchestraExport.write(
              route.login(),
              new ArchivedOrchestra(
                  orchestra.id(), orchestra.subdomain(), orchestra.name(), null, null),
              out);
    } catch (ArchiveRefusedException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
    return report(session.output(), "exported", out, summary);
  }

  /** The rows per table of an archive, as text lines and in {@code --json}. */
  static int report(Output out, String verb, Path file, ArchiveSummary summary) {
    JsonObjectBuilder rows = Json.createObjectBuilder();
    summary
        .rowCounts()
        .forEach(
            (table, count) -> {
              rows.add(table, count);
              out.line(String.format("  %-24s %8d rows", table, count));
            });
    out.line(
        verb
            + " "
            + summary.totalRows()
            + " rows of "
            + summary.orchestra().subdomain()
            + " (schema version "
            + summary.schemaVersion()
            + ") "
            + (verb.equals("exported") ? "to " : "from ")
            + file.toAbsolutePath());
    out.put("file", file.toAbsolutePath().toString());
    out.put("schemaVersion", summary.schemaVersion());
    out.put("rows", rows.build());
    return ExitCode.OK;
  }
}
