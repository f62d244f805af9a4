package org.ripieno.orchestra.instruments.boundary;

import java.util.List;

/** Body of a reorder: the ids in their new order (instruments or positions). */
public record OrderInput(List<Integer> instrumentIds, List<Integer> positionIds) {}
