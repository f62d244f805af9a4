package org.ripieno.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentAccountsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RecentAccounts<String> recent =
      new RecentAccounts<>(Duration.ofMillis(500), now::get);
  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<Optional<String>> central(String row) {
    return () -> {
      reads.incrementAndGet();
      return Optional.ofNullable(row);
    };
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void aSecondRequestWithinTheLifetimeReusesTheFirstRead() {
    assertThat(recent.get("u1", central("v1"))).contains("v1");
    advance(Duration.ofMillis(499));

    assertThat(recent.get("u1", central("v2"))).contains("v1");
    assertThat(reads).hasValue(1);
  }

  @Test
  void aReadAsOldAsTheLifetimeIsReadAgain() {
    recent.get("u1", central("v1"));
    advance(Duration.ofMillis(500));

    assertThat(recent.get("u1", central("v2"))).contains("v2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void theLifetimeCountsFromWhenTheReadBegan() {
    // A slow read: the row it returns may be as old as its start.
    recent.get(
        "u1",
        () -> {
          advance(Duration.ofMillis(300));
          return Optional.of("v1");
        });
    advance(Duration.ofMillis(200));

    assertThat(recent.get("u1", central("v2"))).contains("v2");
  }

  @Test
  void eachAccountIsKeptApart() {
    recent.get("u1", central("v1"));

    assertThat(recent.get("u2", central("w1"))).contains("w1");
    assertThat(recent.get("u1", central("x"))).contains("v1");
  }

  @Test
  void anAbsentAccountIsReadAgainAtEveryRequest() {
    assertThat(recent.get("gone", central(null))).isEmpty();
    assertThat(recent.get("gone", central(null))).isEmpty();

    assertThat(reads).hasValue(2);
    assertThat(recent.size()).isZero();
  }

  @Test
  void aChangeOnThisInstanceIsSeenByTheNextRequest() {
    recent.get("u1", central("v1"));

    recent.forgetAll();

    assertThat(recent.get("u1", central("v2"))).contains("v2");
  }

  @Test
  void aReadUnderWayWhileAChangeEndsIsNotKept() {
    // The read saw the row before the change committed; the change forgot everything meanwhile.
    Optional<String> seen =
        recent.get(
            "u1",
            () -> {
              recent.forgetAll();
              return Optional.of("before the change");
            });

    assertThat(seen).contains("before the change");
    assertThat(recent.get("u1", central("after the change"))).contains("after the change");
  }

  @Test
  void aZeroLifetimeReadsAtEveryRequest() {
    RecentAccounts<String> never = new RecentAccounts<>(Duration.ZERO, now::get);
    never.get("u1", central("v1"));

    assertThat(never.get("u1", central("v2"))).contains("v2");
    assertThat(never.size()).isZero();
  }

  @Test
  void pastItsCapacityExpiredAccountsAreDropped() {
    for (int i = 0; i < RecentAccounts.CAPACITY; i++) {
      recent.get("old-" + i, central("v"));
    }
    assertThat(recent.size()).isEqualTo(RecentAccounts.CAPACITY);
    advance(Duration.ofSeconds(1));

    recent.get("fresh", central("v"));

    assertThat(recent.size()).isEqualTo(1);
    assertThat(recent.get("fresh", central("other"))).contains("v");
  }

  @Test
  void pastItsCapacityWithNothingExpiredEverythingIsDropped() {
    for (int i = 0; i <= RecentAccounts.CAPACITY + 1; i++) {
      recent.get("u" + i, central("v"));
    }

    assertThat(recent.size()).isLessThanOrEqualTo(RecentAccounts.CAPACITY);
  }

  @Test
  void aNegativeLifetimeIsRefused() {
    assertThatThrownBy(() -> new RecentAccounts<String>(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
