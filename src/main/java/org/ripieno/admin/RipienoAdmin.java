package org.ripieno.admin;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.datasafety.SqlErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar target/ripieno-admin.jar <command>}: the operators' command line. It works while
 * the application is down, on the server's configuration (environment, or {@code --config FILE}),
 * with the server's own code for table sets, identity markers, migrations, routing and secrets.
 * Exit status: 0 all well, 1 a check failed, 2 could not run (api.md).
 */
@Command(
    name = "ripieno-admin",
    mixinStandardHelpOptions = true,
    versionProvider = RipienoAdmin.Version.class,
    description = "Ripieno's operators' command line (docs/admin.md).",
    subcommands = {SchemaCommands.class, OrchestrasCommands.class, CentralCommands.class})
public final class RipienoAdmin implements Callable<Integer> {

  @Spec CommandSpec spec;

  final Map<String, String> environment;
  final PrintWriter out;
  final PrintWriter err;

  /** The running command's output, so a failure still ends with its one JSON document. */
  Output output;

  private RipienoAdmin(Map<String, String> environment, PrintWriter out, PrintWriter err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs one command, as {@code main} does, and returns its exit status instead of exiting (for
   * tests and embedding).
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    // Timestamps are UTC everywhere, as in the server.
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    // Flyway and the key loader log through java.util.logging; the operator reads our lines.
    Logger.getLogger("").setLevel(Level.WARNING);
    Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
    PrintWriter outWriter =
        new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter =
        new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    RipienoAdmin root = new RipienoAdmin(environment, outWriter, errWriter);
    boolean json = Arrays.asList(args).contains("--json");
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(outWriter);
    commandLine.setErr(errWriter);
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          Output output = new Output(outWriter, errWriter, json);
          problem.getCommandLine().getErr().println();
          problem.getCommandLine().usage(errWriter);
          output.fail(ExitCode.CANNOT_RUN, problem.getMessage());
          return ExitCode.CANNOT_RUN;
        });
    commandLine.setExecutionExceptionHandler(
        (failure, command, parseResult) -> {
          Output output =
              root.output != null ? root.output : new Output(outWriter, errWriter, json);
          int exitCode = exitCodeOf(failure);
          output.fail(exitCode, messageOf(failure));
          return exitCode;
        });
    int exitCode = commandLine.execute(args);
    outWriter.flush();
    errWriter.flush();
    return exitCode;
  }

  /** Without a command: the usage, and exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    err.flush();
    return ExitCode.CANNOT_RUN;
  }

  private static int exitCodeOf(Throwable failure) {
    return failure instanceof AdminFailure known ? known.exitCode() : ExitCode.CANNOT_RUN;
  }

  private static String messageOf(Throwable failure) {
    if (failure instanceof AdminFailure) {
      return failure.getMessage();
    }
    if (failure instanceof SQLException sql) {
      // Described without the server's Detail, which quotes the rows ("Failing row contains").
      return "Database error: " + SqlErrors.describe(sql);
    }
    if (failure instanceof UncheckedIOException io) {
      return failure.getMessage() + ": " + io.getCause().getMessage();
    }
    StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
    for (Throwable cause = failure.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause instanceof SQLException) {
        // A wrapper's own message may quote the driver's, Detail and all: told without it.
        message = new StringBuilder(SqlErrors.describeFailure(failure));
        break;
      }
      message.append(": ").append(cause.getMessage());
    }
    return "Could not run: " + failure.getClass().getSimpleName() + ": " + message;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RipienoAdmin.class.getPackage().getImplementationVersion();
      return new String[] {"ripieno-admin " + (version == null ? "(development build)" : version)};
    }
  }
}
