package org.ripieno.orchestra.instruments.boundary;

import org.ripieno.orchestra.instruments.entity.Position;

/** A position as the API shows it, with how many non-archived musicians are qualified on it. */
public record PositionView(
    Integer id,
    String positionId,
    Integer instrumentId,
    String name,
    Integer hierarchyLevel,
    long qualifiedMusicians) {

  public static PositionView of(Position position, long qualifiedMusicians) {
    return new PositionView(
        position.getId(),
        position.getPositionId(),
        position.getInstrumentId(),
        position.getName(),
        position.getHierarchyLevel(),
        qualifiedMusicians);
  }
}
