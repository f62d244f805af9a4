package org.ripieno.orchestra.staffing.control;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many of a list's members could be asked (legacy-system.md §3.2 check 7): {@code
 * totalActiveMusicians} are active and not archived; {@code availableMusicians} are those of them
 * with no counting (not cancelled) request in the project, and, for a need that requires it, who
 * live locally.
 */
public record ListAvailability(int totalActiveMusicians, int availableMusicians) {

  public static ListAvailability of(
      Collection<ListMember> members, Set<Integer> contacted, boolean requireLocalResidence) {
    int active = 0;
    int available = 0;
    for (ListMember member : members) {
      if (!member.available()) {
        continue;
      }
      active++;
      if (!contacted.contains(member.musicianId())
          && (!requireLocalResidence || Boolean.TRUE.equals(member.localResidence()))) {
        available++;
      }
    }
    return new ListAvailability(active, available);
  }

  /** The musicians with a counting request in the project. */
  public static Set<Integer> contacted(Collection<RequestRow> requests) {
    return requests.stream()
        .filter(RequestRow::counts)
        .map(RequestRow::musicianId)
        .collect(Collectors.toSet());
  }
}
