package org.ripieno.admin;

/**
 * Ends a command with an exit status and a message for the operator (no stack trace): {@link
 * ExitCode#CANNOT_RUN} for bad arguments or an unreachable database, {@link ExitCode#CHECK_FAILED}
 * for a refusal found in the target.
 */
public final class AdminFailure extends RuntimeException {

  private final int exitCode;

  private AdminFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public static AdminFailure cannotRun(String message) {
    return new AdminFailure(ExitCode.CANNOT_RUN, message);
  }

  public static AdminFailure checkFailed(String message) {
    return new AdminFailure(ExitCode.CHECK_FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
