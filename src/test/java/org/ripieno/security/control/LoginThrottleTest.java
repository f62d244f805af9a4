package org.ripieno.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.security.control.LoginThrottle.Failures;
import org.ripieno.security.control.LoginThrottle.Limits;

class LoginThrottleTest {

  private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Limits DEFAULTS =
      new Limits(Limits.PER_USERNAME, Limits.PER_ADDRESS, WINDOW);
  private static final Failures NONE = new Failures(0, null);

  private static Failures failures(long count, Duration ago) {
    return new Failures(count, NOW.minus(ago));
  }

  @Test
  void theAddressLimitIsMuchHigherThanTheUsernameLimitByDefault() {
    assertThat(Limits.PER_USERNAME).isEqualTo(5);
    assertThat(Limits.PER_ADDRESS).isGreaterThanOrEqualTo(10 * Limits.PER_USERNAME);
  }

  @Nested
  class PerUsername {

    @Test
    void fourFailuresLeaveTheFifthTry() {
      assertThat(DEFAULTS.waitBeforeTrying(failures(4, Duration.ofMinutes(1)), NONE, NOW))
          .isEmpty();
    }

    @Test
    void fiveFailuresWaitUntilTheOldestLeavesTheWindow() {
      assertThat(DEFAULTS.waitBeforeTrying(failures(5, Duration.ofMinutes(10)), NONE, NOW))
          .contains(Duration.ofMinutes(5));
    }
  }

  @Nested
  class PerAddress {

    @Test
    void failuresOfManyUsernamesFromOneAddressBelowItsLimitHoldNobodyBack() {
      assertThat(
              DEFAULTS.waitBeforeTrying(
                  NONE, failures(Limits.PER_ADDRESS - 1, Duration.ofMinutes(1)), NOW))
          .isEmpty();
    }

    @Test
    void theAddressLimitReachedHoldsBackEveryUsernameFromThatAddress() {
      assertThat(
              DEFAULTS.waitBeforeTrying(
                  NONE, failures(Limits.PER_ADDRESS, Duration.ofMinutes(14)), NOW))
          .contains(Duration.ofMinutes(1));
    }

    @Test
    void aConfiguredAddressLimitIsItsOwn() {
      Limits strict = new Limits(5, 3, WINDOW);
      assertThat(strict.waitBeforeTrying(NONE, failures(3, Duration.ofMinutes(1)), NOW))
          .isPresent();
      assertThat(strict.waitBeforeTrying(failures(3, Duration.ofMinutes(1)), NONE, NOW)).isEmpty();
    }
  }

  @Test
  void aWaitIsNeverZeroOrNegative() {
    assertThat(DEFAULTS.waitBeforeTrying(failures(5, WINDOW.plusSeconds(3)), NONE, NOW))
        .contains(Duration.ofSeconds(1));
  }
}
