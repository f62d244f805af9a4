package org.ripieno.security;

import java.util.Set;

/** The three roles (api.md). Musicians never log in. */
public final class Role {

  public static final String SUPERADMIN = "superadmin";
  public static final String ADMIN = "admin";
  public static final String USER = "user";

  public static final Set<String> ALL = Set.of(SUPERADMIN, ADMIN, USER);

  private Role() {}

  public static boolean belongsToAnOrchestra(String role) {
    return ADMIN.equals(role) || USER.equals(role);
  }
}
