package org.ripieno.orchestra.customlists.boundary;

import java.util.List;

/**
 * A new custom list for one position, from exactly one source: an ordered list of musicians, a
 * standard ranking list of the position, or another project's custom list for the position from the
 * same calendar year.
 */
public record CustomListInput(
    Integer positionId,
    List<Integer> musicianIds,
    Integer fromRankingListId,
    Integer fromCustomListId,
    Boolean isTemplate,
    String templateName) {

  public static CustomListInput orEmpty(CustomListInput input) {
    return input == null ? new CustomListInput(null, null, null, null, null, null) : input;
  }
}
