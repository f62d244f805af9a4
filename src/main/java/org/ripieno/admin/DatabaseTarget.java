package org.ripieno.admin;

import picocli.CommandLine.Option;

/**
 * {@code (--central | --orchestra SUB)}: the one database a destructive command acts on. Declare it
 * as {@code @ArgGroup(exclusive = true, multiplicity = "1") DatabaseTarget target;}; picocli then
 * refuses neither or both (exit 2).
 */
public final class DatabaseTarget {

  @Option(names = "--central", required = true, description = "The central database.")
  boolean central;

  @Option(
      names = "--orchestra",
      required = true,
      paramLabel = "SUB",
      description = "The database of the orchestra with this subdomain.")
  String orchestra;

  public boolean central() {
    return central;
  }

  /** The subdomain, or null for central. */
  public String orchestra() {
    return orchestra;
  }
}
