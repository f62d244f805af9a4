package org.ripieno.orchestra.staffing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Input;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Member;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Need;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Outcome;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Plan;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Request;

class RecipientSelectionTest {

  /** Musicians 1..n ranked 1..n, all active and local. */
  private static List<Member> list(int n) {
    return list(1, n);
  }

  private static List<Member> list(int firstMusician, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new Member(firstMusician + i, i + 1, true, true))
        .toList();
  }

  private static Need need(int id, RequestStrategy strategy, int quantity, List<Member> members) {
    return new Need(id, 1, 1, NeedStatus.ACTIVE, strategy, quantity, null, false, members);
  }

  private static final class Scenario {
    final List<Need> needs = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    final Map<Integer, Integer> busy = new HashMap<>();
    ConflictStrategy conflicts = ConflictStrategy.SIMPLE;
    SameWeekConflicts sameWeek = SameWeekConflicts.WARN;

    Scenario need(Need need) {
      needs.add(need);
      return this;
    }

    Scenario request(int need, int musician, String status) {
      requests.add(new Request(need, musician, status));
      return this;
    }

    Input input() {
      return new Input(needs, requests, busy, conflicts, sameWeek);
    }

    Plan plan(int need) {
      return RecipientSelection.forNeed(input(), need);
    }

    List<Plan> project() {
      return RecipientSelection.forProject(input());
    }
  }

  private static Reason reasonOf(Plan plan, int musician) {
    return outcomeOf(plan, musician).reason();
  }

  private static Outcome outcomeOf(Plan plan, int musician) {
    return plan.members().stream()
        .filter(o -> o.musicianId() == musician)
        .findFirst()
        .orElseThrow();
  }

  @Nested
  class EveryMemberGetsOneReason {

    @Test
    void eachRequestStatusOfThisNeedIsItsOwnReason() {
      Plan plan =
          new Scenario()
              .need(need(1, RequestStrategy.PARALLEL, 6, list(6)))
              .request(1, 1, RequestStatus.PENDING)
              .request(1, 2, RequestStatus.ACCEPTED)
              .request(1, 3, RequestStatus.DECLINED)
              .request(1, 4, RequestStatus.TIMED_OUT)
              .plan(1);

      assertThat(plan.members())
          .extracting(Outcome::reason)
          .containsExactly(
              Reason.HAS_PENDING,
              Reason.HAS_ACCEPTED,
              Reason.HAS_DECLINED,
              Reason.TIMED_OUT,
              Reason.WILL_RECEIVE_REQUEST,
              Reason.WILL_RECEIVE_REQUEST);
      assertThat(plan.counts()).isEqualTo(new RequestCounts(1, 1, 1, 1, 0));
      // 6 needed, 1 accepted, 1 pending: 4 wanted, only 2 left to ask
      assertThat(plan.recipients()).containsExactly(5, 6);
    }

    @Test
    void aRequestForAnotherNeedOfTheProjectExcludesTheMusicianHere() {
      Plan plan =
          new Scenario()
              .need(need(1, RequestStrategy.SEQUENTIAL, 1, list(3)))
              .need(need(2, RequestStrategy.SEQUENTIAL, 1, list(3)))
              .request(2, 1, RequestStatus.DECLINED)
              .plan(1);

      assertThat(outcomeOf(plan, 1).reason()).isEqualTo(Reason.ASKED_FOR_OTHER_NEED);
      assertThat(outcomeOf(plan, 1).otherNeedId()).isEqualTo(2);
      assertThat(plan.recipients()).containsExactly(2);
    }

    @Test
    void inactiveAndNonLocalMembersAreNamedAndSkipped() {
      List<Member> members =
          List.of(
              new Member(1, 1, false, true),
              new Member(2, 2, true, false),
              new Member(3, 3, true, true));
      Need local =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, true, members);

      Plan plan = new Scenario().need(local).plan(1);

      assertThat(reasonOf(plan, 1)).isEqualTo(Reason.INACTIVE);
      assertThat(reasonOf(plan, 2)).isEqualTo(Reason.NO_LOCAL_RESIDENCE);
      assertThat(reasonOf(plan, 3)).isEqualTo(Reason.WILL_RECEIVE_REQUEST);
      assertThat(plan.recipients()).containsExactly(3);
    }

    @Test
    void withoutTheLocalRequirementANonLocalMusicianIsAsked() {
      Plan plan =
          new Scenario()
              .need(need(1, RequestStrategy.SEQUENTIAL, 1, List.of(new Member(7, 1, true, false))))
              .plan(1);

      assertThat(plan.recipients()).containsExactly(7);
    }

    @Test
    void aPendingRequestOutranksInactivityAndEveryMemberHasExactlyOneOutcome() {
      List<Member> members = List.of(new Member(1, 1, false, false), new Member(2, 2, true, true));
      Need need =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.PARALLEL, 2, null, true, members);

      Plan plan = new Scenario().need(need).request(1, 1, RequestStatus.PENDING).plan(1);

      assertThat(plan.members()).hasSize(2);
      assertThat(reasonOf(plan, 1)).isEqualTo(Reason.HAS_PENDING);
    }

    @Test
    void membersComeInRankOrderWhateverOrderTheyAreGivenIn() {
      List<Member> shuffled =
          List.of(
              new Member(30, 3, true, true),
              new Member(10, 1, true, true),
              new Member(20, 2, true, true));

      Plan plan = new Scenario().need(need(1, RequestStrategy.PARALLEL, 2, shuffled)).plan(1);

      assertThat(plan.members()).extracting(Outcome::musicianId).containsExactly(10, 20, 30);
      assertThat(plan.recipients()).containsExactly(10, 20);
      assertThat(plan.nextInQueue()).containsExactly(30);
      assertThat(plan.members()).extracting(Outcome::sendNow).containsExactly(true, true, false);
    }
  }

  @Nested
  class CancelledRequests {

    @Test
    void aCancelledRequestNeitherExcludesNorCountsAsContacted() {
      Plan plan =
          new Scenario()
              .need(need(1, RequestStrategy.SEQUENTIAL, 1, list(3)))
              .need(need(2, RequestStrategy.SEQUENTIAL, 1, list(3)))
              .request(1, 1, RequestStatus.CANCELLED)
              .request(2, 2, RequestStatus.CANCELLED)
              .plan(1);

      assertThat(reasonOf(plan, 1)).isEqualTo(Reason.WILL_RECEIVE_REQUEST);
      assertThat(reasonOf(plan, 2)).isEqualTo(Reason.WILL_RECEIVE_REQUEST);
      assertThat(plan.recipients()).containsExactly(1);
      assertThat(plan.counts().cancelled()).isEqualTo(1);
      assertThat(plan.counts().pending()).isZero();
    }

    @Test
    void aLaterCountingRequestBesideACancelledOneDecides() {
      Plan plan =
          new Scenario()
              .need(need(1, RequestStrategy.SEQUENTIAL, 1, list(2)))
              .request(1, 1, RequestStatus.CANCELLED)
              .request(1, 1, RequestStatus.PENDING)
              .plan(1);

      assertThat(reasonOf(plan, 1)).isEqualTo(Reason.HAS_PENDING);
      assertThat(plan.hold()).isEqualTo(Hold.AWAITING_ANSWERS);
    }
  }

  @Nested
  class Strategies {

    @Test
    void sequentialAsksOneAndWaitsWhileItIsPending() {
      Scenario scenario = new Scenario().need(need(1, RequestStrategy.SEQUENTIAL, 1, list(4)));
      assertThat(scenario.plan(1).recipients()).containsExactly(1);
      assertThat(scenario.plan(1).nextInQueue()).containsExactly(2, 3, 4);

      scenario.request(1, 1, RequestStatus.PENDING);
      assertThat(scenario.plan(1).recipients()).isEmpty();
      assertThat(scenario.plan(1).hold()).isEqualTo(Hold.AWAITING_ANSWERS);
    }

    @Test
    void sequentialGoesThroughThreeDeclinesAndATimeoutToTheFifth() {
      Scenario scenario = new Scenario().need(need(1, RequestStrategy.SEQUENTIAL, 1, list(6)));
      scenario.request(1, 1, RequestStatus.DECLINED);
      scenario.request(1, 2, RequestStatus.DECLINED);
      scenario.request(1, 3, RequestStatus.DECLINED);
      scenario.request(1, 4, RequestStatus.TIMED_OUT);

      assertThat(scenario.plan(1).recipients()).containsExactly(5);

      scenario.request(1, 5, RequestStatus.ACCEPTED);
      assertThat(scenario.plan(1).recipients()).isEmpty();
      assertThat(scenario.plan(1).hold()).isEqualTo(Hold.FILLED);
    }

    @Test
    void parallelKeepsAcceptedPlusPendingAtTheQuantity() {
      // §3.4: 5 needed, send #1-5; #2 declines -> send #6; #1 accepts -> nothing (4 pending)
      Scenario scenario = new Scenario().need(need(1, RequestStrategy.PARALLEL, 5, list(10)));
      assertThat(scenario.plan(1).recipients()).containsExactly(1, 2, 3, 4, 5);
      for (int musician = 1; musician <= 5; musician++) {
        scenario.request(1, musician, RequestStatus.PENDING);
      }
      assertThat(scenario.plan(1).recipients()).isEmpty();

      scenario.requests.set(1, new Request(1, 2, RequestStatus.DECLINED));
      assertThat(scenario.plan(1).recipients()).containsExactly(6);
      scenario.request(1, 6, RequestStatus.PENDING);

      scenario.requests.set(0, new Request(1, 1, RequestStatus.ACCEPTED));
      Plan afterAccept = scenario.plan(1);
      assertThat(afterAccept.recipients()).isEmpty();
      assertThat(afterAccept.counts().pending()).isEqualTo(4);
      assertThat(afterAccept.hold()).isEqualTo(Hold.AWAITING_ANSWERS);
    }

    @Test
    void firstComeSendsAWaveOfMaxRecipients() {
      Need need =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.FIRST_COME, 3, 5, false, list(12));

      Plan plan = new Scenario().need(need).plan(1);

      assertThat(plan.recipients()).containsExactly(1, 2, 3, 4, 5);
      assertThat(plan.nextInQueue()).containsExactly(6, 7, 8, 9, 10);
    }

    @Test
    void firstComeWithoutMaxRecipientsAsksTheWholeList() {
      Plan plan = new Scenario().need(need(1, RequestStrategy.FIRST_COME, 2, list(9))).plan(1);

      assertThat(plan.recipients()).hasSize(9);
      assertThat(plan.nextInQueue()).isEmpty();
    }

    @Test
    void firstComeSendsNoRefillWhileTheWaveIsOpenAndANewWaveOnceAllHaveAnswered() {
      Need need =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.FIRST_COME, 3, 5, false, list(12));
      Scenario scenario = new Scenario().need(need);
      scenario.request(1, 1, RequestStatus.DECLINED);
      scenario.request(1, 2, RequestStatus.ACCEPTED);
      for (int musician = 3; musician <= 5; musician++) {
        scenario.request(1, musician, RequestStatus.PENDING);
      }
      assertThat(scenario.plan(1).recipients()).isEmpty();
      assertThat(scenario.plan(1).hold()).isEqualTo(Hold.AWAITING_ANSWERS);

      scenario.requests.clear();
      scenario.request(1, 1, RequestStatus.DECLINED);
      scenario.request(1, 2, RequestStatus.ACCEPTED);
      scenario.request(1, 3, RequestStatus.DECLINED);
      scenario.request(1, 4, RequestStatus.TIMED_OUT);
      scenario.request(1, 5, RequestStatus.DECLINED);

      assertThat(scenario.plan(1).recipients()).containsExactly(6, 7, 8, 9, 10);
    }

    @Test
    void firstComeAfterAllOfTheFirstWaveDeclinedSendsTheSecondWave() {
      // §3.4 with decision 8: 3 needed, max 5; all five decline -> #6-10
      Need need =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.FIRST_COME, 3, 5, false, list(8));
      Scenario scenario = new Scenario().need(need);
      for (int musician = 1; musician <= 5; musician++) {
        scenario.request(1, musician, RequestStatus.DECLINED);
      }

      Plan plan = scenario.plan(1);

      assertThat(plan.recipients()).containsExactly(6, 7, 8);
      assertThat(plan.counts().declined()).isEqualTo(5);
    }

    @Test
    void firstComeCancelledAfterTheFillDoesNotReopenTheWave() {
      Need need =
          new Need(1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.FIRST_COME, 1, 3, false, list(5));
      Plan plan =
          new Scenario()
              .need(need)
              .request(1, 1, RequestStatus.ACCEPTED)
              .request(1, 2, RequestStatus.CANCELLED)
              .request(1, 3, RequestStatus.CANCELLED)
              .plan(1);

      assertThat(plan.hold()).isEqualTo(Hold.FILLED);
      assertThat(plan.recipients()).isEmpty();
    }

    @Test
    void anExhaustedListSaysSo() {
      Scenario scenario =
          new Scenario()
              .need(need(1, RequestStrategy.SEQUENTIAL, 1, list(2)))
              .request(1, 1, RequestStatus.DECLINED)
              .request(1, 2, RequestStatus.TIMED_OUT);

      assertThat(scenario.plan(1).hold()).isEqualTo(Hold.NO_CANDIDATES);
      assertThat(scenario.plan(1).recipients()).isEmpty();
    }
  }

  @Nested
  class NeedStatuses {

    @Test
    void pausedCompletedAndArchivedNeedsSendNothingAndSayWhy() {
      for (NeedStatus status :
          List.of(NeedStatus.PAUSED, NeedStatus.COMPLETED, NeedStatus.ARCHIVED)) {
        Need need = new Need(1, 1, 1, status, RequestStrategy.PARALLEL, 2, null, false, list(4));

        Plan plan = new Scenario().need(need).plan(1);

        assertThat(plan.recipients()).as(status.value()).isEmpty();
        assertThat(plan.hold().value()).isEqualTo(status.value());
        assertThat(plan.members())
            .extracting(Outcome::reason)
            .containsOnly(Reason.WILL_RECEIVE_REQUEST);
        assertThat(plan.nextInQueue()).containsExactly(1, 2, 3, 4);
      }
    }
  }

  @Nested
  class WholeProject {

    @Test
    void needsGoInInstrumentThenPositionOrderAndAMusicianIsChosenForOneNeedOnly() {
      // Need 10 is a cello (instrument order 3), need 20 a violin (order 1): violin goes first.
      Need cello =
          new Need(
              10, 1, 3, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, false, list(3));
      Need violin =
          new Need(
              20, 2, 1, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, false, list(3));

      List<Plan> plans = new Scenario().need(cello).need(violin).project();

      assertThat(plans).extracting(Plan::needId).containsExactly(20, 10);
      assertThat(plans.get(0).recipients()).containsExactly(1);
      assertThat(plans.get(1).recipients()).containsExactly(2);
      Outcome taken = outcomeOf(plans.get(1), 1);
      assertThat(taken.reason()).isEqualTo(Reason.ASKED_FOR_OTHER_NEED);
      assertThat(taken.otherNeedId()).isEqualTo(20);
    }

    @Test
    void aPausedNeedReservesNobody() {
      Need paused =
          new Need(1, 1, 1, NeedStatus.PAUSED, RequestStrategy.SEQUENTIAL, 1, null, false, list(2));
      Need active =
          new Need(2, 2, 1, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, false, list(2));

      List<Plan> plans = new Scenario().need(paused).need(active).project();

      assertThat(plans.get(0).hold()).isEqualTo(Hold.PAUSED);
      assertThat(plans.get(1).recipients()).containsExactly(1);
    }

    @Test
    void withTheSameInstrumentAndPositionOrderTheLowerNeedIdGoesFirst() {
      List<Plan> plans =
          new Scenario()
              .need(need(5, RequestStrategy.SEQUENTIAL, 1, list(2)))
              .need(need(4, RequestStrategy.SEQUENTIAL, 1, list(2)))
              .project();

      assertThat(plans).extracting(Plan::needId).containsExactly(4, 5);
    }
  }

  @Nested
  class SmartConflicts {

    private Scenario twoNeeds(ConflictStrategy conflicts) {
      // Musician 1 is 1st on need 1's list and 1st on need 2's; musician 2 is 3rd on need 1's list
      // but 1st on need 2's (need 2 is a less senior position).
      List<Member> first =
          List.of(
              new Member(1, 1, true, true),
              new Member(3, 2, true, true),
              new Member(2, 3, true, true));
      List<Member> second =
          List.of(
              new Member(2, 1, true, true),
              new Member(1, 2, true, true),
              new Member(4, 3, true, true));
      Scenario scenario =
          new Scenario()
              .need(
                  new Need(
                      1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.PARALLEL, 3, null, false, first))
              .need(
                  new Need(
                      2,
                      2,
                      1,
                      NeedStatus.ACTIVE,
                      RequestStrategy.PARALLEL,
                      2,
                      null,
                      false,
                      second));
      scenario.conflicts = conflicts;
      return scenario;
    }

    @Test
    void smartKeepsAMusicianForTheNeedWhereTheyRankBest() {
      Plan first = twoNeeds(ConflictStrategy.SMART).plan(1);

      assertThat(reasonOf(first, 2)).isEqualTo(Reason.SMART_CONFLICT);
      assertThat(outcomeOf(first, 2).otherNeedId()).isEqualTo(2);
      assertThat(first.recipients()).containsExactly(1, 3);

      Plan second = twoNeeds(ConflictStrategy.SMART).plan(2);
      assertThat(reasonOf(second, 1)).isEqualTo(Reason.SMART_CONFLICT);
      assertThat(second.recipients()).containsExactly(2, 4);
    }

    @Test
    void onATieInRankTheMoreSeniorPositionWins() {
      List<Member> same = List.of(new Member(9, 1, true, true), new Member(8, 2, true, true));
      Scenario scenario =
          new Scenario()
              .need(
                  new Need(
                      1, 3, 1, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, false, same))
              .need(
                  new Need(
                      2,
                      1,
                      1,
                      NeedStatus.ACTIVE,
                      RequestStrategy.SEQUENTIAL,
                      1,
                      null,
                      false,
                      same));
      scenario.conflicts = ConflictStrategy.SMART;

      assertThat(reasonOf(scenario.plan(1), 9)).isEqualTo(Reason.SMART_CONFLICT);
      assertThat(reasonOf(scenario.plan(2), 9)).isEqualTo(Reason.WILL_RECEIVE_REQUEST);
    }

    @Test
    void aPausedNeedDoesNotHoldAMusicianUnderSmart() {
      Scenario scenario = twoNeeds(ConflictStrategy.SMART);
      Need second = scenario.needs.get(1);
      scenario.needs.set(
          1,
          new Need(
              2,
              second.hierarchyLevel(),
              1,
              NeedStatus.PAUSED,
              second.strategy(),
              second.quantity(),
              null,
              false,
              second.members()));

      assertThat(scenario.plan(1).recipients()).containsExactly(1, 3, 2);
    }

    @Test
    void simpleAndDetailedApplyNoSuchFilterAndTheFirstNeedWins() {
      for (ConflictStrategy conflicts :
          List.of(ConflictStrategy.SIMPLE, ConflictStrategy.DETAILED)) {
        List<Plan> plans = twoNeeds(conflicts).project();

        assertThat(plans.get(0).recipients()).as(conflicts.value()).containsExactly(1, 3, 2);
        assertThat(plans.get(1).recipients()).containsExactly(4);
        assertThat(reasonOf(plans.get(1), 2)).isEqualTo(Reason.ASKED_FOR_OTHER_NEED);
      }
    }

    @Test
    void smartWholeProjectSplitsTheSharedMusiciansByTheirBestRank() {
      List<Plan> plans = twoNeeds(ConflictStrategy.SMART).project();

      assertThat(plans.get(0).recipients()).containsExactly(1, 3);
      assertThat(plans.get(1).recipients()).containsExactly(2, 4);
    }

    @Test
    void aNeedTheMusicianCannotServeForLackOfLocalResidenceDoesNotHoldThem() {
      List<Member> local = List.of(new Member(5, 1, true, false));
      List<Member> open = List.of(new Member(5, 4, true, false));
      Scenario scenario =
          new Scenario()
              .need(
                  new Need(
                      1, 1, 1, NeedStatus.ACTIVE, RequestStrategy.SEQUENTIAL, 1, null, true, local))
              .need(
                  new Need(
                      2,
                      2,
                      1,
                      NeedStatus.ACTIVE,
                      RequestStrategy.SEQUENTIAL,
                      1,
                      null,
                      false,
                      open));
      scenario.conflicts = ConflictStrategy.SMART;

      assertThat(reasonOf(scenario.plan(1), 5)).isEqualTo(Reason.NO_LOCAL_RESIDENCE);
      assertThat(scenario.plan(2).recipients()).containsExactly(5);
    }
  }

  @Nested
  class BusySameWeek {

    @Test
    void underWarnABusyMusicianIsAskedButFlagged() {
      Scenario scenario = new Scenario().need(need(1, RequestStrategy.SEQUENTIAL, 1, list(3)));
      scenario.busy.put(1, 77);

      Plan plan = scenario.plan(1);

      assertThat(plan.recipients()).containsExactly(1);
      Outcome busy = outcomeOf(plan, 1);
      assertThat(busy.reason()).isEqualTo(Reason.BUSY_SAME_WEEK);
      assertThat(busy.sendNow()).isTrue();
      assertThat(busy.busyInProjectId()).isEqualTo(77);
    }

    @Test
    void underSkipABusyMusicianIsPassedOver() {
      Scenario scenario = new Scenario().need(need(1, RequestStrategy.SEQUENTIAL, 1, list(3)));
      scenario.busy.put(1, 77);
      scenario.sameWeek = SameWeekConflicts.SKIP;

      Plan plan = scenario.plan(1);

      assertThat(plan.recipients()).containsExactly(2);
      assertThat(reasonOf(plan, 1)).isEqualTo(Reason.BUSY_SAME_WEEK);
      assertThat(outcomeOf(plan, 1).sendNow()).isFalse();
      assertThat(plan.nextInQueue()).containsExactly(3);
    }

    @Test
    void anAnswerInThisProjectOutranksBeingBusyElsewhere() {
      Scenario scenario =
          new Scenario()
              .need(need(1, RequestStrategy.PARALLEL, 2, list(3)))
              .request(1, 1, RequestStatus.ACCEPTED);
      scenario.busy.put(1, 77);

      assertThat(reasonOf(scenario.plan(1), 1)).isEqualTo(Reason.HAS_ACCEPTED);
    }
  }
}
