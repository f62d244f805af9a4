package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ripieno.testing.PlatformFixture;

/**
 * The web application as the server delivers it: its page at every client-side route with a strict
 * Content-Security-Policy whose hash admits exactly the page's import map, Lit from the WAR, and
 * the server's own areas untouched by the fallback.
 */
class WebShellIT {

  private static PlatformFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = PlatformFixture.shared();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return fixture.ripieno().get(path);
  }

  @Nested
  class ClientSideRoutes {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sign-in", "/platform/orchestras", "/o/someorchestra/rankings"})
    void areAnsweredWithThePage(String path) throws Exception {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(answer.body()).contains("<ripieno-app></ripieno-app>");
      assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void aMissingFileStaysA404() throws Exception {
      HttpResponse<String> answer = get("/app/no-such-module.js");
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.body()).doesNotContain("<ripieno-app>");
    }
  }

  @Nested
  class TheServersOwnAreas {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/api/no-such-resource",
          "/api",
          "/respond/no-such-token",
          "/respond",
          "/metrics/no-such-scope",
          "/%61pi/no-such-resource"
        })
    void keepTheirOwn404(String path) throws Exception {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.body()).doesNotContain("<ripieno-app>");
      // Not the web application's policy: the response page sets its own, without scripts.
      assertThat(answer.headers().firstValue("Content-Security-Policy").orElse(""))
          .doesNotContain("script-src");
    }

    @Test
    void anUnknownApiPathIsAProblem() throws Exception {
      HttpResponse<String> answer = get("/api/no-such-resource");
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/ready", "/health/live", "/openapi", "/metrics"})
    void answerAsBefore(String path) throws Exception {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).doesNotContain("<ripieno-app>");
    }
  }

  @Nested
  class ContentSecurity {

    @Test
    void thePolicyAllowsOnlyTheApplicationsScriptsAndTheImportMapByItsHash() throws Exception {
      HttpResponse<String> answer = get("/musicians");
      String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
      Matcher importMap =
          Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL)
              .matcher(answer.body());
      assertThat(importMap.find()).isTrue();
      assertThat(policy)
          .contains("default-src 'none'")
          .contains("script-src 'self' '" + ContentSecurityPolicy.hashOf(importMap.group(1)) + "'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void everyModuleTheImportMapNamesIsServedAsJavaScript() throws Exception {
      String page = get("/").body();
      Matcher target = Pattern.compile("\"(/(?:_static|webjars)/[^\"]+\\.js)\"").matcher(page);
      int found = 0;
      while (target.find()) {
        HttpResponse<String> module = get(target.group(1));
        assertThat(module.statusCode()).as(target.group(1)).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        found++;
      }
      assertThat(found).isEqualTo(5);
    }
  }
}
