package org.ripieno.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void aGeneratedKeyHasTheLegacyShapeAndOnlyItsHashIsKept() {
    ApiKeys.Generated generated = ApiKeys.generate("alpha");

    assertThat(generated.key()).matches("sk_alpha_[0-9a-f]{48}");
    assertThat(generated.hash()).startsWith("sha256:").doesNotContain(generated.key());
    assertThat(generated.last4())
        .isEqualTo(generated.key().substring(generated.key().length() - 4));
    assertThat(generated.toString()).doesNotContain(generated.key());
  }

  @Test
  void onlyTheGeneratedKeyMatchesItsHash() {
    ApiKeys.Generated generated = ApiKeys.generate("alpha");

    assertThat(ApiKeys.matches(generated.key(), generated.hash())).isTrue();
    assertThat(ApiKeys.matches(ApiKeys.generate("alpha").key(), generated.hash())).isFalse();
    assertThat(ApiKeys.matches(null, generated.hash())).isFalse();
  }
}
