package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.Project;

/**
 * What has been asked in a project and how it stands (legacy-system.md §2.4 "GET
 * /api/projects/{id}/requests"): the needs with their requests and histories, who accepted, and the
 * communication log as a feed.
 */
@ApplicationScoped
public class RequestBoard {

  /** The most events one call of the feed answers; the caller asks again from the last one. */
  public static final int MAX_EVENTS = 500;

  @Inject Projects projects;
  @Inject BoardQueries queries;
  @Inject SelectionLoader loader;
  @Inject StaffingQueries needQueries;

  /**
   * One request as the board shows it.
   *
   * @param id the request's integer id
   * @param musicianId the musician's integer id
   * @param musicianCode their code ({@code MUS001})
   */
  public record Entry(
      Integer id,
      String requestId,
      Integer needId,
      Integer musicianId,
      String musicianCode,
      String firstName,
      String lastName,
      String email,
      String phone,
      String status,
      Instant sentAt,
      Instant reminderSentAt,
      Instant respondedAt,
      Boolean confirmationSent) {}

  /** One entry of a request's history ({@code request_sent}, {@code response_received}, ...). */
  public record Event(
      Instant timestamp,
      String type,
      Integer id,
      String requestId,
      Integer musicianId,
      Integer needId) {}

  /**
   * A request with its deadline and history.
   *
   * @param failedMessages its messages (mail or SMS) that failed for good and wait for an admin's
   *     retry ({@code GET /messages?status=failed}, {@code POST /messages/{id}/retry})
   */
  public record BoardRequest(
      Entry request, Instant expiresAt, List<Event> history, List<Integer> failedMessages) {}

  /**
   * One need on the board.
   *
   * @param nextInQueue who would be asked next, by rank
   */
  public record BoardNeed(NeedView need, List<Integer> nextInQueue, List<BoardRequest> requests) {}

  /** The board: needs not started first, then in progress, then fully staffed. */
  public record Board(Integer projectId, List<BoardNeed> needs) {}

  public Board board(int projectId) {
    Project project = projects.find(projectId);
    SelectionLoader.Loaded loaded = loader.load(project);
    List<Entry> entries = queries.requests(project.getId());
    Map<Integer, Instant> deadlines = queries.deadlines(project.getId());
    Map<Integer, List<Integer>> failed = queries.failedMessages(project.getId());
    Map<Integer, List<Event>> histories =
        queries.events(project.getId(), null).stream().collect(Collectors.groupingBy(Event::id));
    Map<Integer, List<Entry>> byNeed =
        entries.stream().collect(Collectors.groupingBy(Entry::needId));
    Map<Integer, RequestCounts> counts =
        RequestCounts.byNeed(
            entries.stream()
                .map(e -> new RequestRow(e.needId(), e.musicianId(), e.status()))
                .toList());
    List<BoardNeed> needs = new ArrayList<>();
    for (NeedRow need : loaded.needs()) {
      RecipientSelection.Plan plan = RecipientSelection.forNeed(loaded.input(), need.id());
      List<BoardRequest> requests =
          byNeed.getOrDefault(need.id(), List.of()).stream()
              .map(
                  e ->
                      new BoardRequest(
                          e,
                          deadlines.get(e.id()),
                          histories.getOrDefault(e.id(), List.of()),
                          failed.getOrDefault(e.id(), List.of())))
              .toList();
      needs.add(
          new BoardNeed(
              NeedView.of(need, counts.getOrDefault(need.id(), RequestCounts.NONE)),
              Stream.concat(plan.recipients().stream(), plan.nextInQueue().stream()).toList(),
              requests));
    }
    // A stable sort keeps the processing order within each group.
    needs.sort(Comparator.comparingInt(RequestBoard::stage));
    return new Board(project.getId(), needs);
  }

  /** Who accepted, need by need in processing order. */
  public List<Entry> accepted(int projectId) {
    Project project = projects.find(projectId);
    Map<Integer, Integer> order = new HashMap<>();
    List<NeedRow> needs = needQueries.needs(project.getId());
    for (int i = 0; i < needs.size(); i++) {
      order.put(needs.get(i).id(), i);
    }
    return queries.requests(project.getId()).stream()
        .filter(e -> RequestStatus.ACCEPTED.equals(e.status()))
        .sorted(Comparator.comparing((Entry e) -> order.get(e.needId())))
        .toList();
  }

  /** The communication log of the project after {@code since}, oldest first. */
  public List<Event> events(int projectId, Instant since) {
    Project project = projects.find(projectId);
    return queries.events(project.getId(), since);
  }

  private static int stage(BoardNeed need) {
    RequestCounts counts = need.need().counts();
    if (counts.accepted() >= need.need().quantity()) {
      return 2;
    }
    return counts.total() == 0 ? 0 : 1;
  }
}
