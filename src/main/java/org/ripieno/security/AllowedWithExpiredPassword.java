package org.ripieno.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the few calls a user whose password Ripieno generated may make before choosing their own
 * ({@code GET /api/auth/me}, {@code PUT /api/auth/password}); every other call answers 403.
 */
@Retention(RUNTIME)
@Target(METHOD)
public @interface AllowedWithExpiredPassword {}
