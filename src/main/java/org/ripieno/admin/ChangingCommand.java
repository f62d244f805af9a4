package org.ripieno.admin;

import picocli.CommandLine.Option;

/**
 * A command that writes, with {@code --dry-run}: a dry run reports what would be done, changes
 * nothing and never creates an embedded database (see {@link AdminCommand#dryRun}).
 */
abstract class ChangingCommand extends AdminCommand {

  @Option(names = "--dry-run", description = "Report what would be done; change nothing.")
  boolean dryRun;

  @Override
  protected final boolean dryRun() {
    return dryRun;
  }
}
