package org.ripieno.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountCacheSettingTest {

  @Test
  void anythingFromZeroToOneSecondIsAccepted() {
    assertThat(SecurityComponents.accountCache(Duration.ZERO)).isZero();
    assertThat(SecurityComponents.accountCache(Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void longerThanTheSecondThatRevocationIsPromisedInIsRefused() {
    assertThatThrownBy(() -> SecurityComponents.accountCache(Duration.ofMillis(1001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ripieno.token.account-cache")
        .hasMessageContaining("within a second");
  }

  @Test
  void aNegativeLifetimeIsRefused() {
    assertThatThrownBy(() -> SecurityComponents.accountCache(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
