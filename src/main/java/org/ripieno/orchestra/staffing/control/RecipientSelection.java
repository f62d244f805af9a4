package org.ripieno.orchestra.staffing.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ripieno.orchestra.projects.entity.NeedStatus;

/**
 * Who is asked for which need (legacy-system.md §3.3), the one implementation behind the preview
 * and the sending. Pure: it gets plain values (the project's needs with their list members, the
 * project's requests, who is busy elsewhere that week, the settings) and touches no database.
 *
 * <ol>
 *   <li>A musician with a pending, accepted, declined or timed-out request anywhere in the project
 *       is not asked again in it; a cancelled request counts for nothing.
 *   <li>A need's candidates are its list's members by rank, without inactive (or archived)
 *       musicians and, when the need requires it, those who do not live locally.
 *   <li>Under {@code smart}, a musician on the lists of several needs is kept for the one where
 *       they rank best (a tie goes to the more senior position, then to the need processed first).
 *   <li>A musician who accepted in another project of the same ISO week is {@code busy_same_week}:
 *       skipped under {@code same_week_conflicts=skip}, asked but flagged otherwise.
 *   <li>How many are asked follows the strategy ({@link RequestStrategy#wanted}).
 *   <li>A whole-project run takes the needs in instrument and position order, and a musician chosen
 *       for one need is not chosen for a later one.
 * </ol>
 *
 * Only an {@code active} need sends; a paused, completed or archived one is answered with why.
 */
public final class RecipientSelection {

  /** How many of those waiting after the recipients a preview names. */
  public static final int NEXT_IN_QUEUE = 5;

  /** One place on a need's list; {@code active} is false for inactive and archived musicians. */
  public record Member(int musicianId, int rank, boolean active, boolean localResidence) {}

  /** One need of the project with its list's members (any order). */
  public record Need(
      int id,
      int hierarchyLevel,
      int instrumentOrder,
      NeedStatus status,
      RequestStrategy strategy,
      int quantity,
      Integer maxRecipients,
      boolean requireLocalResidence,
      List<Member> members) {}

  /** One request of the project. */
  public record Request(int needId, int musicianId, String status) {}

  /**
   * Everything the selection reads.
   *
   * @param busyElsewhere musicians who accepted in another project of the same ISO week, each with
   *     one such project's id
   */
  public record Input(
      List<Need> needs,
      List<Request> requests,
      Map<Integer, Integer> busyElsewhere,
      ConflictStrategy conflicts,
      SameWeekConflicts sameWeek) {}

  /**
   * What happens to one list member.
   *
   * @param sendNow asked in this send
   * @param otherNeedId for {@code asked_for_other_need} and {@code smart_conflict}: the other need
   * @param busyInProjectId for {@code busy_same_week}: a project of the week they accepted in
   */
  public record Outcome(
      int musicianId,
      int rank,
      Reason reason,
      boolean sendNow,
      Integer otherNeedId,
      Integer busyInProjectId) {}

  /**
   * One need's result.
   *
   * @param recipients the musicians asked now, by rank
   * @param nextInQueue the next few who would be asked after them
   * @param hold why nothing is sent, null when something is
   */
  public record Plan(
      int needId,
      RequestCounts counts,
      List<Integer> recipients,
      List<Integer> nextInQueue,
      Hold hold,
      List<Outcome> members) {

    public int toSend() {
      return recipients.size();
    }
  }

  private final Input input;

  /** Musician → a need of the project they have a request in that counts (not cancelled). */
  private final Map<Integer, Integer> contacted = new HashMap<>();

  /** Need → musician → the status of their counting request there. */
  private final Map<Integer, Map<Integer, String>> own = new HashMap<>();

  private final Map<Integer, RequestCounts> counts = new HashMap<>();
  private final List<Need> ordered;

