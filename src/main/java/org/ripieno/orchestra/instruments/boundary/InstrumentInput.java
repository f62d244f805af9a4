package org.ripieno.orchestra.instruments.boundary;

import java.util.List;

/**
 * Body of creating or changing an instrument; {@code positions} only on create. Absent fields are
 * left as they are on update.
 */
public record InstrumentInput(String name, Integer displayOrder, List<PositionInput> positions) {}
