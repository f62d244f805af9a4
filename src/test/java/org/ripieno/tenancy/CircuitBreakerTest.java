package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofSeconds(2), now::get);

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void aClosedBreakerLetsEveryCallThrough() {
    assertThat(breaker.tryCall()).isTrue();
    assertThat(breaker.tryCall()).isTrue();
    assertThat(breaker.isRefusing()).isFalse();
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void afterAFailureCallsAreRefusedUntilTheOpenTimeIsUp() {
    breaker.failed();
    assertThat(breaker.tryCall()).isFalse();
    assertThat(breaker.isRefusing()).isTrue();
    assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    advance(Duration.ofMillis(1_500));
    assertThat(breaker.tryCall()).isFalse();
    assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void whenTheTimeIsUpOneTrialGoesThroughAndTheOthersAreStillRefused() {
    breaker.failed();
    advance(Duration.ofSeconds(2));
    assertThat(breaker.isRefusing()).isFalse();
    assertThat(breaker.tryCall()).as("the trial").isTrue();
    assertThat(breaker.tryCall()).as("while the trial runs").isFalse();
    assertThat(breaker.isRefusing()).isTrue();
  }

  @Test
  void aSuccessfulTrialClosesTheBreaker() {
    breaker.failed();
    advance(Duration.ofSeconds(2));
    assertThat(breaker.tryCall()).isTrue();
    breaker.succeeded();
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.tryCall()).isTrue();
    assertThat(breaker.tryCall()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgainForTheWholeTime() {
    breaker.failed();
    advance(Duration.ofSeconds(2));
    assertThat(breaker.tryCall()).isTrue();
    breaker.failed();
    assertThat(breaker.tryCall()).isFalse();
    advance(Duration.ofMillis(1_999));
    assertThat(breaker.tryCall()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(breaker.tryCall()).isTrue();
  }

  @Test
  void aTrialThatNeverReportsExpiresSoTheBreakerCannotStayHalfOpen() {
    breaker.failed();
    advance(Duration.ofSeconds(2));
    assertThat(breaker.tryCall()).isTrue();
    advance(Duration.ofMillis(1_999));
    assertThat(breaker.tryCall()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(breaker.tryCall()).as("a new trial").isTrue();
  }
}
