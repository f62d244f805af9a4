package org.ripieno.central.users.boundary;

import java.time.Instant;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.users.entity.User;

/**
 * An account as the API shows it (api.md {@code user}); never the password hash. {@code password}
 * appears once, in the answer that generated it.
 */
public record UserView(
    String id,
    String username,
    String email,
    String role,
    boolean active,
    boolean mustChangePassword,
    Instant lastLogin,
    OrchestraRef orchestra,
    String password) {

  /** The orchestra an account belongs to. */
  public record OrchestraRef(String id, String name, String subdomain) {}

  public static UserView of(User user, Orchestra orchestra) {
    return withPassword(user, orchestra, null);
  }

  public static UserView withPassword(User user, Orchestra orchestra, String generatedPassword) {
    return new UserView(
        user.getId(),
        user.getUsername(),
        user.getEmail(),
        user.getRole(),
        user.isActive(),
        user.isMustChangePassword(),
        user.getLastLogin(),
        orchestra == null
            ? null
            : new OrchestraRef(orchestra.getId(), orchestra.getName(), orchestra.getSubdomain()),
        generatedPassword);
  }
}
