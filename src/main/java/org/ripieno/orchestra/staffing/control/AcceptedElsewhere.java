package org.ripieno.orchestra.staffing.control;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An accepted request of a musician in another project, with that project's start. */
public record AcceptedElsewhere(Integer musicianId, Integer projectId, Instant startDate) {

  /**
   * The musicians who accepted in a project starting in the same ISO week as {@code start}, both
   * weeks read in the orchestra's time zone; each with the lowest such project id.
   */
  public static Map<Integer, Integer> sameWeek(
      Instant start, ZoneId zone, List<AcceptedElsewhere> accepted) {
    IsoWeek week = IsoWeek.of(start, zone);
    Map<Integer, Integer> busy = new TreeMap<>();
    for (AcceptedElsewhere row : accepted) {
      if (IsoWeek.of(row.startDate(), zone).equals(week)) {
        busy.merge(row.musicianId(), row.projectId(), Math::min);
      }
    }
    return busy;
  }
}
