package org.ripieno.orchestra.rankings.boundary;

import java.util.List;

/**
 * Every non-archived instrument (display order) with its positions (hierarchy) and their ranking
 * lists with their sizes.
 */
public record RankingOverview(List<InstrumentLists> instruments) {

  public record InstrumentLists(
      Integer id, String instrumentId, String name, List<PositionLists> positions) {}

  public record PositionLists(
      Integer id,
      String positionId,
      String name,
      Integer hierarchyLevel,
      List<ListSummary> rankingLists) {}

  public record ListSummary(
      Integer id, String rankingListId, String listType, String description, long size) {}
}
