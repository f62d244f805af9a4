package org.ripieno.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseTokensTest {

  @Test
  void aTokenIsTheOrchestraIdADotAndAtLeast128RandomBitsInBase64UrlWithoutPadding() {
    String token = ResponseTokens.newToken("orch-a");

    assertThat(token).startsWith("orch-a.").doesNotContain("=", "+", "/");
    String secret = token.substring("orch-a.".length());
    assertThat(secret).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(secret).length * 8).isGreaterThanOrEqualTo(128);
  }

  @Test
  void everyTokenIsNew() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      tokens.add(ResponseTokens.newToken("orch-a"));
    }
    assertThat(tokens).hasSize(1000);
  }

  @Test
  void theOrchestraIsReadFromThePrefix() {
    assertThat(ResponseTokens.orchestraOf(ResponseTokens.newToken("cm1x2y3"))).contains("cm1x2y3");
  }

  @Test
  void aLegacyCuidOrAMalformedValueNamesNoOrchestra() {
    assertThat(ResponseTokens.orchestraOf("clx8k2j9a0000qwerty")).isEmpty();
    assertThat(ResponseTokens.orchestraOf(".secret")).isEmpty();
    assertThat(ResponseTokens.orchestraOf("orch.")).isEmpty();
    assertThat(ResponseTokens.orchestraOf("o." + "x".repeat(300))).isEmpty();
  }

  @Test
  void onlyShortAsciiTokenCharactersArePlausible() {
    assertThat(ResponseTokens.plausible(ResponseTokens.newToken("orch-a"))).isTrue();
    assertThat(ResponseTokens.plausible("clx8k2j9a0000qwerty")).isTrue();
    assertThat(ResponseTokens.plausible("a b")).isFalse();
    assertThat(ResponseTokens.plausible("<script>")).isFalse();
    assertThat(ResponseTokens.plausible("")).isFalse();
  }
}
