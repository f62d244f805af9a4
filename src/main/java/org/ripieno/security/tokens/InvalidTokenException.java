package org.ripieno.security.tokens;

/**
 * A token was refused. The message is the same for every reason so that a client learns nothing
 * about which check failed; the reason is kept apart for the log and never contains the token.
 */
public class InvalidTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What a client may be told. */
  public static final String CLIENT_MESSAGE = "The token is invalid or has expired";

  private final String reason;

  public InvalidTokenException(String reason) {
    super(CLIENT_MESSAGE);
    this.reason = reason;
  }

  /** Why the token was refused, for the server log only. */
  public String getReason() {
    return reason;
  }
}
