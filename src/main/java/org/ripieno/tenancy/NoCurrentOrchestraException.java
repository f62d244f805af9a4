package org.ripieno.tenancy;

/**
 * Orchestra data was asked for where no orchestra was set: a programming error, never a reason to
 * fall back to some database.
 */
public class NoCurrentOrchestraException extends IllegalStateException {

  public NoCurrentOrchestraException() {
    super(
        "No current orchestra: orchestra data is only available inside a request or job that set"
            + " its orchestra");
  }
}
