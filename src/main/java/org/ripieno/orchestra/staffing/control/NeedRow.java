package org.ripieno.orchestra.staffing.control;

import java.time.Instant;
import org.ripieno.orchestra.projects.entity.NeedStatus;

/**
 * A need with its position's and instrument's names and order, as {@link StaffingQueries} reads it.
 */
public record NeedRow(
    Integer id,
    String projectNeedId,
    Integer projectId,
    Integer positionId,
    String positionName,
    Integer hierarchyLevel,
    String instrumentName,
    Integer instrumentOrder,
    Integer quantity,
    Integer rankingListId,
    Integer customRankingListId,
    String requestStrategy,
    Integer maxRecipients,
    Integer responseTimeHours,
    Boolean requireLocalResidence,
    String status,
    Instant archivedAt) {

  /** Instruments without a display order come last (legacy: 999). */
  static final int UNORDERED = 999;

  public int order() {
    return instrumentOrder == null ? UNORDERED : instrumentOrder;
  }

  /** The status; a value Ripieno does not know (a legacy {@code cancelled}) never sends. */
  public NeedStatus needStatus() {
    return NeedStatus.of(status).orElse(NeedStatus.ARCHIVED);
  }
}
