package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.web.ProblemException;

class HandRulesTest {

  private static ProblemException refused(Executable action) {
    ProblemException refusal =
        catchThrowableOfType(
            () -> {
              try {
                action.execute();
              } catch (Throwable e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
              }
            },
            ProblemException.class);
    assertThat(refusal).as("refused").isNotNull();
    return refusal;
  }

  private static String english(ProblemException refusal) {
    return refusal.text().in(Locale.ENGLISH);
  }

  private static String swedish(ProblemException refusal) {
    return refusal.text().in(Locale.forLanguageTag("sv"));
  }

  @Nested
  class RecordedAnswers {

    @Test
    void aPendingRequestBeforeItsDeadlineIsAnsweredEitherWay() {
      assertThatCode(() -> HandRules.answerable("REQ001", "pending", false, true, "NEED001", 1, 2))
          .doesNotThrowAnyException();
      assertThatCode(() -> HandRules.answerable("REQ001", "pending", false, false, "NEED001", 2, 2))
          .doesNotThrowAnyException();
    }

    @Test
    void anAnsweredOrClosedRequestIsRefusedNamingItsStatus() {
      for (String status : new String[] {"accepted", "declined", "timed_out", "cancelled"}) {
        ProblemException refusal =
            refused(() -> HandRules.answerable("REQ007", status, false, true, "NEED001", 0, 1));

        assertThat(refusal.status().getStatusCode()).isEqualTo(409);
        assertThat(english(refusal))
            .isEqualTo("The request REQ007 is " + status + ": only a pending request is answered.");
        assertThat(swedish(refusal)).startsWith("Förfrågan REQ007 är " + status);
      }
    }

    @Test
    void aRequestPastItsDeadlineIsRefused() {
      ProblemException refusal =
          refused(() -> HandRules.answerable("REQ002", "pending", true, false, "NEED001", 0, 1));

      assertThat(english(refusal)).contains("past its deadline");
    }

    @Test
    void anAcceptWhenTheNeedIsFilledIsRefusedButADeclineIsTaken() {
      ProblemException refusal =
          refused(() -> HandRules.answerable("REQ003", "pending", false, true, "NEED004", 2, 2));

      assertThat(english(refusal))
          .isEqualTo(
              "The need NEED004 is already filled (2 of 2 accepted): cancel the request REQ003"
                  + " instead.");
      assertThatCode(() -> HandRules.answerable("REQ003", "pending", false, false, "NEED004", 2, 2))
          .doesNotThrowAnyException();
    }

    @Test
    void aNoteIsOptionalTrimmedAndLimited() {
      assertThat(HandRules.note(null)).isNull();
      assertThat(HandRules.note("  ")).isNull();
      assertThat(HandRules.note(" ringde tisdag ")).isEqualTo("ringde tisdag");
      assertThat(HandRules.note("x".repeat(HandRules.MAX_NOTE))).hasSize(HandRules.MAX_NOTE);
      assertThat(refused(() -> HandRules.note("x".repeat(HandRules.MAX_NOTE + 1))).status())
          .isEqualTo(jakarta.ws.rs.core.Response.Status.BAD_REQUEST);
    }
  }

  @Nested
  class RequestActions {

    @Test
    void onlyAnAcceptedMusicianIsWithdrawn() {
      assertThatCode(() -> HandRules.withdrawable("REQ001", "accepted")).doesNotThrowAnyException();
      for (String status : new String[] {"pending", "declined", "timed_out", "cancelled"}) {
        assertThat(english(refused(() -> HandRules.withdrawable("REQ001", status))))
            .isEqualTo(
                "The request REQ001 is " + status + ": only an accepted musician is withdrawn.");
      }
    }

    @Test
    void onlyAPendingRequestIsCancelled() {
      assertThatCode(() -> HandRules.cancellable("REQ001", "pending")).doesNotThrowAnyException();
      assertThat(english(refused(() -> HandRules.cancellable("REQ001", "accepted"))))
          .isEqualTo("The request REQ001 is accepted: only a pending request is cancelled.");
    }

    @Test
    void onlyAPendingRequestWhoseLinkStillAnswersIsSentAgain() {
      assertThatCode(() -> HandRules.resendable("REQ001", "pending", false))
          .doesNotThrowAnyException();
      assertThat(english(refused(() -> HandRules.resendable("REQ001", "declined", false))))
          .contains("only a pending request is sent again");
      assertThat(english(refused(() -> HandRules.resendable("REQ001", "pending", true))))
          .contains("past its deadline");
    }
  }

  @Nested
  class Needs {

    @Test
    void aWithdrawalReopensOnlyACompletedNeedThatLacksAPlayerNow() {
      assertThat(HandRules.reopens(NeedStatus.COMPLETED, 3, 2)).isTrue();
      assertThat(HandRules.reopens(NeedStatus.COMPLETED, 2, 2)).isFalse();
      assertThat(HandRules.reopens(NeedStatus.ACTIVE, 3, 2)).isFalse();
      assertThat(HandRules.reopens(NeedStatus.PAUSED, 3, 2)).isFalse();
      assertThat(HandRules.reopens(NeedStatus.ARCHIVED, 3, 2)).isFalse();
    }

    @Test
    void aCancelledProjectClosesItsActiveAndPausedNeedsOnly() {
      assertThat(HandRules.closedWithProject(NeedStatus.ACTIVE)).isTrue();
      assertThat(HandRules.closedWithProject(NeedStatus.PAUSED)).isTrue();
      assertThat(HandRules.closedWithProject(NeedStatus.COMPLETED)).isFalse();
      assertThat(HandRules.closedWithProject(NeedStatus.ARCHIVED)).isFalse();
    }

    @Test
    void aProjectWithNothingOpenIsNotCancelledAgain() {
      assertThatCode(() -> HandRules.projectCancellable("PROJ001", 1, 0))
          .doesNotThrowAnyException();
      assertThatCode(() -> HandRules.projectCancellable("PROJ001", 0, 1))
          .doesNotThrowAnyException();
      ProblemException refusal = refused(() -> HandRules.projectCancellable("PROJ001", 0, 0));
      assertThat(refusal.status().getStatusCode()).isEqualTo(409);
      assertThat(swedish(refusal)).startsWith("Projektet PROJ001 har inget att avbryta");
    }

    @Test
    void onlyAResumedNeedThatWasAlreadySentSendsOnResume() {
      assertThat(HandRules.resumeSends(NeedStatus.PAUSED, NeedStatus.ACTIVE, 3)).isTrue();
      assertThat(HandRules.resumeSends(NeedStatus.PAUSED, NeedStatus.ACTIVE, 0)).isFalse();
      assertThat(HandRules.resumeSends(NeedStatus.ACTIVE, NeedStatus.PAUSED, 3)).isFalse();
      assertThat(HandRules.resumeSends(NeedStatus.PAUSED, NeedStatus.COMPLETED, 3)).isFalse();
    }
  }
}
