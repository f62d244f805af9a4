package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.StaffingScenario;

/**
 * Needs, list options and previews through the running application. The register (instruments,
 * musicians, ranking lists, projects) is built over HTTP; since sending does not exist yet, the
 * requests whose states the previews read are inserted into the orchestra database directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffingIT {

  private static final String BASE = "/api/orchestras/staffing";

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private StaffingScenario scenario;
  private String admin;
  private String user;

  private int concertmaster;
  private int tutti;
  private int viola;

  /**
   * Twelve violinists: 0-7 on concertmaster A, 8-11 on concertmaster B, 2, 8 and 10 on tutti A; all
   * live locally but 8 and 11.
   */
  private final List<Integer> musicians = new ArrayList<>();

  private int listA;
  private int listB;
  private int tuttiA;
  private int projectCount;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    ripieno = fixture.ripieno();
    scenario =
        StaffingScenario.register(
            fixture, "orch-staffing", "staffing", "Bemanningsorkestern", "staff-admin");
    admin = scenario.admin();
    fixture.createUser("staff-user", "user", "orch-staffing", "staff-user-password");
    user = fixture.login("staff-user", "staff-user-password");
    // Each test makes its own upcoming projects; the default plan allows 20.
    scenario.allowManyProjects();

    List<Integer> violin =
        scenario.instrument(
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Konsertmästare\"},"
                + "{\"name\":\"Tutti\"}]}");
    concertmaster = violin.get(0);
    tutti = violin.get(1);
    viola = scenario.instrument("{\"name\":\"Viola\",\"positions\":[{\"name\":\"Solo\"}]}").get(0);
    for (int i = 0; i < 12; i++) {
      boolean local = i == 9 || i == 10 || i < 8;
      musicians.add(
          scenario.musician(
              "{\"firstName\":\"Vi"
                  + i
                  + "\",\"lastName\":\"Olin\",\"email\":\"vi"
                  + i
                  + "@example.org\",\"localResidence\":"
                  + local
                  + ",\"qualificationIds\":["
                  + concertmaster
                  + ","
                  + tutti
                  + "]}"));
    }
    listA = scenario.rankingList(concertmaster, "A", musicians.subList(0, 8));
    listB = scenario.rankingList(concertmaster, "B", musicians.subList(8, 12));
    tuttiA =
        scenario.rankingList(
            tutti, "A", List.of(musicians.get(2), musicians.get(8), musicians.get(10)));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Nested
  class CreatingANeed {

    @Test
    void aValidNeedGetsACodeZeroCountsAndOneAuditRow() throws Exception {
      int project = project("2031-02-03");
      long audits =
          scenario.count("select count(*) from \"AuditLog\" where \"entityType\" = 'ProjectNeed'");

      HttpResponse<String> created =
          scenario.call(
              "POST",
              needs(project),
              "{\"positionId\":"
                  + concertmaster
                  + ",\"quantity\":3,\"rankingListId\":"
                  + listA
                  + ",\"requestStrategy\":\"first_come\",\"maxRecipients\":5}");

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject need = RunningRipieno.json(created);
      assertThat(need.getString("projectNeedId")).matches("NEED\\d{3,}");
      assertThat(need.getString("status")).isEqualTo("active");
      assertThat(need.getInt("responseTimeHours")).isEqualTo(24);
      assertThat(need.getString("positionName")).isEqualTo("Konsertmästare");
      assertThat(need.getJsonObject("counts").toString())
          .isEqualTo(
              "{\"accepted\":0,\"cancelled\":0,\"declined\":0,\"pending\":0,\"timedOut\":0}");
      assertThat(created.headers().firstValue("Location").orElseThrow())
          .endsWith(needs(project) + "/" + need.getInt("id"));
      assertThat(
              scenario.count(
                  "select count(*) from \"AuditLog\" where \"entityType\" = 'ProjectNeed'"))
          .isEqualTo(audits + 1);
      assertThat(RunningRipieno.json(scenario.call("GET", needs(project), null)).getInt("total"))
          .isEqualTo(1);
    }

    @Test
    void everyLegacyValidationIsRefusedClearlyAndWritesNothing() throws Exception {
      int project = project("2031-03-03");
      int custom = customList(project, concertmaster, musicians.subList(0, 3));
      need(project, concertmaster, 1, "customRankingListId", custom, "sequential", "");
      long needsBefore = scenario.count("select count(*) from \"ProjectNeed\"");
      long auditsBefore = scenario.count("select count(*) from \"AuditLog\"");
      String a = ",\"rankingListId\":" + listA;
      Map<String, String[]> refusals = new java.util.LinkedHashMap<>();
      refusals.put(
          pos(concertmaster) + ",\"quantity\":2" + a + ",\"requestStrategy\":\"sequential\"",
          new String[] {"400", "sequential strategy asks for exactly 1"});
      refusals.put(
          pos(concertmaster) + ",\"quantity\":1" + a + ",\"requestStrategy\":\"parallel\"",
          new String[] {"400", "parallel strategy needs a quantity of at least 2"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":3"
              + a
              + ",\"requestStrategy\":\"first_come\",\"maxRecipients\":2",
          new String[] {"400", "maxRecipients (2) is at least the quantity (3)"});
      refusals.put(
          pos(concertmaster) + ",\"quantity\":1,\"requestStrategy\":\"sequential\"",
          new String[] {"400", "Choose a ranking list"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":1"
              + a
              + ",\"customRankingListId\":"
              + custom
              + ",\"requestStrategy\":\"sequential\"",
          new String[] {"400", "Choose one list only"});
      refusals.put(
          pos(tutti) + ",\"quantity\":1" + a + ",\"requestStrategy\":\"sequential\"",
          new String[] {"400", "There is no ranking list " + listA + " for Tutti"});
      refusals.put(
          pos(viola) + ",\"quantity\":1" + a + ",\"requestStrategy\":\"sequential\"",
          new String[] {"409", "No active musician is qualified for Solo"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":1,\"customRankingListId\":"
              + custom
              + ",\"requestStrategy\":\"sequential\"",
          new String[] {"409", "is already used by another need of the project"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":5,\"rankingListId\":"
              + listB
              + ",\"requestStrategy\":\"parallel\"",
          new String[] {
            "409", "quantity (5) is higher than the musicians available on the list (4)"
          });
      refusals.put(
          pos(concertmaster) + ",\"quantity\":1" + a + ",\"requestStrategy\":\"random\"",
          new String[] {"400", "requestStrategy is sequential, parallel or first_come"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":1"
              + a
              + ",\"requestStrategy\":\"sequential\",\"responseTimeHours\":0",
          new String[] {"400", "responseTimeHours is between 1 and 2232"});
      refusals.put(
          pos(concertmaster)
              + ",\"quantity\":2"
              + a
              + ",\"requestStrategy\":\"parallel\",\"maxRecipients\":4",
          new String[] {"400", "maxRecipients belongs to the first_come strategy only"});
      for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
        HttpResponse<String> answer =
            scenario.call("POST", needs(project), "{" + refusal.getKey() + "}");
        assertThat(answer.statusCode())
            .as(refusal.getKey() + " → " + answer.body())
            .isEqualTo(Integer.parseInt(refusal.getValue()[0]));
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/problem+json");
        assertThat(RunningRipieno.json(answer).getString("detail")).contains(refusal.getValue()[1]);
      }
      assertThat(scenario.count("select count(*) from \"ProjectNeed\"")).isEqualTo(needsBefore);
      assertThat(scenario.count("select count(*) from \"AuditLog\"")).isEqualTo(auditsBefore);
    }

    @Test
    void refusalsSpeakSwedishWhenAskedTo() throws Exception {
      int project = project("2031-03-10");

      HttpResponse<String> answer =
          ripieno.send(
              "POST",
              BASE + needs(project),
              admin,
              "{"
                  + pos(concertmaster)
                  + ",\"quantity\":2,\"rankingListId\":"
                  + listA
                  + ",\"requestStrategy\":\"sequential\"}",
              "Accept-Language",
              "sv");

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(answer).getString("detail"))
          .isEqualTo("Sekventiell strategi måste ha antal = 1.");
    }

    @Test
    void musiciansAskedInTheProjectAreNotAvailableButCancelledOnesAre() throws Exception {
      int project = project("2031-03-17");
      int first = need(project, tutti, 1, "rankingListId", tuttiA, "sequential", "");
      scenario.request(first, musicians.get(2), "declined");
      scenario.request(first, musicians.get(8), "cancelled");
      // B holds 8-11, none asked: 4 available. Tutti A: 2 declined; 8 cancelled and 10: 2 left.
      int second = need(project, concertmaster, 4, "rankingListId", listB, "parallel", "");
      assertThat(second).isPositive();

      HttpResponse<String> tooMany =
          scenario.call(
              "POST",
              needs(project),
              "{"
                  + pos(tutti)
                  + ",\"quantity\":3,\"rankingListId\":"
                  + tuttiA
                  + ",\"requestStrategy\":\"parallel\"}");
      assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(409);
      assertThat(RunningRipieno.json(tooMany).getString("detail")).contains("(2)");
    }
  }

  @Nested
  class ListOptions {

    @Test
    void standardListsCountActiveAndAvailableMusiciansAndTheirUseInTheProject() throws Exception {
      int project = project("2031-04-07");
      int need = need(project, concertmaster, 2, "rankingListId", listA, "parallel", "");
      scenario.request(need, musicians.get(0), "pending");
      scenario.request(need, musicians.get(1), "cancelled");
      int custom = customList(project, concertmaster, musicians.subList(0, 4));

      HttpResponse<String> answer =
          scenario.call(
              "GET", "/projects/" + project + "/list-options?positionId=" + concertmaster, null);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonObject options = RunningRipieno.json(answer);
      JsonArray lists = options.getJsonArray("standardLists");
      assertThat(lists.getValuesAs(JsonObject.class))
          .extracting(l -> l.getString("listType"))
          .containsExactly("A", "B");
      JsonObject a = lists.getJsonObject(0);
      assertThat(a.getInt("totalActiveMusicians")).isEqualTo(8);
      assertThat(a.getInt("availableMusicians")).isEqualTo(7);
      assertThat(a.getBoolean("isUsedInProject")).isTrue();
      assertThat(a.getJsonArray("usedByNeedIds").getInt(0)).isEqualTo(need);
      assertThat(lists.getJsonObject(1).getBoolean("isUsedInProject")).isFalse();
      JsonObject customOption = options.getJsonObject("customList");
      assertThat(customOption.getInt("id")).isEqualTo(custom);
      assertThat(customOption.getString("listType")).isEqualTo("custom");
      assertThat(customOption.getBoolean("isCustomList")).isTrue();
      assertThat(customOption.getInt("totalActiveMusicians")).isEqualTo(4);
      assertThat(customOption.getInt("availableMusicians")).isEqualTo(3);
      assertThat(customOption.getBoolean("isUsedInProject")).isFalse();

      assertThat(scenario.call("GET", "/projects/" + project + "/list-options", null).statusCode())
          .isEqualTo(400);
      assertThat(
              scenario
                  .call("GET", "/projects/" + project + "/list-options?positionId=abc", null)
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Nested
  class Previews {

    @Test
    void everyMemberHasOneReasonAndTheCountsAndTotalsFollowTheRequests() throws Exception {
      // The other project of the same ISO week (Wednesday), where musician 6 accepted.
      int project = project("2031-05-05");
      int sameWeek = project("2031-05-07");
      int elsewhere = need(sameWeek, concertmaster, 2, "rankingListId", listA, "parallel", "");
      scenario.request(elsewhere, musicians.get(6), "accepted");
      int need = need(project, concertmaster, 3, "rankingListId", listA, "parallel", "");
      int local =
          need(
              project,
              tutti,
              1,
              "rankingListId",
              tuttiA,
              "sequential",
              ",\"requireLocalResidence\":true");
      scenario.request(need, musicians.get(0), "pending");
      scenario.request(need, musicians.get(1), "accepted");
      scenario.request(need, musicians.get(2), "declined");
      scenario.request(need, musicians.get(3), "timed_out");
      scenario.request(need, musicians.get(4), "cancelled");
      assertThat(
              scenario
                  .call("PUT", "/musicians/" + musicians.get(5), "{\"isActive\":false}")
                  .statusCode())
          .isEqualTo(200);
      try {
        JsonObject preview = json("GET", needs(project) + "/" + need + "/preview");

        assertThat(reasons(preview))
            .containsExactly(
                "has_pending",
                "has_accepted",
                "has_declined",
                "timed_out",
                "will_receive_request",
                "inactive",
                "busy_same_week",
                "will_receive_request");
        assertThat(preview.getInt("toSend")).isEqualTo(1);
        assertThat(ids(preview.getJsonArray("recipients"))).containsExactly(musicians.get(4));
        assertThat(ids(preview.getJsonArray("nextInQueue")))
            .containsExactly(musicians.get(6), musicians.get(7));
        JsonObject busy = preview.getJsonArray("members").getJsonObject(6);
        assertThat(busy.getInt("busyInProjectId")).isEqualTo(sameWeek);
        assertThat(busy.getInt("rank")).isEqualTo(7);
        assertThat(preview.getJsonObject("counts").toString())
            .isEqualTo(
                "{\"accepted\":1,\"cancelled\":1,\"declined\":1,\"pending\":1,\"timedOut\":1}");
        assertThat(json("GET", needs(project) + "/" + need).getJsonObject("counts"))
            .isEqualTo(preview.getJsonObject("counts"));

        JsonObject tuttiPreview = json("GET", needs(project) + "/" + local + "/preview");
        assertThat(reasons(tuttiPreview))
            .containsExactly("asked_for_other_need", "no_local_residence", "will_receive_request");
        assertThat(tuttiPreview.getJsonArray("members").getJsonObject(0).getInt("otherNeedId"))
            .isEqualTo(need);

        JsonObject whole = json("GET", "/projects/" + project + "/preview");
        assertThat(whole.getInt("totalToSend")).isEqualTo(2);
        assertThat(whole.getString("sameWeekConflicts")).isEqualTo("warn");
        assertThat(whole.getJsonArray("needs").getValuesAs(JsonObject.class))
            .extracting(n -> n.getInt("needId"))
            .containsExactly(need, local);

        JsonObject staffing = json("GET", "/projects/" + project).getJsonObject("staffing");
        assertThat(staffing.toString())
            .isEqualTo("{\"accepted\":1,\"needed\":4,\"percentage\":25,\"requests\":5}");
        JsonObject listed =
            RunningRipieno.json(scenario.call("GET", "/projects?year=2031&size=500", null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(p -> p.getInt("id") == project)
                .findFirst()
                .orElseThrow();
        assertThat(listed.getJsonObject("staffing")).isEqualTo(staffing);

        assertThat(
                scenario
                    .call("PUT", "/settings", "{\"same_week_conflicts\":\"skip\"}")
                    .statusCode())
            .isEqualTo(200);
        JsonObject skipping = json("GET", needs(project) + "/" + need + "/preview");
        assertThat(skipping.getJsonArray("members").getJsonObject(6).getString("reason"))
            .isEqualTo("busy_same_week");
        assertThat(ids(skipping.getJsonArray("nextInQueue"))).containsExactly(musicians.get(7));
      } finally {
        scenario.call("PUT", "/settings", "{\"same_week_conflicts\":\"warn\"}");
        scenario.call("PUT", "/musicians/" + musicians.get(5), "{\"isActive\":true}");
      }
    }

    @Test
    void pausedCompletedAndArchivedNeedsShowWhyNothingWillBeSent() throws Exception {
      int project = project("2031-06-02");
      int need = need(project, concertmaster, 2, "rankingListId", listB, "parallel", "");
      assertThat(json("GET", needs(project) + "/" + need + "/preview").getInt("toSend"))
          .isEqualTo(2);

      for (String status : List.of("paused", "completed", "archived")) {
        assertThat(patch(project, need, status).statusCode()).isEqualTo(200);
        JsonObject preview = json("GET", needs(project) + "/" + need + "/preview");
        assertThat(preview.getInt("toSend")).as(status).isZero();
        assertThat(preview.getString("nothingToSendBecause")).isEqualTo(status);
        assertThat(preview.getJsonArray("recipients")).isEmpty();
      }
    }
  }

  @Nested
  class ChangingANeed {

    @Test
    void strategyResponseTimeAndMaxRecipientsAreFrozenOnceARequestExists() throws Exception {
      int project = project("2031-08-04");
      int need =
          need(
              project,
              concertmaster,
              2,
              "rankingListId",
              listA,
              "first_come",
              ",\"maxRecipients\":3");
      JsonObject changed =
          RunningRipieno.json(
              scenario.call(
                  "PUT",
                  needs(project) + "/" + need,
                  "{\"responseTimeHours\":48,\"maxRecipients\":4}"));
      assertThat(changed.getInt("responseTimeHours")).isEqualTo(48);
      scenario.request(need, musicians.get(0), "cancelled");

      for (String field :
          List.of(
              "{\"requestStrategy\":\"parallel\"}",
              "{\"responseTimeHours\":12}",
              "{\"maxRecipients\":6}")) {
        HttpResponse<String> refused = scenario.call("PUT", needs(project) + "/" + need, field);
        assertThat(refused.statusCode()).as(field).isEqualTo(409);
        String name = field.substring(2, field.indexOf('"', 2));
        assertThat(RunningRipieno.json(refused).getString("detail"))
            .isEqualTo(name + " cannot be changed once the need has requests.");
      }
      HttpResponse<String> same =
          scenario.call(
              "PUT",
              needs(project) + "/" + need,
              "{\"requestStrategy\":\"first_come\",\"quantity\":3,\"requireLocalResidence\":true}");
      assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(same).getInt("quantity")).isEqualTo(3);
      assertThat(scenario.call("PUT", needs(project) + "/" + need, "{\"quantity\":5}").statusCode())
          .as("above the frozen maxRecipients")
          .isEqualTo(400);
    }

    @Test
    void theQuantityNeverGoesBelowTheAcceptedMusicians() throws Exception {
      int project = project("2031-08-11");
      int need = need(project, concertmaster, 3, "rankingListId", listA, "parallel", "");
      scenario.request(need, musicians.get(0), "accepted");
      scenario.request(need, musicians.get(1), "accepted");

      HttpResponse<String> refused =
          scenario.call("PUT", needs(project) + "/" + need, "{\"quantity\":1}");

      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(refused).getString("detail"))
          .isEqualTo("quantity cannot be lowered to 1: 2 musicians have already accepted.");
      assertThat(scenario.call("PUT", needs(project) + "/" + need, "{\"quantity\":2}").statusCode())
          .isEqualTo(200);
      assertThat(
              scenario.call("PUT", needs(project) + "/" + need, "{\"positionId\":1}").statusCode())
          .as("the position is not changed")
          .isEqualTo(400);
    }

    @Test
    void resumingNeverReopensACompletedOrArchivedNeed() throws Exception {
      int project = project("2031-09-01");
      int need = need(project, concertmaster, 1, "rankingListId", listA, "sequential", "");

      assertThat(patch(project, need, "paused").statusCode()).isEqualTo(200);
      assertThat(json("GET", needs(project) + "/" + need).getString("status")).isEqualTo("paused");
      assertThat(patch(project, need, "active").statusCode()).isEqualTo(200);
      assertThat(patch(project, need, "completed").statusCode()).isEqualTo(200);
      HttpResponse<String> reopen = patch(project, need, "active");
      assertThat(reopen.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(reopen).getString("detail")).contains("is completed");
      assertThat(patch(project, need, "paused").statusCode()).isEqualTo(409);
      JsonObject archived = RunningRipieno.json(patch(project, need, "archived"));
      assertThat(archived.getString("status")).isEqualTo("archived");
      assertThat(archived.getString("archivedAt")).endsWith("Z");
      assertThat(patch(project, need, "completed").statusCode()).isEqualTo(409);
      assertThat(patch(project, need, "done").statusCode()).isEqualTo(400);
    }

    @Test
    void aNeedWithoutRequestsIsDeletedAndOneWithRequestsIsArchived() throws Exception {
      int project = project("2031-09-08");
      int plain = need(project, concertmaster, 1, "rankingListId", listA, "sequential", "");
      int asked = need(project, concertmaster, 2, "rankingListId", listB, "parallel", "");
      scenario.request(asked, musicians.get(8), "declined");

      JsonObject deleted = json("DELETE", needs(project) + "/" + plain);
      assertThat(deleted.getString("result")).isEqualTo("deleted");
      assertThat(scenario.call("GET", needs(project) + "/" + plain, null).statusCode())
          .isEqualTo(404);
      assertThat(
              scenario.count(
                  "select count(*) from \"DeletedIds\" where \"entityType\" = 'projectNeed'"
                      + " and \"deletedId\" like 'NEED%'"))
          .isPositive();

      JsonObject archived = json("DELETE", needs(project) + "/" + asked);
      assertThat(archived.getString("result")).isEqualTo("archived");
      assertThat(
              scenario.count(
                  "select count(*) from \"AuditLog\" where \"entityType\" = 'ProjectNeed'"
                      + " and ((\"entityId\" = "
                      + plain
                      + " and action = 'delete') or (\"entityId\" = "
                      + asked
                      + " and action = 'archive'))"))
          .as("one audit row for the deletion and one for the archiving")
          .isEqualTo(2);
      assertThat(archived.getJsonObject("need").getString("status")).isEqualTo("archived");
      assertThat(
              json("GET", needs(project) + "/" + asked).getJsonObject("counts").getInt("declined"))
          .isEqualTo(1);
      assertThat(json("GET", "/projects/" + project).getJsonObject("staffing").getInt("needed"))
          .as("an archived need is no longer needed")
          .isZero();
    }

    @Test
    void aNeedOfAnotherProjectIsNotFound() throws Exception {
      int project = project("2031-09-15");
      int other = project("2031-09-22");
      int need = need(project, concertmaster, 1, "rankingListId", listA, "sequential", "");

      assertThat(scenario.call("GET", needs(other) + "/" + need, null).statusCode()).isEqualTo(404);
      assertThat(scenario.call("PUT", needs(other) + "/" + need, "{\"quantity\":1}").statusCode())
          .isEqualTo(404);
      assertThat(scenario.call("GET", needs(other) + "/" + need + "/preview", null).statusCode())
          .isEqualTo(404);
      assertThat(scenario.call("GET", needs(999_999), null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theUserRoleReadsNeedsAndPreviewsButChangesNothing() throws Exception {
    int project = project("2031-10-06");
    int need = need(project, concertmaster, 1, "rankingListId", listA, "sequential", "");
    for (String path :
        List.of(
            needs(project),
            needs(project) + "/" + need,
            needs(project) + "/" + need + "/preview",
            "/projects/" + project + "/preview",
            "/projects/" + project + "/list-options?positionId=" + concertmaster)) {
      assertThat(ripieno.send("GET", BASE + path, user, null).statusCode()).as(path).isEqualTo(200);
    }
    String body =
        "{"
            + pos(concertmaster)
            + ",\"quantity\":1,\"rankingListId\":"
            + listA
            + ",\"requestStrategy\":\"sequential\"}";
    for (String[] call :
        List.of(
            new String[] {"POST", needs(project), body},
            new String[] {"PUT", needs(project) + "/" + need, "{\"quantity\":1}"},
            new String[] {"PATCH", needs(project) + "/" + need, "{\"status\":\"paused\"}"},
            new String[] {"DELETE", needs(project) + "/" + need, null})) {
      assertThat(ripieno.send(call[0], BASE + call[1], user, call[2]).statusCode())
          .as(call[0] + " " + call[1])
          .isEqualTo(403);
    }
    assertThat(json("GET", needs(project) + "/" + need).getString("status")).isEqualTo("active");
  }

  @Test
  void theOpenApiDocumentDescribesTheStaffingOperations() throws Exception {
    HttpResponse<String> document = ripieno.get("/openapi");

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body())
        .contains(
            "/api/orchestras/{subdomain}/projects/{projectId}/needs/{needId}/preview",
            "/api/orchestras/{subdomain}/projects/{projectId}/list-options",
            "/api/orchestras/{subdomain}/projects/{projectId}/preview",
            "Delete a need, or archive it when it has requests",
            "nothingToSendBecause");
  }

  // --- helpers

  private int project(String startDate) throws Exception {
    return scenario
        .ok(
            "POST",
            "/projects",
            "{\"name\":\"Projekt " + (++projectCount) + "\",\"startDate\":\"" + startDate + "\"}",
            201)
        .getInt("id");
  }

  private int customList(int project, int position, List<Integer> members) throws Exception {
    return scenario
        .ok(
            "POST",
            "/projects/" + project + "/custom-lists",
            "{\"positionId\":"
                + position
                + ",\"musicianIds\":"
                + members.toString().replace(" ", "")
                + "}",
            201)
        .getInt("id");
  }

  private int need(
      int project,
      int position,
      int quantity,
      String listField,
      int list,
      String strategy,
      String extra)
      throws Exception {
    return scenario.need(project, position, listField, list, quantity, strategy, extra);
  }

  private HttpResponse<String> patch(int project, int need, String status) throws Exception {
    return scenario.call("PATCH", needs(project) + "/" + need, "{\"status\":\"" + status + "\"}");
  }

  private static String needs(int project) {
    return "/projects/" + project + "/needs";
  }

  private static String pos(int position) {
    return "\"positionId\":" + position;
  }

  private static List<String> reasons(JsonObject preview) {
    return preview.getJsonArray("members").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("reason"))
        .toList();
  }

  private static List<Integer> ids(JsonArray array) {
    return array.getValuesAs(jakarta.json.JsonNumber.class).stream()
        .map(jakarta.json.JsonNumber::intValue)
        .toList();
  }

  private JsonObject json(String method, String path) throws Exception {
    return scenario.ok(method, path, null, 200);
  }
}
