package org.ripieno.orchestra.staffing.control;

import java.time.Instant;

/** A need as answered, with its requests counted by status at the time of asking. */
public record NeedView(
    Integer id,
    String projectNeedId,
    Integer projectId,
    Integer positionId,
    String positionName,
    String instrumentName,
    Integer quantity,
    Integer rankingListId,
    Integer customRankingListId,
    String requestStrategy,
    Integer maxRecipients,
    Integer responseTimeHours,
    Boolean requireLocalResidence,
    String status,
    Instant archivedAt,
    RequestCounts counts) {

  public static NeedView of(NeedRow row, RequestCounts counts) {
    return new NeedView(
        row.id(),
        row.projectNeedId(),
        row.projectId(),
        row.positionId(),
        row.positionName(),
        row.instrumentName(),
        row.quantity(),
        row.rankingListId(),
        row.customRankingListId(),
        row.requestStrategy(),
        row.maxRecipients(),
        row.responseTimeHours(),
        row.requireLocalResidence(),
        row.status(),
        row.archivedAt(),
        counts);
  }

  /** The values an audit row keeps. */
  public record Snapshot(
      String projectNeedId,
      Integer projectId,
      Integer positionId,
      Integer quantity,
      Integer rankingListId,
      Integer customRankingListId,
      String requestStrategy,
      Integer maxRecipients,
      Integer responseTimeHours,
      Boolean requireLocalResidence,
      String status,
      Instant archivedAt) {

    public static Snapshot of(org.ripieno.orchestra.projects.entity.ProjectNeed need) {
      return new Snapshot(
          need.getProjectNeedId(),
          need.getProjectId(),
          need.getPositionId(),
          need.getQuantity(),
          need.getRankingListId(),
          need.getCustomRankingListId(),
          need.getRequestStrategy(),
          need.getMaxRecipients(),
          need.getResponseTimeHours(),
          need.getRequireLocalResidence(),
          need.getStatus(),
          need.getArchivedAt());
    }
  }

  /**
   * The answer to a DELETE: {@code deleted}, or {@code archived} (with the need) when it has
   * requests.
   */
  public record Removal(String result, NeedView need) {}
}
