package org.ripieno.orchestra.staffing.control;

import java.util.List;

/**
 * What the need dialog offers for one position of a project (the legacy {@code GET
 * /api/ranking-lists?positionId=&projectId=}): the position's standard lists and the project's
 * custom list for it, each with how many could be asked and whether a need of the project uses it.
 */
public record ListOptions(
    Integer projectId, Integer positionId, List<Option> standardLists, Option customList) {

  /**
   * One list.
   *
   * @param listType {@code A}, {@code B}, {@code C} or {@code custom}
   * @param code {@code RANK###} or {@code CLIST###}
   * @param description a standard list's description, a custom list's name
   * @param usedByNeedIds the project's needs (not archived) that use it
   */
  public record Option(
      Integer id,
      String code,
      String listType,
      String description,
      boolean isCustomList,
      int totalActiveMusicians,
      int availableMusicians,
      boolean isUsedInProject,
      List<Integer> usedByNeedIds) {}
}
