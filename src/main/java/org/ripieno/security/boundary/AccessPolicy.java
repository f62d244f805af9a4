package org.ripieno.security.boundary;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;
import org.ripieno.security.Allow;
import org.ripieno.security.AllowedWithExpiredPassword;
import org.ripieno.security.Caller;
import org.ripieno.security.Public;
import org.ripieno.web.ProblemException;

/**
 * Deny by default: every resource method needs a caller with one of its {@link Allow} roles; only
 * {@link Public} methods are public. A method with neither is open to nobody, so a forgotten
 * annotation fails closed.
 */
@Provider
public class AccessPolicy implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method.isAnnotationPresent(Public.class)) {
      return;
    }
    Allow allowed =
        method.isAnnotationPresent(Allow.class)
            ? method.getAnnotation(Allow.class)
            : type.getAnnotation(Allow.class);
    Set<String> roles = allowed == null ? Set.of() : Set.of(allowed.value());
    context.register(
        new RoleCheck(roles, method.isAnnotationPresent(AllowedWithExpiredPassword.class)),
        Priorities.AUTHORIZATION);
  }

  /** The check of one resource method. */
  record RoleCheck(Set<String> roles, boolean allowedWithExpiredPassword)
      implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
        throw ProblemException.unauthorized(
            "Sign in first: this call needs a token.", "Logga in först: anropet kräver en token.");
      }
      if (caller.mustChangePassword() && !allowedWithExpiredPassword) {
        throw ProblemException.forbidden(
            "Choose your own password first (PUT /api/auth/password).",
            "Välj ett eget lösenord först (PUT /api/auth/password).");
      }
      if (!roles.contains(caller.role())) {
        throw ProblemException.forbidden(
            "Your role may not make this call.", "Din roll får inte göra det här anropet.");
      }
    }
  }
}
