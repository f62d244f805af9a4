package org.ripieno.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ripieno-admin orchestras ...}: a command is added by listing its class in {@code
 * subcommands}.
 */
@Command(
    name = "orchestras",
    mixinStandardHelpOptions = true,
    description = "The orchestra databases (docs/admin.md).",
    subcommands = {
      OrchestrasVerifyCommand.class,
      OrchestrasMigrateCommand.class,
      OrchestrasExportCommand.class,
      OrchestrasImportCommand.class,
      OrchestrasAdoptCommand.class,
    })
public final class OrchestrasCommands implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a command: the usage, and exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.CANNOT_RUN;
  }
}
