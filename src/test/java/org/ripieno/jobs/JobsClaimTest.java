package org.ripieno.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JobsClaimTest {

  private static final Instant START = Instant.parse("2033-01-10T08:00:00.123456Z");
  private static final Duration CLAIM = Duration.ofSeconds(30);

  private Clock clock = Clock.fixed(START, ZoneOffset.UTC);

  @Test
  void aClaimEndsOneClaimLengthAfterItIsTakenToTheMillisecond() {
    JobsClaim claim = JobsClaim.takenAt(clock.instant(), CLAIM);

    assertThat(claim.until()).isEqualTo(Instant.parse("2033-01-10T08:00:30.123Z"));
    assertThat(claim.held()).isTrue();
  }

  @Test
  void theHolderRenewsEveryThirdOfTheClaim() {
    assertThat(JobsClaim.takenAt(clock.instant(), CLAIM).renewEvery())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aLiveRunRenewingItsClaimIsNeverTakenByAnotherInstance() {
    JobsClaim claim = JobsClaim.takenAt(clock.instant(), CLAIM);
    // A run of ten minutes, renewed at every beat; another instance looks every second.
    for (int second = 1; second <= 600; second++) {
      advance(Duration.ofSeconds(1));
      if (second % claim.renewEvery().toSeconds() == 0) {
        claim.renewed(claim.renewedUntil(clock.instant()));
      }
      assertThat(JobsClaim.takeable(claim.until(), clock.instant()))
          .as("at %d s", second)
          .isFalse();
    }
  }

  @Test
  void aRenewalMayComeLateByAWholeBeatAndTheClaimStillStands() {
    JobsClaim claim = JobsClaim.takenAt(clock.instant(), CLAIM);

    advance(claim.renewEvery().multipliedBy(2));

    assertThat(JobsClaim.takeable(claim.until(), clock.instant())).isFalse();
  }

  @Test
  void aDeadHoldersClaimRunsOutWithinOneClaimLengthOfItsLastRenewal() {
    JobsClaim claim = JobsClaim.takenAt(clock.instant(), CLAIM);
    advance(Duration.ofSeconds(10));
    claim.renewed(claim.renewedUntil(clock.instant()));
    // Killed right after that renewal.

    advance(CLAIM.minusSeconds(1));
    assertThat(JobsClaim.takeable(claim.until(), clock.instant())).isFalse();
    advance(Duration.ofSeconds(1));
    assertThat(JobsClaim.takeable(claim.until(), clock.instant())).isTrue();
  }

  @Test
  void aLostClaimIsNoLongerHeld() {
    JobsClaim claim = JobsClaim.takenAt(clock.instant(), CLAIM);

    claim.lose();

    assertThat(claim.held()).isFalse();
  }

  @Test
  void anOrchestraWithoutADueTimeIsNotTakenByAnOrdinaryPass() {
    assertThat(JobsClaim.takeable(null, clock.instant())).isFalse();
  }

  @Test
  void aClaimTooShortToBeRenewedInTimeIsRefused() {
    assertThatThrownBy(() -> JobsClaim.takenAt(clock.instant(), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ripieno.jobs.claim");
  }

  private void advance(Duration by) {
    clock = Clock.offset(clock, by);
  }
}
