package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.staffing.control.AnswerRules.Decision;
import org.ripieno.orchestra.staffing.control.AnswerRules.Refusal;
import org.ripieno.orchestra.staffing.control.AnswerRules.Situation;

class AnswerRulesTest {

  private static Situation need(
      RequestStrategy strategy, NeedStatus status, int quantity, int accepted) {
    return new Situation(strategy, status, quantity, accepted);
  }

  @Nested
  class OnAccept {

    @Test
    void aSequentialAcceptCompletesTheNeedAndSendsNothing() {
      Decision decision =
          AnswerRules.accept(need(RequestStrategy.SEQUENTIAL, NeedStatus.ACTIVE, 1, 0));

      assertThat(decision).isEqualTo(new Decision(true, true, false, false));
    }

    @Test
    void aParallelAcceptBeforeTheLastPlaceSendsNothingAndCompletesNothing() {
      assertThat(AnswerRules.accept(need(RequestStrategy.PARALLEL, NeedStatus.ACTIVE, 5, 0)))
          .isEqualTo(new Decision(true, false, false, false));
    }

    @Test
    void theParallelAcceptThatFillsTheNeedCompletesItWithoutCancellingAnyone() {
      assertThat(AnswerRules.accept(need(RequestStrategy.PARALLEL, NeedStatus.ACTIVE, 5, 4)))
          .isEqualTo(new Decision(true, true, false, false));
    }

    @Test
    void theFirstComeAcceptThatFillsTheNeedCompletesItAndCancelsThePendingOnes() {
      assertThat(AnswerRules.accept(need(RequestStrategy.FIRST_COME, NeedStatus.ACTIVE, 3, 2)))
          .isEqualTo(new Decision(true, true, true, false));
    }

    @Test
    void anAcceptAfterTheNeedIsFilledIsNotTaken() {
      assertThat(AnswerRules.accept(need(RequestStrategy.FIRST_COME, NeedStatus.COMPLETED, 3, 3)))
          .isEqualTo(new Decision(false, false, false, false));
    }

    @Test
    void aPausedNeedThatFillsIsCompleted() {
      assertThat(
              AnswerRules.accept(need(RequestStrategy.SEQUENTIAL, NeedStatus.PAUSED, 1, 0))
                  .complete())
          .isTrue();
    }

    @Test
    void anArchivedNeedThatFillsStaysArchived() {
      assertThat(AnswerRules.accept(need(RequestStrategy.SEQUENTIAL, NeedStatus.ARCHIVED, 1, 0)))
          .isEqualTo(new Decision(true, false, false, false));
    }
  }

  @Nested
  class OnDecline {

    @Test
    void everyStrategyRefillsAnActiveUnfilledNeed() {
      for (RequestStrategy strategy : RequestStrategy.values()) {
        assertThat(AnswerRules.decline(need(strategy, NeedStatus.ACTIVE, 3, 1)).refill())
            .as(strategy.value())
            .isTrue();
      }
    }

    @Test
    void aPausedNeedSendsNoReplacementUntilResumed() {
      assertThat(AnswerRules.decline(need(RequestStrategy.PARALLEL, NeedStatus.PAUSED, 3, 0)))
          .isEqualTo(new Decision(true, false, false, false));
    }

    @Test
    void aCompletedOrFilledNeedSendsNoReplacement() {
      assertThat(
              AnswerRules.decline(need(RequestStrategy.PARALLEL, NeedStatus.COMPLETED, 3, 1))
                  .refill())
          .isFalse();
      assertThat(
              AnswerRules.decline(need(RequestStrategy.PARALLEL, NeedStatus.ACTIVE, 3, 3)).refill())
          .isFalse();
    }
  }

  @Nested
  class WhichLinksAnswer {

    @Test
    void aPendingUnexpiredRequestAnswers() {
      assertThat(AnswerRules.refusal("pending", false, false, false)).isEmpty();
    }

    @Test
    void aUsedTokenOrAnAnsweredRequestIsAlreadyAnswered() {
      assertThat(AnswerRules.refusal("pending", true, false, false)).contains(Refusal.ANSWERED);
      assertThat(AnswerRules.refusal("accepted", false, true, false)).contains(Refusal.ANSWERED);
      assertThat(AnswerRules.refusal("declined", false, false, false)).contains(Refusal.ANSWERED);
    }

    @Test
    void aRequestCancelledBecauseThePositionFilledSaysSo() {
      assertThat(AnswerRules.refusal("cancelled", false, false, true)).contains(Refusal.FILLED);
    }

    @Test
    void aTimedOutOrOtherwiseCancelledRequestIsClosed() {
      assertThat(AnswerRules.refusal("timed_out", false, true, false)).contains(Refusal.CLOSED);
      assertThat(AnswerRules.refusal("cancelled", false, false, false)).contains(Refusal.CLOSED);
    }

    @Test
    void aPendingRequestPastItsDeadlineHasExpired() {
      assertThat(AnswerRules.refusal("pending", false, true, false)).contains(Refusal.EXPIRED);
    }
  }
}
