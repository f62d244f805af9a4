package org.ripieno.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method (on the method, or on its class). Enforced by {@code
 * AccessPolicy}. Ripieno does not use {@code @RolesAllowed}: Payara enforces that one through
 * container authentication, which answers a bearer-token caller with an HTML Basic challenge.
 */
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Allow {
  String[] value();
}
