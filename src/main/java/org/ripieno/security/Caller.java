package org.ripieno.security;

import java.security.Principal;

/**
 * Who is calling, as established from a verified token and a fresh look at central: the account,
 * its role and its orchestra (none for a superadmin).
 */
public record Caller(
    String userId,
    String username,
    String role,
    String orchestraId,
    String subdomain,
    boolean mustChangePassword)
    implements Principal {

  @Override
  public String getName() {
    return username;
  }

  public boolean isSuperadmin() {
    return Role.SUPERADMIN.equals(role);
  }
}
