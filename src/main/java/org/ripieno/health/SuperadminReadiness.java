package org.ripieno.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.ripieno.security.control.SuperadminBootstrap;

/**
 * Not ready until central holds a superadmin: without one nobody could sign in to run the platform.
 * When central could not be used at startup the account is created by a retry as soon as it can.
 */
@Readiness
@ApplicationScoped
public class SuperadminReadiness implements HealthCheck {

  @Inject SuperadminBootstrap bootstrap;

  @Override
  public HealthCheckResponse call() {
    if (bootstrap.isDone()) {
      return HealthCheckResponse.up("superadmin-account");
    }
    return HealthCheckResponse.named("superadmin-account")
        .down()
        .withData(
            "reason",
            "The first superadmin account has not been created yet; it is created as soon as the"
                + " central database can be used")
        .build();
  }
}
