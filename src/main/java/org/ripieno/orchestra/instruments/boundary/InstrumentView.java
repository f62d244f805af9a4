package org.ripieno.orchestra.instruments.boundary;

import java.time.Instant;
import java.util.List;
import org.ripieno.orchestra.instruments.entity.Instrument;

/**
 * An instrument as the API shows it: its positions by hierarchy and how many distinct non-archived
 * musicians are qualified on any of them.
 */
public record InstrumentView(
    Integer id,
    String instrumentId,
    String name,
    Integer displayOrder,
    boolean isArchived,
    Instant archivedAt,
    long qualifiedMusicians,
    List<PositionView> positions) {

  public static InstrumentView of(
      Instrument instrument, long qualifiedMusicians, List<PositionView> positions) {
    return new InstrumentView(
        instrument.getId(),
        instrument.getInstrumentId(),
        instrument.getName(),
        instrument.getDisplayOrder(),
        Boolean.TRUE.equals(instrument.getIsArchived()),
        instrument.getArchivedAt(),
        qualifiedMusicians,
        positions);
  }
}
