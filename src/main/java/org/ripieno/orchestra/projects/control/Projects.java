package org.ripieno.orchestra.projects.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.projects.boundary.ProjectInput;
import org.ripieno.orchestra.projects.boundary.ProjectView;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.settings.control.OrchestraSettings;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for projects: upcoming ones first (soonest first), then done ones (latest first); an
 * orchestra has at most {@code maxProjects} upcoming projects (its plan); a project that has sent
 * requests cannot be deleted, otherwise it goes with its needs, files and custom lists.
 */
@ApplicationScoped
public class Projects {

  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 10_000;
  private static final int FIRST_YEAR = 1900;
  private static final int LAST_YEAR = 2999;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;
  @Inject OrchestraSettings settings;
  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;
  @Inject StaffingTotals staffing;

  public Page<ProjectView> list(Integer year, int page, int size) {
    int first = Page.firstRow(page, size);
    ProjectCalendar calendar = calendar();
    LocalDate today = calendar.today(Instant.now());
    Instant cutoff = calendar.upcomingCutoff(today);
    Instant from;
    Instant until;
    if (year == null) {
      from = calendar.startOfYear(FIRST_YEAR);
      until = calendar.startOfYear(LAST_YEAR + 1);
    } else if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw ProblemException.badRequest(
          "year is between 1900 and 2999.", "year är mellan 1900 och 2999.");
    } else {
      from = calendar.startOfYear(year);
      until = calendar.startOfYear(year + 1);
    }
    long upcoming = count("Project.countUpcoming", cutoff, from, until);
    long done = count("Project.countDone", cutoff, from, until);
    List<Project> found = new ArrayList<>();
    if (first < upcoming) {
      found.addAll(
          query("Project.upcoming", cutoff, from, until)
              .setFirstResult(first)
              .setMaxResults(size)
              .getResultList());
    }
    if (found.size() < size) {
      int doneFirst = (int) Math.max(0, first - upcoming);
      found.addAll(
          query("Project.done", cutoff, from, until)
              .setFirstResult(doneFirst)
              .setMaxResults(size - found.size())
              .getResultList());
    }
    Map<Integer, ProjectView.Staffing> totals =
        staffing.of(found.stream().map(Project::getId).toList());
    List<ProjectView> items =
        found.stream()
            .map(
                p ->
                    ProjectView.of(
                        p, calendar.isUpcoming(p.getStartDate(), today), totals.get(p.getId())))
            .toList();
    return new Page<>(items, upcoming + done, page, size);
  }

  public ProjectView get(int id) {
    return view(find(id));
  }

  @OrchestraTransactional
  public ProjectView create(ProjectInput input) {
    ProjectCalendar calendar = calendar();
    Project project = new Project();
    project.setName(checkedName(input.name()));
    require(input.startDate(), "startDate");
    project.setStartDate(checkedStart(calendar, input.startDate()));
    project.setWeekNumber(
        input.weekNumber() == null
            ? calendar.isoWeek(project.getStartDate())
            : checkedWeek(input.weekNumber()));
    project.setRehearsalSchedule(checkedText(input.rehearsalSchedule(), "rehearsalSchedule"));
    project.setConcertInfo(checkedText(input.concertInfo(), "concertInfo"));
    project.setNotes(checkedText(input.notes(), "notes"));
    if (isUpcoming(calendar, project)) {
      withinPlan(calendar);
    }
    project.setProjectId(codes.next(CodeType.PROJECT));
    orchestra.persist(project);
    orchestra.flush();
    audit.record(AuditTrail.Action.CREATE, "Project", project.getId(), null, snapshot(project));
    return ProjectView.of(project, isUpcoming(calendar, project), ProjectView.Staffing.of(0, 0, 0));
  }

  @OrchestraTransactional
  public ProjectView update(int id, ProjectInput input) {
    ProjectCalendar calendar = calendar();
    Project project = find(id);
    ProjectView.Snapshot before = snapshot(project);
    if (input.startDate() != null && !isUpcoming(calendar, project)) {
      // Checked before anything changes, so the project itself is not yet counted as upcoming.
      Instant start = checkedStart(calendar, input.startDate());
      if (calendar.isUpcoming(start, calendar.today(Instant.now()))) {
        withinPlan(calendar);
      }
    }
    if (input.name() != null) {
      project.setName(checkedName(input.name()));
    }
    if (input.startDate() != null) {
      project.setStartDate(checkedStart(calendar, input.startDate()));
      if (input.weekNumber() == null) {
        project.setWeekNumber(calendar.isoWeek(project.getStartDate()));
      }
    }
    if (input.weekNumber() != null) {
      project.setWeekNumber(checkedWeek(input.weekNumber()));
    }
    if (input.rehearsalSchedule() != null) {
      project.setRehearsalSchedule(checkedText(input.rehearsalSchedule(), "rehearsalSchedule"));
    }
    if (input.concertInfo() != null) {
      project.setConcertInfo(checkedText(input.concertInfo(), "concertInfo"));
    }
    if (input.notes() != null) {
      project.setNotes(checkedText(input.notes(), "notes"));
    }
    ProjectView.Snapshot after = snapshot(project);
    if (!after.equals(before)) {
      orchestra.flush();
      audit.record(AuditTrail.Action.UPDATE, "Project", project.getId(), before, after);
    }
    return view(project);
  }

  @OrchestraTransactional
  public void delete(int id) {
    Project project = find(id);
    long requests =
        orchestra
            .createNamedQuery("Project.countRequests", Long.class)
            .setParameter("projectId", project.getId())
            .getSingleResult();
    if (requests > 0) {
      throw ProblemException.conflict(
          "The project {0} has sent requests, so it cannot be deleted.",
          "Projektet {0} har skickat förfrågningar och kan därför inte tas bort.",
          project.getName());
    }
    ProjectView.Snapshot before = snapshot(project);
    // Needs and files reference the project without cascading; custom lists cascade, but the
    // entity manager should not hold rows the database removed behind its back.
    orchestra
        .createQuery("DELETE FROM ProjectFile f WHERE f.projectId = :projectId")
        .setParameter("projectId", project.getId())
        .executeUpdate();
    orchestra
        .createQuery("DELETE FROM ProjectNeed n WHERE n.projectId = :projectId")
        .setParameter("projectId", project.getId())
        .executeUpdate();
    orchestra
        .createNamedQuery("CustomRanking.deleteOfProject")
        .setParameter("projectId", project.getId())
        .executeUpdate();
    orchestra
        .createNamedQuery("CustomRankingList.deleteOfProject")
        .setParameter("projectId", project.getId())
        .executeUpdate();
    orchestra.remove(project);
    codes.recordDeleted(CodeType.PROJECT, project.getProjectId());
    audit.record(AuditTrail.Action.DELETE, "Project", project.getId(), before, null);
  }

  /** The project, or 404. */
  public Project find(int id) {
    Project project = orchestra.find(Project.class, id);
    if (project == null) {
      throw ProblemException.notFound(
          "There is no project {0}.", "Det finns inget projekt {0}.", String.valueOf(id));
    }
    return project;
  }

  public ProjectCalendar calendar() {
    return new ProjectCalendar(settings.timeZone());
  }

  private ProjectView view(Project project) {
    return ProjectView.of(project, isUpcoming(calendar(), project), staffing.of(project.getId()));
  }

  private static boolean isUpcoming(ProjectCalendar calendar, Project project) {
    return calendar.isUpcoming(project.getStartDate(), calendar.today(Instant.now()));
  }

  private static ProjectView.Snapshot snapshot(Project project) {
    return ProjectView.Snapshot.of(project);
  }

  /** Refuses one more upcoming project beyond the plan's {@code maxProjects}. */
  private void withinPlan(ProjectCalendar calendar) {
    OrchestraEntry entry = routes.entryOf(current).orElseThrow();
    Instant cutoff = calendar.upcomingCutoff(calendar.today(Instant.now()));
    long upcoming =
        count(
            "Project.countUpcoming",
            cutoff,
            calendar.startOfYear(FIRST_YEAR),
            calendar.startOfYear(LAST_YEAR + 1));
    if (upcoming >= entry.maxProjects()) {
      throw ProblemException.conflict(
          "The orchestra's plan allows at most {0} upcoming projects, and it has {1}.",
          "Orkesterns abonnemang tillåter högst {0} kommande projekt, och den har {1}.",
          entry.maxProjects(),
          upcoming);
    }
  }

  private long count(String query, Instant cutoff, Instant from, Instant until) {
    return orchestra
        .createNamedQuery(query, Long.class)
        .setParameter("cutoff", cutoff)
        .setParameter("from", from)
        .setParameter("until", until)
        .getSingleResult();
  }

  private TypedQuery<Project> query(String query, Instant cutoff, Instant from, Instant until) {
    return orchestra
        .createNamedQuery(query, Project.class)
        .setParameter("cutoff", cutoff)
        .setParameter("from", from)
        .setParameter("until", until);
  }

  private static String checkedName(String name) {
    require(name, "name");
    String value = name.trim();
    if (value.length() > MAX_NAME) {
      throw ProblemException.badRequest(
          "name has at most 200 characters.", "name har högst 200 tecken.");
    }
    return value;
  }

  private static Instant checkedStart(ProjectCalendar calendar, String text) {
    Instant start =
        calendar
            .parse(text)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "startDate is a date such as 2027-03-08 (or an instant such as"
                            + " 2027-03-08T09:00:00Z).",
                        "startDate är ett datum som 2027-03-08 (eller en tidpunkt som"
                            + " 2027-03-08T09:00:00Z)."));
    int year = calendar.day(start).getYear();
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw ProblemException.badRequest(
          "startDate lies between the years 1900 and 2999.",
          "startDate ligger mellan åren 1900 och 2999.");
    }
    return start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private static int checkedWeek(int week) {
    if (week < 1 || week > 53) {
      throw ProblemException.badRequest(
          "weekNumber is between 1 and 53.", "weekNumber är mellan 1 och 53.");
    }
    return week;
  }

  private static String checkedText(String text, String field) {
    if (text != null && text.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "{0} has at most 10,000 characters.", "{0} har högst 10 000 tecken.", field);
    }
    return text;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("{0} is required.", "{0} måste anges.", field);
    }
  }
}
