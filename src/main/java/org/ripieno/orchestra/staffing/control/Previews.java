package org.ripieno.orchestra.staffing.control;

import java.util.List;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Outcome;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Plan;

/** What sending would do, per need (api.md "Staffing": preview). */
public final class Previews {

  private Previews() {}

  /** The whole project's send, needs in the order they are processed. */
  public record ProjectPreview(
      Integer projectId,
      String conflictStrategy,
      String sameWeekConflicts,
      int totalToSend,
      List<NeedPreview> needs) {}

  /**
   * One need's send.
   *
   * @param toSend how many requests would go out now
   * @param recipients who they would go to, by rank
   * @param nextInQueue the next few after them
   * @param nothingToSendBecause {@code paused}, {@code completed}, {@code archived}, {@code
   *     filled}, {@code awaiting_answers} or {@code no_candidates}; absent when something is sent
   * @param members every list member with one reason
   */
  public record NeedPreview(
      Integer needId,
      String projectNeedId,
      Integer positionId,
      String positionName,
      String instrumentName,
      String status,
      String requestStrategy,
      Integer quantity,
      Integer maxRecipients,
      RequestCounts counts,
      int toSend,
      List<Integer> recipients,
      List<Integer> nextInQueue,
      String nothingToSendBecause,
      List<MemberPreview> members) {

    static NeedPreview of(NeedRow need, Plan plan) {
      return new NeedPreview(
          need.id(),
          need.projectNeedId(),
          need.positionId(),
          need.positionName(),
          need.instrumentName(),
          need.status(),
          need.requestStrategy(),
          need.quantity(),
          need.maxRecipients(),
          plan.counts(),
          plan.toSend(),
          plan.recipients(),
          plan.nextInQueue(),
          plan.hold() == null ? null : plan.hold().value(),
          plan.members().stream().map(MemberPreview::of).toList());
    }
  }

  /**
   * One list member.
   *
   * @param musicianId the musician's integer id
   * @param sendNow asked in this send
   * @param otherNeedId the other need, for {@code asked_for_other_need} and {@code smart_conflict}
   * @param busyInProjectId the other project of the week, for {@code busy_same_week}
   */
  public record MemberPreview(
      Integer musicianId,
      int rank,
      String reason,
      boolean sendNow,
      Integer otherNeedId,
      Integer busyInProjectId) {

    static MemberPreview of(Outcome outcome) {
      return new MemberPreview(
          outcome.musicianId(),
          outcome.rank(),
          outcome.reason().value(),
          outcome.sendNow(),
          outcome.otherNeedId(),
          outcome.busyInProjectId());
    }
  }
}
