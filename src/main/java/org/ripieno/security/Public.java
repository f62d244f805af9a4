package org.ripieno.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A resource method anyone may call without a token (api.md's public list). Every other method
 * needs {@link Allow}; one with neither is open to nobody.
 */
@Retention(RUNTIME)
@Target(METHOD)
public @interface Public {}
