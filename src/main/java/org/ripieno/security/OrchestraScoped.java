package org.ripieno.security;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks resources under {@code /api/orchestras/{subdomain}}: the orchestra gate resolves the
 * subdomain, checks the caller may act there and only then sets the current orchestra.
 */
@NameBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface OrchestraScoped {}
