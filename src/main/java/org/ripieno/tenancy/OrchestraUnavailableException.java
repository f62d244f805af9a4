package org.ripieno.tenancy;

/**
 * An orchestra whose database cannot be served right now: unreachable, not its own (identity
 * marker), missing tables, behind the code's schema version, or no connection to be had within the
 * budget. Answered with 503 and this message.
 */
public class OrchestraUnavailableException extends RuntimeException {

  public OrchestraUnavailableException(String message) {
    super(message);
  }

  public OrchestraUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
