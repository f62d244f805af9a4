package org.ripieno.orchestra.projects.control;

/** One project's figure, as {@link StaffingTotals} reads it. */
public record ProjectTotal(Integer projectId, Long value) {}
