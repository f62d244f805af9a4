package org.ripieno.orchestra.dashboard.control;

import java.util.List;

/**
 * The dashboard's cards and chart (legacy-system.md §2.4 "Dashboard", §3.18).
 *
 * @param upcomingProjects projects starting today or later (the orchestra's today)
 * @param pendingResponses requests waiting for an answer
 * @param remindersSent requests that got their reminder
 * @param requestsLast30Days requests sent in the last 30 days
 * @param responseRate of those, the share no longer pending, in percent
 * @param messagesFailing outbox messages given up (to be retried after a fix)
 * @param answersPerWeek the last twelve ISO weeks, oldest first
 */
public record DashboardFigures(
    long totalMusicians,
    long activeMusicians,
    long upcomingProjects,
    long totalRequests,
    long pendingResponses,
    long remindersSent,
    long requestsLast30Days,
    int responseRate,
    long messagesFailing,
    List<DashboardRules.WeekAnswers> answersPerWeek) {}
