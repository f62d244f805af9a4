package org.ripieno.orchestra.customlists.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A custom list as answered: its members in rank order ({@code members} is left out of the list of
 * a project's custom lists) and the needs that use it.
 */
public record CustomListView(
    Integer id,
    String customListId,
    String name,
    Integer projectId,
    Integer positionId,
    String positionName,
    String instrumentName,
    Boolean isTemplate,
    String templateName,
    int musicianCount,
    List<Integer> usedByNeedIds,
    List<Member> members,
    Instant createdAt,
    Instant updatedAt) {

  /** One musician's place. */
  public record Member(
      int rank,
      Integer musicianId,
      String musicianCode,
      String firstName,
      String lastName,
      boolean active) {}

  /** The values an audit row keeps. */
  public record Snapshot(
      String customListId,
      String name,
      Integer projectId,
      Integer positionId,
      Boolean isTemplate,
      String templateName,
      List<Integer> musicianIds) {}
}
