package org.ripieno.orchestra.groupemail.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a group email reaches (legacy-system.md §3.16): each active musician with an accepted request
 * in the project, once, narrowed by instruments and positions. A musician is in when one of their
 * accepted places matches every filter given (an empty filter matches all); one without an email
 * address cannot be reached and is left out. Sorted as the legacy: instrument order, position
 * hierarchy, name.
 */
public final class RecipientFilter {

  /** One accepted request: the musician and the place they accepted. */
  public record AcceptedPlace(
      int musicianId,
      String firstName,
      String lastName,
      String email,
      String language,
      int instrumentId,
      String instrumentName,
      Integer instrumentOrder,
      int positionId,
      String positionName,
      Integer hierarchyLevel) {

    String name() {
      return (firstName + " " + lastName).strip();
    }

    String place() {
      return instrumentName + " - " + positionName;
    }
  }

  private RecipientFilter() {}

  public static List<GroupRecipient> choose(
      Collection<AcceptedPlace> accepted, Set<Integer> instrumentIds, Set<Integer> positionIds) {
    Map<Integer, List<AcceptedPlace>> byMusician = new LinkedHashMap<>();
    accepted.stream()
        .sorted(ORDER)
        .forEach(
            place ->
                byMusician.computeIfAbsent(place.musicianId(), id -> new ArrayList<>()).add(place));
    List<GroupRecipient> recipients = new ArrayList<>();
    for (List<AcceptedPlace> places : byMusician.values()) {
      AcceptedPlace first = places.get(0);
      if (first.email() == null || first.email().isBlank()) {
        continue;
      }
      places.stream()
          .filter(p -> instrumentIds.isEmpty() || instrumentIds.contains(p.instrumentId()))
          .filter(p -> positionIds.isEmpty() || positionIds.contains(p.positionId()))
          .findFirst()
          .ifPresent(
              match ->
                  recipients.add(
                      new GroupRecipient(
                          match.musicianId(),
                          match.name(),
                          match.email().strip(),
                          match.language(),
                          match.instrumentName(),
                          match.instrumentId(),
                          match.positionName(),
                          match.positionId(),
                          places.stream()
                              .map(AcceptedPlace::place)
                              .distinct()
                              .collect(Collectors.joining(", ")))));
    }
    return recipients;
  }

  private static final Comparator<AcceptedPlace> ORDER =
      Comparator.comparing(
              AcceptedPlace::instrumentOrder, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(
              AcceptedPlace::hierarchyLevel, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(AcceptedPlace::lastName, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(AcceptedPlace::firstName, String.CASE_INSENSITIVE_ORDER)
          .thenComparingInt(AcceptedPlace::musicianId);
}
