package org.ripieno.orchestra.rankings.boundary;

import java.util.List;

/** A ranking list with its position and its musicians by rank (1 is asked first). */
public record RankingListView(
    Integer id,
    String rankingListId,
    String listType,
    String description,
    Place position,
    List<RankedMusician> musicians) {

  /** Where the list belongs. */
  public record Place(
      Integer id,
      String positionId,
      String name,
      Integer hierarchyLevel,
      Integer instrumentId,
      String instrumentName) {}
}
