package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.staffing.control.DueRules.PendingRequest;

class DueRulesTest {

  private static final Instant SENT = Instant.parse("2033-01-10T08:00:00Z");

  @Nested
  class Timers {

    @Test
    void theReminderIsDueAtThePercentageOfTheResponseTime() {
      assertThat(DueRules.reminderAt(SENT, 48, 75)).isEqualTo(SENT.plusSeconds(36 * 3600));
    }

    @Test
    void aNeedWithoutResponseTimeCountsTwentyFourHours() {
      assertThat(DueRules.reminderAt(SENT, null, 50)).isEqualTo(SENT.plusSeconds(12 * 3600));
      assertThat(DueRules.timeoutAt(SENT, null)).isEqualTo(SENT.plusSeconds(24 * 3600));
    }

    @Test
    void theTimeoutIsDueAtTheEndOfTheResponseTime() {
      assertThat(DueRules.timeoutAt(SENT, 6)).isEqualTo(SENT.plusSeconds(6 * 3600));
    }
  }

  @Nested
  class Next {

    @Test
    void nothingPendingAndNothingQueuedIsNeverDue() {
      assertThat(DueRules.next(List.of(), Optional.empty(), 75)).isEmpty();
    }

    @Test
    void aRequestNotYetRemindedIsDueAtItsReminder() {
      assertThat(DueRules.next(List.of(new PendingRequest(SENT, 24, false)), Optional.empty(), 75))
          .contains(SENT.plusSeconds(18 * 3600));
    }

    @Test
    void aRemindedRequestIsDueAtItsTimeout() {
      assertThat(DueRules.next(List.of(new PendingRequest(SENT, 24, true)), Optional.empty(), 75))
          .contains(SENT.plusSeconds(24 * 3600));
    }

    @Test
    void aQueuedMessageEarlierThanEveryTimerComesFirst() {
      Instant retry = SENT.plusSeconds(60);
      assertThat(
              DueRules.next(List.of(new PendingRequest(SENT, 24, false)), Optional.of(retry), 75))
          .contains(retry);
    }

    @Test
    void theEarliestOfSeveralRequestsWins() {
      assertThat(
              DueRules.next(
                  List.of(
                      new PendingRequest(SENT, 48, false),
                      new PendingRequest(SENT.plusSeconds(3600), 2, true)),
                  Optional.of(SENT.plusSeconds(30 * 3600)),
                  75))
          .contains(SENT.plusSeconds(3 * 3600));
    }

    @Test
    void aRequestNeverSentIsNotDue() {
      assertThat(DueRules.next(List.of(new PendingRequest(null, 24, false)), Optional.empty(), 75))
          .isEmpty();
    }
  }

  @Nested
  class MessagesWaitingForTheirSlot {

    private final Instant now = SENT;

    @Test
    void aMessageDueNowWhoseSlotIsAheadIsDueAtTheSlotNotNow() {
      // A run that stopped for the slot must not leave its orchestra due at once (round and round).
      Instant slot = now.plusMillis(450);
      assertThat(DueRules.nextMessageAt(Map.of("email", now), Map.of("email", slot)))
          .contains(slot);
    }

    @Test
    void aMessageDueAfterItsSlotIsDueAtItsOwnTime() {
      Instant retry = now.plusSeconds(60);
      assertThat(
              DueRules.nextMessageAt(Map.of("email", retry), Map.of("email", now.plusMillis(500))))
          .contains(retry);
    }

    @Test
    void anotherChannelsSlotHoldsNothingBack() {
      Instant slot = now.plusMillis(500);
      assertThat(DueRules.nextMessageAt(Map.of("email", now, "sms", now), Map.of("sms", slot)))
          .contains(now);
      assertThat(
              DueRules.nextMessageAt(
                  Map.of("email", now.plusSeconds(5), "sms", now), Map.of("sms", slot)))
          .contains(slot);
    }

    @Test
    void nothingQueuedIsNeverDueWhateverTheSlots() {
      assertThat(DueRules.nextMessageAt(Map.of(), Map.of("email", now.plusMillis(500)))).isEmpty();
    }
  }
}
