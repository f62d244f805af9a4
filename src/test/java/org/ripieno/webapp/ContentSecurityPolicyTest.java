package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Nested
  class TheImportMapsHash {

    @Test
    void isTheBase64OfTheSha256OfTheScriptsTextExactlyAsWritten() {
      // echo -n '{"imports":{}}' | openssl dgst -sha256 -binary | base64
      assertThat(ContentSecurityPolicy.hashOf("{\"imports\":{}}"))
          .isEqualTo("sha256-URrTy+Il/Nz0lHojVUx275hWqAWhkSF0VsHbUM4/6Hw=");
    }

    @Test
    void followsTheImportMapOfThePage() {
      String page = "<head><script type=\"importmap\">\n{\"imports\":{}}\n</script></head>";
      assertThat(ContentSecurityPolicy.forPage(page).header())
          .contains(
              "script-src 'self' '" + ContentSecurityPolicy.hashOf("\n{\"imports\":{}}\n") + "'");
    }
  }

  @Nested
  class ThePolicy {

    @Test
    void allowsNoInlineScriptOrStyleAndNoFraming() throws IOException {
      String html = Files.readString(Path.of("src/main/webapp/index.html"));
      String header = ContentSecurityPolicy.forPage(html).header();
      assertThat(header)
          .startsWith("default-src 'none'")
          .contains(
              "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
          .doesNotContain("unsafe");
    }

    @Test
    void letsThePageFetchFromTheSsoIssuerOnlyWhenSsoIsConfigured() throws IOException {
      String html = Files.readString(Path.of("src/main/webapp/index.html"));
      assertThat(ContentSecurityPolicy.forPage(html, Optional.empty()).header())
          .contains("connect-src 'self';");
      assertThat(
              ContentSecurityPolicy.forPage(html, Optional.of("https://sso.example.org:8443"))
                  .header())
          .contains("connect-src 'self' https://sso.example.org:8443;");
    }

    @Test
    void refusesAPageWithoutOrWithTwoImportMaps() {
      assertThatThrownBy(() -> ContentSecurityPolicy.forPage("<html></html>"))
          .isInstanceOf(IllegalStateException.class);
      String two = "<script type=\"importmap\">{}</script><script type=\"importmap\">{}</script>";
      assertThatThrownBy(() -> ContentSecurityPolicy.forPage(two))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  class ThePage {

    @Test
    void hasNoInlineScriptBesideTheImportMapAndNoInlineStyle() throws IOException {
      String html = Files.readString(Path.of("src/main/webapp/index.html"));
      assertThat(html.split("<script", -1)).hasSize(3);
      assertThat(html).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
      assertThat(html).doesNotContain("<style").doesNotContain("style=").doesNotContain("onclick");
    }
  }
}
