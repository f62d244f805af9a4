package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.settings.control.SettingsRules;

/**
 * Reads what {@link RecipientSelection} needs for one project in six queries: the needs, the
 * members of their standard lists, of their custom lists, the project's requests, the accepted
 * requests of other projects around its week, and the settings.
 */
@ApplicationScoped
public class SelectionLoader {

  /** Wider than any week in any time zone; the week itself is decided in Java. */
  private static final Duration WINDOW = Duration.ofDays(8);

  @Inject StaffingQueries queries;

  /** The selection's input with the project's needs and requests as read. */
  public Loaded load(Project project) {
    List<NeedRow> needs = queries.needs(project.getId());
    List<RequestRow> requests = queries.requests(project.getId());
    Map<String, String> settings = queries.settings();
    ZoneId zone = SettingsRules.timeZone(settings);
    Map<Integer, List<RecipientSelection.Member>> standard =
        byList(
            queries.standardMembers(
                needs.stream()
                    .filter(n -> n.customRankingListId() == null)
                    .map(NeedRow::rankingListId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList()));
    Map<Integer, List<RecipientSelection.Member>> custom =
        byList(
            queries.customMembers(
                needs.stream()
                    .map(NeedRow::customRankingListId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList()));
    Instant start = project.getStartDate();
    Map<Integer, Integer> busy =
        AcceptedElsewhere.sameWeek(
            start,
            zone,
            queries.acceptedElsewhere(project.getId(), start.minus(WINDOW), start.plus(WINDOW)));
    List<RecipientSelection.Need> selectionNeeds = new ArrayList<>();
    for (NeedRow need : needs) {
      // Both set (which the API never allows, but a legacy row may hold): the custom list wins.
      List<RecipientSelection.Member> members =
          need.customRankingListId() != null
              ? custom.getOrDefault(need.customRankingListId(), List.of())
              : standard.getOrDefault(need.rankingListId(), List.of());
      selectionNeeds.add(
          new RecipientSelection.Need(
              need.id(),
              need.hierarchyLevel(),
              need.order(),
              need.needStatus(),
              RequestStrategy.of(need.requestStrategy()).orElse(RequestStrategy.SEQUENTIAL),
              need.quantity(),
              need.maxRecipients(),
              Boolean.TRUE.equals(need.requireLocalResidence()),
              members));
    }
    RecipientSelection.Input input =
        new RecipientSelection.Input(
            selectionNeeds,
            requests.stream().map(RequestRow::request).toList(),
            busy,
            ConflictStrategy.of(settings.get(CanonicalSeed.RANKING_CONFLICT_STRATEGY)),
            SameWeekConflicts.of(settings.get(SettingsRules.SAME_WEEK_CONFLICTS)));
    return new Loaded(needs, input);
  }

  /** The needs as read (for their names and fields) and the selection's input. */
  public record Loaded(List<NeedRow> needs, RecipientSelection.Input input) {}

  private static Map<Integer, List<RecipientSelection.Member>> byList(List<ListMember> rows) {
    Map<Integer, List<RecipientSelection.Member>> members = new HashMap<>();
    for (ListMember row : rows) {
      members.computeIfAbsent(row.listId(), id -> new ArrayList<>()).add(row.member());
    }
    return members;
  }
}
