package org.ripieno.admin;

import picocli.CommandLine.Option;

/**
 * A command that changes or drops what is in one database, so it needs {@code --confirm} naming
 * that database ({@link AdminSession#requireConfirmation}) unless it is a dry run.
 */
abstract class ConfirmedCommand extends ChangingCommand {

  @Option(
      names = "--confirm",
      paramLabel = "NAME",
      description = "The target's database name: required to change anything.")
  String confirm;
}
