package org.ripieno.web;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * A refusal a person should understand, answered as problem+json with its status and {@link Text}
 * (in the request's language). Thrown by rules and resources alike.
 */
public class ProblemException extends RuntimeException {

  private final Response.StatusType status;
  private final Text text;
  private final Duration retryAfter;

  public ProblemException(Response.StatusType status, Text text) {
    this(status, text, null);
  }

  public ProblemException(Response.StatusType status, Text text, Duration retryAfter) {
    super(text.toString());
    this.status = status;
    this.text = text;
    this.retryAfter = retryAfter;
  }

  public static ProblemException badRequest(String english, String swedish, Object... arguments) {
    return new ProblemException(Response.Status.BAD_REQUEST, Text.of(english, swedish, arguments));
  }

  public static ProblemException notFound(String english, String swedish, Object... arguments) {
    return new ProblemException(Response.Status.NOT_FOUND, Text.of(english, swedish, arguments));
  }

  public static ProblemException conflict(String english, String swedish, Object... arguments) {
    return new ProblemException(Response.Status.CONFLICT, Text.of(english, swedish, arguments));
  }

  public static ProblemException forbidden(String english, String swedish, Object... arguments) {
    return new ProblemException(Response.Status.FORBIDDEN, Text.of(english, swedish, arguments));
  }

  public static ProblemException unauthorized(String english, String swedish, Object... arguments) {
    return new ProblemException(Response.Status.UNAUTHORIZED, Text.of(english, swedish, arguments));
  }

  public Response.StatusType status() {
    return status;
  }

  public Text text() {
    return text;
  }

  /** For 429: when the caller may try again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