  private RecipientSelection(Input input) {
    this.input = input;
    this.ordered =
        input.needs().stream()
            .sorted(
                Comparator.comparingInt(Need::instrumentOrder)
                    .thenComparingInt(Need::hierarchyLevel)
                    .thenComparingInt(Need::id))
            .toList();
    for (Request request : input.requests()) {
      counts.merge(
          request.needId(),
          RequestCounts.NONE.plus(request.status(), 1),
          (a, b) -> a.plus(request.status(), 1));
      if (RequestStatus.CANCELLED.equals(request.status())) {
        continue;
      }
      contacted.putIfAbsent(request.musicianId(), request.needId());
      own.computeIfAbsent(request.needId(), id -> new HashMap<>())
          .merge(request.musicianId(), request.status(), RecipientSelection::stronger);
    }
  }

  /** Every need of the project in processing order, as a whole-project send would go. */
  public static List<Plan> forProject(Input input) {
    RecipientSelection selection = new RecipientSelection(input);
    Map<Integer, Integer> planned = new HashMap<>();
    List<Plan> plans = new ArrayList<>();
    for (Need need : selection.ordered) {
      Plan plan = selection.plan(need, planned);
      plan.recipients().forEach(musician -> planned.put(musician, need.id()));
      plans.add(plan);
    }
    return plans;
  }

  /** One need alone, as sending just that need would go. */
  public static Plan forNeed(Input input, int needId) {
    RecipientSelection selection = new RecipientSelection(input);
    Need need =
        selection.ordered.stream()
            .filter(n -> n.id() == needId)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no need " + needId));
    return selection.plan(need, Map.of());
  }

  private Plan plan(Need need, Map<Integer, Integer> planned) {
    RequestCounts needCounts = counts.getOrDefault(need.id(), RequestCounts.NONE);
    Map<Integer, String> answered = own.getOrDefault(need.id(), Map.of());
    Hold hold = hold(need, needCounts);
    int wanted =
        hold != null
            ? 0
            : need.strategy()
                .wanted(
                    need.quantity(),
                    needCounts.accepted(),
                    needCounts.pending(),
                    need.maxRecipients());
    Map<Integer, Integer> bestNeeds =
        input.conflicts() == ConflictStrategy.SMART ? bestNeeds(need) : Map.of();

    List<Member> members =
        need.members().stream()
            .sorted(Comparator.comparingInt(Member::rank).thenComparingInt(Member::musicianId))
            .toList();
    Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
    List<Integer> eligible = new ArrayList<>();
    for (Member member : members) {
      Outcome outcome = outcome(need, member, answered, planned, bestNeeds);
      outcomes.put(member.musicianId(), outcome);
      boolean asked =
          outcome.reason() == Reason.WILL_RECEIVE_REQUEST
              || (outcome.reason() == Reason.BUSY_SAME_WEEK
                  && input.sameWeek() == SameWeekConflicts.WARN);
      if (asked) {
        eligible.add(member.musicianId());
      }
    }
    int send = Math.min(wanted, eligible.size());
    List<Integer> recipients = List.copyOf(eligible.subList(0, send));
    List<Integer> next =
        List.copyOf(eligible.subList(send, Math.min(eligible.size(), send + NEXT_IN_QUEUE)));
    if (hold == null && recipients.isEmpty()) {
      hold = Hold.NO_CANDIDATES;
    }
    Set<Integer> now = new HashSet<>(recipients);
    List<Outcome> result =
        outcomes.values().stream()
            .map(
                o ->
                    now.contains(o.musicianId())
                        ? new Outcome(
                            o.musicianId(),
                            o.rank(),
                            o.reason(),
                            true,
                            o.otherNeedId(),
                            o.busyInProjectId())
                        : o)
            .toList();
    return new Plan(need.id(), needCounts, recipients, next, hold, result);
  }

