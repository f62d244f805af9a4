package org.ripieno.security.control;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The method changes what authentication decides on (an account, or an orchestra's central row):
 * once it has returned or thrown, and its central transaction has ended, this instance forgets the
 * accounts it kept ({@link Authenticator#forgetRecentAccounts()}), so that its next request sees
 * the change. The method must begin its central transaction itself (be called with none open): a
 * call inside another transaction is refused, since its change would commit only after the
 * forgetting.
 */
@Inherited
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface ChangesAccounts {}
