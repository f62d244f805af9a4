package org.ripieno.admin;

/** The exit statuses of api.md's command-line conventions. */
public final class ExitCode {

  /** All well. */
  public static final int OK = 0;

  /** A check failed (for any database), or a precondition the target did not meet refused it. */
  public static final int CHECK_FAILED = 1;

  /** Could not run: bad arguments, configuration, unreachable central, unreadable file. */
  public static final int CANNOT_RUN = 2;

  private ExitCode() {}
}
