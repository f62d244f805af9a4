package org.ripieno.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ripieno-admin central ...}: a command is added by listing its class in {@code
 * subcommands}.
 */
@Command(
    name = "central",
    mixinStandardHelpOptions = true,
    description = "Export, restore and adoption of the central database (docs/admin.md).",
    subcommands = {
      CentralExportCommand.class,
      CentralRestoreCommand.class,
      CentralAdoptCommand.class
    })
public final class CentralCommands implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a command: the usage, and exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.CANNOT_RUN;
  }
}
