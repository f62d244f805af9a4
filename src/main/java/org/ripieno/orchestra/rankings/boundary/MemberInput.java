package org.ripieno.orchestra.rankings.boundary;

import java.util.List;

/**
 * Body of adding a musician ({@code musicianId}, the musician's integer id) or of a reorder ({@code
 * musicianIds}, every member in the new order).
 */
public record MemberInput(Integer musicianId, List<Integer> musicianIds) {}
