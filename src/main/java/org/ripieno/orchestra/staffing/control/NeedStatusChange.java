package org.ripieno.orchestra.staffing.control;

/** {@code {"status": "active"|"paused"|"completed"|"archived"}}. */
public record NeedStatusChange(String status) {}
