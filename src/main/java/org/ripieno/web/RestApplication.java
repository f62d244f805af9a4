package org.ripieno.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Ripieno's HTTP API, under {@code /api}; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Ripieno API",
            version = "1",
            description =
                "Staffing orchestras with substitute musicians. Errors are"
                    + " application/problem+json; lists take page and size."),
    security = @SecurityRequirement(name = "bearer"),
    components =
        @Components(
            schemas =
                @Schema(
                    name = OpenApiAnswers.PROBLEM_SCHEMA,
                    implementation = Problem.Document.class)))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "POST /api/auth/login gives the token; enterprise SSO tokens work too.")
public class RestApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // No generated WADL: the contract is the OpenAPI document.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
