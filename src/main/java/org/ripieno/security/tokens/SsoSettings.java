package org.ripieno.security.tokens;

import java.net.URL;
import java.util.Objects;

/**
 * A trusted external (enterprise SSO) issuer whose tokens Ripieno accepts (configuration keys
 * {@code ripieno.sso.*}). Blank claim names fall back to the defaults.
 *
 * @param issuer the exact {@code iss} of the external tokens
 * @param audience the audience the external tokens must carry
 * @param jwksUrl where the issuer publishes its public keys
 * @param roleClaim claim holding the role (string or array), default {@value #DEFAULT_ROLE_CLAIM}
 * @param orchestraClaim claim holding the orchestra subdomain, default {@value
 *     #DEFAULT_ORCHESTRA_CLAIM}
 */
public record SsoSettings(
    String issuer, String audience, URL jwksUrl, String roleClaim, String orchestraClaim) {

  public static final String DEFAULT_ROLE_CLAIM = "groups";
  public static final String DEFAULT_ORCHESTRA_CLAIM = "orchestra";

  public SsoSettings {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("ripieno.sso.issuer is required");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("ripieno.sso.audience is required");
    }
    Objects.requireNonNull(jwksUrl, "ripieno.sso.jwks-url is required");
    issuer = issuer.strip();
    audience = audience.strip();
    roleClaim = roleClaim == null || roleClaim.isBlank() ? DEFAULT_ROLE_CLAIM : roleClaim.strip();
    orchestraClaim =
        orchestraClaim == null || orchestraClaim.isBlank()
            ? DEFAULT_ORCHESTRA_CLAIM
            : orchestraClaim.strip();
  }
}
