package org.ripieno.admin;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code ripieno-admin} command: the shared options ({@code --config}, {@code
 * --json}, {@code --help}), the session and the output. A command is a picocli {@code @Command}
 * class extending this one, registered by adding it to its group's {@code subcommands} (for example
 * {@link OrchestrasCommands}); it implements {@link #execute} and returns an {@link ExitCode}, or
 * throws an {@link AdminFailure}.
 */
public abstract class AdminCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with the server's configuration keys (ripieno.central.url, ...);"
              + " they win over the environment (RIPIENO_CENTRAL_URL, ...).")
  Path config;

  @Option(
      names = "--json",
      description = "Print one JSON document on standard output (text goes to standard error).")
  boolean json;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  /**
   * The command's work. Print a {@code target:} line ({@link AdminSession#targetCentral}, {@link
   * AdminSession#targetOrchestra}) before acting on a database.
   *
   * @return {@link ExitCode#OK} or {@link ExitCode#CHECK_FAILED}
   */
  protected abstract int execute(AdminSession session) throws Exception;

  /**
   * Whether the command writes: only such a command may create an embedded database where the data
   * directory has none yet (a read-only command reports that instead).
   */
  protected boolean writes() {
    return false;
  }

  /**
   * Whether this run is a dry run ({@code --dry-run}): a command with that option returns it, so a
   * dry run never creates an embedded database, however much the command would write.
   */
  protected boolean dryRun() {
    return false;
  }

  @Override
  public final Integer call() throws Exception {
    RipienoAdmin root = (RipienoAdmin) spec.root().userObject();
    Output output = new Output(root.out, root.err, json);
    root.output = output;
    try (AdminSession session =
        AdminSession.open(config, root.environment, output, writes() && !dryRun())) {
      int exitCode = execute(session);
      output.finish(exitCode);
      return exitCode;
    }
  }
}
