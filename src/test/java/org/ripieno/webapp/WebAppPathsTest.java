package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAppPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/sign-in", "/platform/orchestras", "/o/demo/musicians", "/o/demo/rankings/"})
  void aPathWithoutAnExtensionOutsideTheServersAreasIsAClientRoute(String path) {
    assertThat(WebAppPaths.isClientRoute(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api",
        "/api/auth/me",
        "/respond/abc",
        "/health",
        "/health/ready",
        "/openapi",
        "/metrics/application",
        "/WEB-INF/web.xml",
        "/META-INF/MANIFEST",
        "/app/main.js",
        "/_static/lit/3.3.3/index.js",
        "/favicon.ico"
      })
  void theServersAreasAndFilesAreNot(String path) {
    assertThat(WebAppPaths.isClientRoute(path)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/apiary", "/responders", "/healthy", "/metricsboard"})
  void aRouteThatMerelyStartsLikeAnAreaIsStillARoute(String path) {
    assertThat(WebAppPaths.isServerArea(path)).isFalse();
    assertThat(WebAppPaths.isClientRoute(path)).isTrue();
  }
}
