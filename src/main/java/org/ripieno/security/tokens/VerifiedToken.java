package org.ripieno.security.tokens;

import java.time.Instant;

/**
 * The trusted facts of a token whose signature and claims were checked; own and SSO tokens are
 * mapped to the same shape so that authorization needs no second code path.
 *
 * @param external true for a token of the configured SSO issuer
 * @param subject own: the user id; SSO: {@code sub}
 * @param username own: {@code upn}; SSO: {@code preferred_username}, else {@code upn}, else {@code
 *     email}, else {@code sub}
 * @param email SSO {@code email}; null for own tokens or when absent
 * @param role {@code superadmin}, {@code admin} or {@code user}; null when an SSO token carries
 *     none of them
 * @param orchestra orchestra subdomain from the (configured) orchestra claim; may be null
 * @param tokenVersion own: {@code ver}; SSO: null
 * @param expiresAt the token's {@code exp}
 */
public record VerifiedToken(
    boolean external,
    String subject,
    String username,
    String email,
    String role,
    String orchestra,
    Integer tokenVersion,
    Instant expiresAt) {}
