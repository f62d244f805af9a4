package org.ripieno.security.tokens;

import java.time.Instant;
import java.util.List;

/**
 * The trusted facts of a token whose signature and claims were checked; own and SSO tokens are
 * mapped to the same shape so that authorization needs no second code path.
 *
 * @param external true for a token of the configured SSO issuer
 * @param subject own: the user id; SSO: {@code sub}
 * @param username own: {@code upn}; SSO: {@code preferred_username}, else {@code upn}, else {@code
 *     email}, else {@code sub}
 * @param email SSO {@code email}; null for own tokens or when absent
 * @param roles Ripieno's roles the token carries, most privileged first: own tokens exactly one;
 *     SSO tokens those of the role claim and of Keycloak's {@code realm_access.roles} (which of
 *     them an SSO account gets is {@code SsoTrust}'s decision)
 * @param orchestra orchestra subdomain from the (configured) orchestra claim; may be null
 * @param tokenVersion own: {@code ver}; SSO: null
 * @param expiresAt the token's {@code exp}
 */
public record VerifiedToken(
    boolean external,
    String subject,
    String username,
    String email,
    List<String> roles,
    String orchestra,
    Integer tokenVersion,
    Instant expiresAt) {

  public VerifiedToken {
    roles = List.copyOf(roles);
  }

  /** The most privileged role the token carries, or null when it carries none. */
  public String role() {
    return roles.isEmpty() ? null : roles.get(0);
  }
}
