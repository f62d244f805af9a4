package org.ripieno.orchestra.staffing.control;

/**
 * A new need (legacy field names): a position, how many players, exactly one of a standard or
 * custom list, a strategy, and for first_come optionally how many are asked at a time.
 */
public record NeedInput(
    Integer positionId,
    Integer quantity,
    Integer rankingListId,
    Integer customRankingListId,
    String requestStrategy,
    Integer maxRecipients,
    Integer responseTimeHours,
    Boolean requireLocalResidence) {

  public static NeedInput orEmpty(NeedInput input) {
    return input == null ? new NeedInput(null, null, null, null, null, null, null, null) : input;
  }
}
