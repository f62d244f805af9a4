package org.ripieno.orchestra.instruments.boundary;

/** Body of creating or changing a position; absent fields are left as they are on update. */
public record PositionInput(String name, Integer hierarchyLevel) {}
