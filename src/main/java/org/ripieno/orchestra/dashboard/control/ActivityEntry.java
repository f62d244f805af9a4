package org.ripieno.orchestra.dashboard.control;

import java.time.Instant;

/** One line of the activity feed: a communication log entry and what it says. */
public record ActivityEntry(
    int id,
    String type,
    Instant timestamp,
    int requestId,
    String musicianName,
    String positionName,
    String projectName,
    String description) {}
