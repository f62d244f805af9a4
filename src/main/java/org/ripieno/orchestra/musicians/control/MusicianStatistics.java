package org.ripieno.orchestra.musicians.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A musician's answering record, computed from their requests (legacy-system.md §2.4): the
 * acceptance rate counts only answered requests (accepted or declined), the average response time
 * only requests answered by the musician, years are the orchestra's calendar years.
 */
public record MusicianStatistics(
    int totalRequests,
    int accepted,
    int declined,
    int pending,
    int timedOut,
    int cancelled,
    Integer acceptanceRate,
    Double averageResponseTimeHours,
    List<PositionCount> topPositions,
    List<YearCount> requestsByYear) {

  /** One request as the statistics need it. */
  public record Fact(
      String status, Instant sentAt, Instant respondedAt, String instrument, String position) {}

  public record PositionCount(String position, long count) {}

  public record YearCount(int year, long count) {}

  public static MusicianStatistics of(List<Fact> facts, ZoneId zone) {
    Map<String, Long> byStatus =
        facts.stream().collect(Collectors.groupingBy(Fact::status, Collectors.counting()));
    int accepted = count(byStatus, "accepted");
    int declined = count(byStatus, "declined");
    Integer rate =
        accepted + declined == 0
            ? null
            : (int) Math.round(accepted * 100.0 / (accepted + declined));
    List<Duration> answered =
        facts.stream()
            .filter(f -> f.respondedAt() != null && f.sentAt() != null)
            .filter(f -> "accepted".equals(f.status()) || "declined".equals(f.status()))
            .map(f -> Duration.between(f.sentAt(), f.respondedAt()))
            .toList();
    Double average =
        answered.isEmpty()
            ? null
            : Math.round(
                    answered.stream().mapToLong(Duration::toSeconds).average().orElse(0) / 360.0)
                / 10.0;
    Map<String, Long> byPosition =
        facts.stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.instrument() + " - " + f.position(), Collectors.counting()));
    List<PositionCount> top =
        byPosition.entrySet().stream()
            .map(e -> new PositionCount(e.getKey(), e.getValue()))
            .sorted(
                Comparator.comparingLong(PositionCount::count)
                    .reversed()
                    .thenComparing(PositionCount::position))
            .limit(3)
            .toList();
    Map<Integer, Long> byYear =
        facts.stream()
            .filter(f -> f.sentAt() != null)
            .collect(
                Collectors.groupingBy(
                    (Fact f) -> f.sentAt().atZone(zone).getYear(),
                    () -> new TreeMap<Integer, Long>(Comparator.reverseOrder()),
                    Collectors.counting()));
    return new MusicianStatistics(
        facts.size(),
        accepted,
        declined,
        count(byStatus, "pending"),
        count(byStatus, "timed_out"),
        count(byStatus, "cancelled"),
        rate,
        average,
        top,
        byYear.entrySet().stream().map(e -> new YearCount(e.getKey(), e.getValue())).toList());
  }

  private static int count(Map<String, Long> byStatus, String status) {
    return byStatus.getOrDefault(status, 0L).intValue();
  }
}
