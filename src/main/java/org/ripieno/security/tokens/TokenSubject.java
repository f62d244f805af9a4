package org.ripieno.security.tokens;

import java.util.Objects;

/**
 * Who an own token is issued to.
 *
 * @param userId becomes {@code sub}
 * @param username becomes {@code upn}
 * @param role {@code superadmin}, {@code admin} or {@code user}; becomes {@code groups} = [role]
 * @param orchestraSubdomain becomes {@code orchestra}; null for a superadmin
 * @param tokenVersion becomes {@code ver}, so that raising the user's version revokes old tokens
 */
public record TokenSubject(
    String userId, String username, String role, String orchestraSubdomain, int tokenVersion) {

  public TokenSubject {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }
}
