package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

  @Test
  void aPoolNeedsTwoConnectionsAndTheCeilingAtLeastOnePool() {
    assertThatThrownBy(
            () -> new RegistrySettings(1, 10, Duration.ofMinutes(1), Duration.ofSeconds(1), false))
        .hasMessageContaining("2 <= ripieno.pool.max-per-orchestra");
    assertThatThrownBy(
            () -> new RegistrySettings(5, 4, Duration.ofMinutes(1), Duration.ofSeconds(1), false))
        .hasMessageContaining("<= ripieno.pool.ceiling");
  }

  @Test
  void theIdleTimeoutHasHikarisFloor() {
    RegistrySettings settings =
        new RegistrySettings(2, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), false);

    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
  }
}
