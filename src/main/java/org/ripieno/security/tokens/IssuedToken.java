package org.ripieno.security.tokens;

import java.time.Instant;

/**
 * A freshly signed own token and when it stops being valid, as the login answer needs both.
 *
 * @param token the compact JWS
 * @param expiresAt the token's {@code exp}
 */
public record IssuedToken(String token, Instant expiresAt) {

  /** Keeps the token out of logs. */
  @Override
  public String toString() {
    return "IssuedToken[token=***, expiresAt=" + expiresAt + "]";
  }
}