  private Outcome outcome(
      Need need,
      Member member,
      Map<Integer, String> answered,
      Map<Integer, Integer> planned,
      Map<Integer, Integer> bestNeeds) {
    int musician = member.musicianId();
    String status = answered.get(musician);
    if (status != null) {
      return excluded(member, ofStatus(status), null);
    }
    Integer elsewhere = contacted.get(musician);
    if (elsewhere == null) {
      elsewhere = planned.get(musician);
    }
    if (elsewhere != null) {
      return excluded(member, Reason.ASKED_FOR_OTHER_NEED, elsewhere);
    }
    if (!member.active()) {
      return excluded(member, Reason.INACTIVE, null);
    }
    if (need.requireLocalResidence() && !member.localResidence()) {
      return excluded(member, Reason.NO_LOCAL_RESIDENCE, null);
    }
    Integer best = bestNeeds.get(musician);
    if (best != null && best != need.id()) {
      return excluded(member, Reason.SMART_CONFLICT, best);
    }
    Integer busy = input.busyElsewhere().get(musician);
    if (busy != null) {
      return new Outcome(musician, member.rank(), Reason.BUSY_SAME_WEEK, false, null, busy);
    }
    return new Outcome(musician, member.rank(), Reason.WILL_RECEIVE_REQUEST, false, null, null);
  }

  private static Outcome excluded(Member member, Reason reason, Integer otherNeed) {
    return new Outcome(member.musicianId(), member.rank(), reason, false, otherNeed, null);
  }

  /**
   * For each musician on this need's list, the need they are kept for under {@code smart}: among
   * the active needs (and this one) whose list holds them and that they may be asked for, the one
   * where they rank best; a tie goes to the more senior position, then to the need processed first.
   */
  private Map<Integer, Integer> bestNeeds(Need need) {
    Map<Integer, Integer> best = new HashMap<>();
    Map<Integer, int[]> bestKey = new HashMap<>();
    Set<Integer> onThisList = new HashSet<>();
    need.members().forEach(m -> onThisList.add(m.musicianId()));
    for (int order = 0; order < ordered.size(); order++) {
      Need candidate = ordered.get(order);
      if (candidate.id() != need.id() && candidate.status() != NeedStatus.ACTIVE) {
        continue;
      }
      for (Member member : candidate.members()) {
        if (!onThisList.contains(member.musicianId())
            || (candidate.requireLocalResidence() && !member.localResidence())) {
          continue;
        }
        int[] key = {member.rank(), candidate.hierarchyLevel(), order};
        int[] current = bestKey.get(member.musicianId());
        if (current == null || compare(key, current) < 0) {
          bestKey.put(member.musicianId(), key);
          best.put(member.musicianId(), candidate.id());
        }
      }
    }
    return best;
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  private static Hold hold(Need need, RequestCounts counts) {
    switch (need.status()) {
      case PAUSED:
        return Hold.PAUSED;
      case COMPLETED:
        return Hold.COMPLETED;
      case ARCHIVED:
        return Hold.ARCHIVED;
      default:
        break;
    }
    if (counts.accepted() >= need.quantity()) {
      return Hold.FILLED;
    }
    int wanted =
        need.strategy()
            .wanted(need.quantity(), counts.accepted(), counts.pending(), need.maxRecipients());
    return wanted == 0 ? Hold.AWAITING_ANSWERS : null;
  }

  private static Reason ofStatus(String status) {
    return switch (status) {
      case RequestStatus.ACCEPTED -> Reason.HAS_ACCEPTED;
      case RequestStatus.PENDING -> Reason.HAS_PENDING;
      case RequestStatus.DECLINED -> Reason.HAS_DECLINED;
      default -> Reason.TIMED_OUT;
    };
  }

  /** Of two counting requests of one musician for one need, the one that says most. */
  private static String stronger(String a, String b) {
    return strength(a) >= strength(b) ? a : b;
  }

  private static int strength(String status) {
    return switch (status) {
      case RequestStatus.ACCEPTED -> 4;
      case RequestStatus.PENDING -> 3;
      case RequestStatus.DECLINED -> 2;
      default -> 1;
    };
  }
}
