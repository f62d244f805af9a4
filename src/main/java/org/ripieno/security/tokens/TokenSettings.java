package org.ripieno.security.tokens;

import java.time.Duration;

/**
 * How Ripieno signs its own tokens (configuration keys {@code ripieno.token.*}). A blank issuer or
 * audience and a missing lifetime fall back to the documented defaults, so callers can pass
 * optional configuration straight through.
 *
 * @param signingKey HMAC-SHA256 key, at least 32 bytes (HS256 needs 256 bits)
 * @param issuer the {@code iss} of own tokens, default {@value #DEFAULT_ISSUER}
 * @param audience the {@code aud} of own tokens, default {@value #DEFAULT_AUDIENCE}
 * @param lifetime how long an own token is valid, default 8 hours
 */
public record TokenSettings(byte[] signingKey, String issuer, String audience, Duration lifetime) {

  public static final String DEFAULT_ISSUER = "ripieno";
  public static final String DEFAULT_AUDIENCE = "ripieno-api";
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

  /** Smallest key HS256 accepts. */
  public static final int MIN_KEY_BYTES = 32;

  public TokenSettings {
    if (signingKey == null || signingKey.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "ripieno.token.signing-key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    signingKey = signingKey.clone();
    issuer = issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer.strip();
    audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience.strip();
    lifetime = lifetime == null ? DEFAULT_LIFETIME : lifetime;
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("ripieno.token.lifetime must be positive");
    }
  }

  /** Settings with the default issuer, audience and lifetime. */
  public static TokenSettings withKey(byte[] signingKey) {
    return new TokenSettings(signingKey, null, null, null);
  }

  /** A copy, so nobody can change the key under the signer. */
  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  /** Keeps the key out of logs and exception messages. */
  @Override
  public String toString() {
    return "TokenSettings[signingKey=***, issuer="
        + issuer
        + ", audience="
        + audience
        + ", lifetime="
        + lifetime
        + "]";
  }
}
