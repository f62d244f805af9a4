package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.staffing.control.OutboxStore.Recorded;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;

class OutboxStoreTest {

  private static final Instant NOW = Instant.parse("2027-03-08T09:00:00Z");

  @Test
  void retriesWaitOneTwoFourMinutesAndSoOnAtMostAnHour() {
    assertThat(OutboxStore.retryAt(1, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(OutboxStore.retryAt(2, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(OutboxStore.retryAt(3, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(OutboxStore.retryAt(7, NOW, OutboxStore.BACKOFF))
        .isEqualTo(NOW.plus(Duration.ofMinutes(60)));
  }

  @Test
  void theBackoffIsConfigurable() {
    assertThat(OutboxStore.retryAt(3, NOW, Duration.ofSeconds(1)))
        .isEqualTo(NOW.plus(Duration.ofSeconds(4)));
  }

  @Test
  void afterTheLastAttemptThereIsNoRetry() {
    assertThat(OutboxStore.retryAt(OutboxStore.MAX_ATTEMPTS, NOW, OutboxStore.BACKOFF)).isNull();
  }

  @Test
  void aMessageIsStillTheTakingOnlyWhileSendingWithTheTakingsAttempts() {
    assertThat(OutboxStore.stillTaken(OutboxMessage.SENDING, 2, 2)).isTrue();
    // Taken again by another instance after this one's lease ran out.
    assertThat(OutboxStore.stillTaken(OutboxMessage.SENDING, 3, 2)).isFalse();
    assertThat(OutboxStore.stillTaken(OutboxMessage.QUEUED, 2, 2)).isFalse();
    assertThat(OutboxStore.stillTaken(OutboxMessage.CANCELLED, 2, 2)).isFalse();
    assertThat(OutboxStore.stillTaken(OutboxMessage.SENT, 2, 2)).isFalse();
  }

  @Test
  void aSendThatWentOutIsRecordedSentWhileTheMessageIsStillTheTaking() {
    assertThat(OutboxStore.afterSent(OutboxMessage.SENDING, 1, 1)).isEqualTo(Recorded.SENT);
  }

  @Test
  void aSendThatWentOutIsRecordedSentEvenWhenTheMessageWasCancelledMeanwhile() {
    // Queued again by another taking's failure, then cancelled by an admin: the mail left all the
    // same, whichever taking's attempts the row holds.
    assertThat(OutboxStore.afterSent(OutboxMessage.CANCELLED, 1, 1))
        .isEqualTo(Recorded.SENT_THOUGH_CANCELLED);
    assertThat(OutboxStore.afterSent(OutboxMessage.CANCELLED, 2, 1))
        .isEqualTo(Recorded.SENT_THOUGH_CANCELLED);
    assertThat(Recorded.SENT_THOUGH_CANCELLED.sent()).isTrue();
  }

  @Test
  void aStaleSendThatWentOutLeavesTheNewerTakingsStateAlone() {
    assertThat(OutboxStore.afterSent(OutboxMessage.SENDING, 2, 1)).isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterSent(OutboxMessage.QUEUED, 2, 1)).isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterSent(OutboxMessage.SENT, 2, 1)).isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterSent(OutboxMessage.FAILED, 2, 1)).isEqualTo(Recorded.NOT_OURS);
    assertThat(Recorded.NOT_OURS.sent()).isFalse();
  }

  @Test
  void aFailedAttemptOfTheTakingIsQueuedAgainOrFailsForGoodWithoutARetry() {
    assertThat(OutboxStore.afterFailure(OutboxMessage.SENDING, 1, 1, NOW))
        .isEqualTo(Recorded.QUEUED_AGAIN);
    assertThat(OutboxStore.afterFailure(OutboxMessage.SENDING, 1, 1, null))
        .isEqualTo(Recorded.FAILED_FOR_GOOD);
  }

  @Test
  void aFailedAttemptLeavesACancelledMessageCancelled() {
    assertThat(OutboxStore.afterFailure(OutboxMessage.CANCELLED, 1, 1, NOW))
        .isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterFailure(OutboxMessage.CANCELLED, 2, 1, null))
        .isEqualTo(Recorded.NOT_OURS);
  }

  @Test
  void aStaleFailedAttemptLeavesTheNewerTakingsStateAlone() {
    assertThat(OutboxStore.afterFailure(OutboxMessage.SENDING, 2, 1, NOW))
        .isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterFailure(OutboxMessage.SENT, 2, 1, NOW))
        .isEqualTo(Recorded.NOT_OURS);
    assertThat(OutboxStore.afterFailure(OutboxMessage.QUEUED, 2, 1, null))
        .isEqualTo(Recorded.NOT_OURS);
  }
}
