package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class NeedRulesTest {

  private static ProblemException refusal(Runnable check) {
    try {
      check.run();
    } catch (ProblemException refused) {
      return refused;
    }
    throw new AssertionError("not refused");
  }

  @Nested
  class StrategyAndQuantity {

    @Test
    void sequentialAsksForExactlyOne() {
      assertThatCode(() -> NeedRules.combination(RequestStrategy.SEQUENTIAL, 1, null))
          .doesNotThrowAnyException();
      ProblemException refused =
          refusal(() -> NeedRules.combination(RequestStrategy.SEQUENTIAL, 2, null));
      assertThat(refused.status()).isEqualTo(Response.Status.BAD_REQUEST);
      assertThat(refused.text().in(Locale.forLanguageTag("sv")))
          .isEqualTo("Sekventiell strategi måste ha antal = 1.");
    }

    @Test
    void parallelNeedsAtLeastTwo() {
      assertThatCode(() -> NeedRules.combination(RequestStrategy.PARALLEL, 2, null))
          .doesNotThrowAnyException();
      assertThat(
              refusal(() -> NeedRules.combination(RequestStrategy.PARALLEL, 1, null))
                  .text()
                  .in(Locale.forLanguageTag("sv")))
          .isEqualTo("Parallell strategi kräver minst 2 behov.");
    }

    @Test
    void firstComeTakesMaxRecipientsOfAtLeastTheQuantityOrNone() {
      assertThatCode(() -> NeedRules.combination(RequestStrategy.FIRST_COME, 3, 3))
          .doesNotThrowAnyException();
      assertThatCode(() -> NeedRules.combination(RequestStrategy.FIRST_COME, 3, null))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> NeedRules.combination(RequestStrategy.FIRST_COME, 3, 2))
          .hasMessageContaining("maxRecipients (2) is at least the quantity (3)");
    }

    @Test
    void maxRecipientsBelongsToFirstComeOnly() {
      assertThatThrownBy(() -> NeedRules.combination(RequestStrategy.PARALLEL, 2, 4))
          .hasMessageContaining("first_come strategy only");
    }

    @Test
    void theQuantityIsBetween1And500() {
      assertThatThrownBy(() -> NeedRules.combination(RequestStrategy.FIRST_COME, 0, null))
          .hasMessageContaining("between 1 and 500");
      assertThatThrownBy(() -> NeedRules.combination(RequestStrategy.PARALLEL, 501, null))
          .hasMessageContaining("between 1 and 500");
    }

    @Test
    void onceAskedASequentialNeedMayGrowButFirstComeStaysWithinMaxRecipients() {
      assertThatCode(() -> NeedRules.quantityOnceAsked(RequestStrategy.SEQUENTIAL, 2, null))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> NeedRules.quantityOnceAsked(RequestStrategy.FIRST_COME, 5, 4))
          .hasMessageContaining("maxRecipients (4)");
    }

    @Test
    void anUnknownOrMissingStrategyIsRefused() {
      assertThat(NeedRules.strategy(" first_come ")).isEqualTo(RequestStrategy.FIRST_COME);
      assertThatThrownBy(() -> NeedRules.strategy("random"))
          .hasMessageContaining("sequential, parallel or first_come");
      assertThatThrownBy(() -> NeedRules.strategy(null)).hasMessageContaining("required");
    }
  }

  @Nested
  class ListsAndTimes {

    @Test
    void exactlyOneListIsChosen() {
      assertThatCode(() -> NeedRules.oneList(4, null)).doesNotThrowAnyException();
      assertThatCode(() -> NeedRules.oneList(null, 4)).doesNotThrowAnyException();
      assertThatThrownBy(() -> NeedRules.oneList(null, null))
          .hasMessageContaining("Choose a ranking list");
      assertThatThrownBy(() -> NeedRules.oneList(1, 2)).hasMessageContaining("not both");
    }

    @Test
    void theResponseTimeDefaultsTo24HoursAndLastsAtMostThreeMonths() {
      assertThat(NeedRules.responseTime(null)).isEqualTo(24);
      assertThat(NeedRules.responseTime(2232)).isEqualTo(2232);
      assertThatThrownBy(() -> NeedRules.responseTime(0)).isInstanceOf(ProblemException.class);
      assertThatThrownBy(() -> NeedRules.responseTime(2233)).isInstanceOf(ProblemException.class);
    }
  }

  @Nested
  class OnceRequestsExist {

    @Test
    void aFrozenFieldNamedWithAnotherValueIs409AndTheSameValuePasses() {
      ProblemException refused = refusal(() -> NeedRules.frozen("responseTimeHours", 24, 48));
      assertThat(refused.status()).isEqualTo(Response.Status.CONFLICT);
      assertThat(refused.getMessage())
          .isEqualTo("responseTimeHours cannot be changed once the need has requests.");
      assertThatCode(() -> NeedRules.frozen("responseTimeHours", 24, 24))
          .doesNotThrowAnyException();
      assertThatCode(() -> NeedRules.frozen("maxRecipients", 5, null)).doesNotThrowAnyException();
    }

    @Test
    void theQuantityNeverGoesBelowTheAccepted() {
      assertThatCode(() -> NeedRules.notBelowAccepted(2, 2)).doesNotThrowAnyException();
      assertThat(refusal(() -> NeedRules.notBelowAccepted(1, 2)).status())
          .isEqualTo(Response.Status.CONFLICT);
    }
  }
}
