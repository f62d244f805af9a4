package org.ripieno.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoBrowserClientTest {

  @Test
  void isConfiguredOnlyWithBothTheIssuerAndTheClientId() {
    assertThat(
            SsoBrowserClient.of(Optional.of("https://sso.example.org/realms/o"), Optional.empty()))
        .isEmpty();
    assertThat(SsoBrowserClient.of(Optional.empty(), Optional.of("ripieno-web"))).isEmpty();
    assertThat(
            SsoBrowserClient.of(
                Optional.of(" https://sso.example.org/realms/o "), Optional.of("ripieno-web")))
        .contains(
            new SsoBrowserClient.Config(true, "https://sso.example.org/realms/o", "ripieno-web"));
  }

  @Test
  void theIssuersOriginIsItsSchemeHostAndPort() {
    assertThat(SsoBrowserClient.originOf("https://sso.example.org/realms/orchestras"))
        .isEqualTo("https://sso.example.org");
    assertThat(SsoBrowserClient.originOf("http://127.0.0.1:8180/realms/orchestras"))
        .isEqualTo("http://127.0.0.1:8180");
    assertThatThrownBy(() -> SsoBrowserClient.originOf("javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
