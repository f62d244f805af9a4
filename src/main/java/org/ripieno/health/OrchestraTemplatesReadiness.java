package org.ripieno.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.ripieno.central.orchestras.control.OrchestraProvisioner;

/**
 * Not ready until the start-up pass has brought every server's orchestra template up to date, so
 * that the first orchestra created on a fresh instance is cloned, not built. A server whose
 * template failed is named here but does not hold readiness down: the orchestras already on the
 * other servers are served, and provisioning on that server retries the template. The public answer
 * names the server, not the error (which may carry addresses): that is in the log.
 */
@Readiness
@ApplicationScoped
public class OrchestraTemplatesReadiness implements HealthCheck {

  @Inject OrchestraProvisioner provisioner;

  @Override
  public HealthCheckResponse call() {
    OrchestraProvisioner.TemplateStatus status = provisioner.templateStatus();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("orchestra-templates");
    // The problems name addresses and errors: they are in the log; readiness is public.
    status
        .problems()
        .keySet()
        .forEach(
            server ->
                response.withData(
                    server, "The orchestra template could not be prepared; the log says why"));
    return status.checked() ? response.up().build() : response.down().build();
  }
}
