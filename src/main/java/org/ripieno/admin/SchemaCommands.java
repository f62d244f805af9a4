package org.ripieno.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ripieno-admin schema ...}: a command is added by listing its class in {@code subcommands}.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Schema checks and clean-up of misplaced tables (docs/admin.md).",
    subcommands = {
      SchemaCheckCommand.class,
      SchemaCleanCommand.class,
      SchemaRestoreBackupCommand.class
    })
public final class SchemaCommands implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a command: the usage, and exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.CANNOT_RUN;
  }
}
