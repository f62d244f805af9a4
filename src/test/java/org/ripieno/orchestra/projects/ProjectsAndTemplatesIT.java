package org.ripieno.orchestra.projects;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Projects, custom lists, email templates and settings through the running application: one boot
 * for the whole class, one orchestra database (empty, no seed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectsAndTemplatesIT {

  private static final String BASE = "/api/orchestras/projorch";
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private DatabaseLogin database;
  private String admin;
  private String user;
  private int sequence;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    ripieno = fixture.ripieno();
    database = fixture.registerOrchestra("orch-proj", "projorch", "Projektorkestern");
    fixture.createUser("proj-admin", "admin", "orch-proj", "proj-admin-password");
    fixture.createUser("proj-user", "user", "orch-proj", "proj-user-password");
    admin = fixture.login("proj-admin", "proj-admin-password");
    user = fixture.login("proj-user", "proj-user-password");
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Nested
  class ProjectsCrud {

    @Test
    void aProjectIsCreatedWithACodeAndItsWeekDerivedFromTheDate() throws Exception {
      HttpResponse<String> created =
          send(
              "POST",
              BASE + "/projects",
              "{\"name\":\"Vårkonsert\",\"startDate\":\"2020-05-04\",\"rehearsalSchedule\":\"Mån"
                  + " 10-15\",\"concertInfo\":\"Fre 19\",\"notes\":\"Extra\"}");

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject project = RunningRipieno.json(created);
      assertThat(project.getString("projectId")).matches("PROJ\\d{3,}");
      assertThat(project.getInt("weekNumber")).isEqualTo(19);
      assertThat(project.getString("startDate")).isEqualTo("2020-05-03T22:00:00Z");
      assertThat(project.getBoolean("upcoming")).isFalse();
      assertThat(created.headers().firstValue("Location").orElseThrow())
          .endsWith("/projects/" + project.getInt("id"));

      HttpResponse<String> read = send("GET", BASE + "/projects/" + project.getInt("id"), null);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(RunningRipieno.json(read).getString("concertInfo")).isEqualTo("Fre 19");
    }

    @Test
    void aGivenWeekNumberIsKeptAndAnUpdateRecomputesTheWeekFromANewDate() throws Exception {
      int id = createProject("Höstkonsert", "2021-10-04", 12);
      assertThat(
              RunningRipieno.json(send("GET", BASE + "/projects/" + id, null)).getInt("weekNumber"))
          .isEqualTo(12);

      HttpResponse<String> updated =
          send(
              "PUT",
              BASE + "/projects/" + id,
              "{\"name\":\"Höstkonsert II\",\"startDate\":\"2021-11-08\"}");

      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      JsonObject project = RunningRipieno.json(updated);
      assertThat(project.getString("name")).isEqualTo("Höstkonsert II");
      assertThat(project.getInt("weekNumber")).isEqualTo(45);
    }

    @Test
    void upcomingProjectsComeFirstSoonestFirstThenDoneOnesLatestFirst() throws Exception {
      LocalDate today = LocalDate.now(STOCKHOLM);
      createProject("Snart", today.plusDays(14).toString(), null);
      createProject("Senare", today.plusDays(70).toString(), null);
      createProject("Förr", "2019-02-04", null);
      createProject("Längesen", "2018-02-05", null);

      JsonArray items =
          RunningRipieno.json(send("GET", BASE + "/projects?size=500", null)).getJsonArray("items");

      boolean seenDone = false;
      Instant previous = null;
      for (JsonObject project : items.getValuesAs(JsonObject.class)) {
        Instant start = Instant.parse(project.getString("startDate"));
        if (project.getBoolean("upcoming")) {
          assertThat(seenDone).as("an upcoming project after a done one").isFalse();
          if (previous != null) {
            assertThat(start).isAfterOrEqualTo(previous);
          }
        } else {
          if (seenDone) {
            assertThat(start).isBeforeOrEqualTo(previous);
          }
          seenDone = true;
        }
        previous = start;
      }
      assertThat(items.getValuesAs(JsonObject.class))
          .extracting(p -> p.getString("name"))
          .containsSubsequence("Snart", "Senare", "Förr", "Längesen");
      assertThat(
              RunningRipieno.json(send("GET", BASE + "/projects?year=2019", null))
                  .getJsonArray("items")
                  .getValuesAs(JsonObject.class))
          .extracting(p -> p.getString("name"))
          .containsExactly("Förr");
      HttpResponse<String> paged = send("GET", BASE + "/projects?size=1&page=2", null);
      assertThat(RunningRipieno.json(paged).getJsonArray("items")).hasSize(1);
      assertThat(RunningRipieno.json(paged).getJsonArray("items").getJsonObject(0).getInt("id"))
          .isEqualTo(items.getJsonObject(1).getInt("id"));
    }

    @Test
    void badInputIs400() throws Exception {
      for (String body :
          List.of(
              "{\"startDate\":\"2027-03-08\"}",
              "{\"name\":\"X\"}",
              "{\"name\":\"X\",\"startDate\":\"den 8 mars\"}",
              "{\"name\":\"X\",\"startDate\":\"2027-03-08\",\"weekNumber\":54}",
              "{\"name\":\"" + "x".repeat(201) + "\",\"startDate\":\"2027-03-08\"}",
              "{\"name\":\"X\",\"startDate\":\"2027-03-08\",\"notes\":\""
                  + "x".repeat(10_001)
                  + "\"}",
              "{\"name\":\"X\",\"startDate\":\"2027-03-08\",\"status\":\"done\"}")) {
        HttpResponse<String> answer = send("POST", BASE + "/projects", body);
        assertThat(answer.statusCode())
            .as(body.substring(0, Math.min(80, body.length())))
            .isEqualTo(400);
      }
      assertThat(send("GET", BASE + "/projects?year=abc", null).statusCode()).isEqualTo(400);
      assertThat(send("GET", BASE + "/projects/999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aProjectWithoutRequestsIsDeletedWithItsNeedsAndCustomLists() throws Exception {
      int project = createProject("Raderas", "2022-03-07", null);
      Staff staff = staff("del");
      int list = createCustomListFromMusicians(project, staff.position, List.of(staff.first));
      sql(
          "insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
              + " \"customRankingListId\", \"requestStrategy\") values ('NEED-D-"
              + project
              + "', "
              + project
              + ", "
              + staff.position
              + ", "
              + list
              + ", 'sequential')");

      HttpResponse<String> deleted = send("DELETE", BASE + "/projects/" + project, null);

      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
      assertThat(send("GET", BASE + "/projects/" + project, null).statusCode()).isEqualTo(404);
      assertThat(count("select count(*) from \"ProjectNeed\" where \"projectId\" = " + project))
          .isZero();
      assertThat(count("select count(*) from \"CustomRankingList\" where \"id\" = " + list))
          .isZero();
      assertThat(
              count(
                  "select count(*) from \"DeletedIds\" where \"entityType\" = 'project'"
                      + " and \"deletedId\" like 'PROJ%'"))
          .isPositive();
    }

    @Test
    void deletingIsRefusedOnceARequestExists() throws Exception {
      int project = createProject("Har förfrågan", "2022-05-02", null);
      Staff staff = staff("req");
      int need =
          insert(
              "insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
                  + " \"rankingListId\", \"requestStrategy\") values ('NEED-R-"
                  + project
                  + "', "
                  + project
                  + ", "
                  + staff.position
                  + ", "
                  + staff.list
                  + ", 'sequential') returning \"id\"");
      sql(
          "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\") values"
              + " ('REQ-R-"
              + project
              + "', "
              + need
              + ", "
              + staff.first
              + ")");

      HttpResponse<String> refused = send("DELETE", BASE + "/projects/" + project, null);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(RunningRipieno.json(refused).getString("detail")).contains("requests");
      assertThat(send("GET", BASE + "/projects/" + project, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void thePlanLimitsUpcomingProjects() throws Exception {
    long upcoming =
        RunningRipieno.json(send("GET", BASE + "/projects?size=500", null))
            .getJsonArray("items")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(p -> p.getBoolean("upcoming"))
            .count();
    fixture.onCentral(
        "update \"Orchestra\" set \"maxProjects\" = " + (upcoming + 1) + " where id = 'orch-proj'");
    try {
      String soon = LocalDate.now(STOCKHOLM).plusDays(21).toString();
      assertThat(
              send("POST", BASE + "/projects", "{\"name\":\"Inom\",\"startDate\":\"" + soon + "\"}")
                  .statusCode())
          .isEqualTo(201);

      HttpResponse<String> beyond =
          send("POST", BASE + "/projects", "{\"name\":\"Utöver\",\"startDate\":\"" + soon + "\"}");

      assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(409);
      assertThat(RunningRipieno.json(beyond).getString("detail"))
          .contains("at most " + (upcoming + 1) + " upcoming projects");
      assertThat(
              send(
                      "POST",
                      BASE + "/projects",
                      "{\"name\":\"Gammalt\",\"startDate\":\"2017-01-02\"}")
                  .statusCode())
          .as("a past project does not count")
          .isEqualTo(201);
      int past = createProject("Flyttas fram", "2017-01-09", null);
      assertThat(
              send("PUT", BASE + "/projects/" + past, "{\"startDate\":\"" + soon + "\"}")
                  .statusCode())
          .isEqualTo(409);
    } finally {
      fixture.onCentral("update \"Orchestra\" set \"maxProjects\" = 1000 where id = 'orch-proj'");
    }
  }

  @Nested
  class CustomLists {

    @Test
    void aListCopiedFromAStandardListKeepsItsOrderWithoutArchivedMusicians() throws Exception {
      Staff staff = staff("copy");
      int project = createProject("Kopierat", "2023-04-03", null);

      HttpResponse<String> created =
          send(
              "POST",
              BASE + "/projects/" + project + "/custom-lists",
              "{\"positionId\":" + staff.position + ",\"fromRankingListId\":" + staff.list + "}");

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject list = RunningRipieno.json(created);
      assertThat(list.getString("customListId")).matches("CLIST\\d{3,}");
      assertThat(list.getString("name")).isEqualTo("V. 14 Kopierat");
      assertThat(list.getJsonArray("members").getValuesAs(JsonObject.class))
          .extracting(m -> m.getInt("musicianId"))
          .containsExactly(staff.second, staff.first);

      HttpResponse<String> again =
          send(
              "POST",
              BASE + "/projects/" + project + "/custom-lists",
              "{\"positionId\":" + staff.position + ",\"musicianIds\":[" + staff.first + "]}");
      assertThat(again.statusCode()).isEqualTo(409);

      int other = createProject("Samma år", "2023-09-04", null);
      HttpResponse<String> copied =
          send(
              "POST",
              BASE + "/projects/" + other + "/custom-lists",
              "{\"positionId\":"
                  + staff.position
                  + ",\"fromCustomListId\":"
                  + list.getInt("id")
                  + "}");
      assertThat(copied.statusCode()).as(copied.body()).isEqualTo(201);
      assertThat(RunningRipieno.json(copied).getInt("musicianCount")).isEqualTo(2);

      int nextYear = createProject("Nästa år", "2024-09-02", null);
      assertThat(
              send(
                      "POST",
                      BASE + "/projects/" + nextYear + "/custom-lists",
                      "{\"positionId\":"
                          + staff.position
                          + ",\"fromCustomListId\":"
                          + list.getInt("id")
                          + "}")
                  .statusCode())
          .isEqualTo(400);
    }

    @Test
    void membersAreReplacedAndMustBeQualifiedAndNotArchived() throws Exception {
      Staff staff = staff("repl");
      int project = createProject("Ersätts", "2023-05-01", null);
      int list = createCustomListFromMusicians(project, staff.position, List.of(staff.first));

      HttpResponse<String> replaced =
          send(
              "PUT",
              BASE + "/projects/" + project + "/custom-lists/" + list,
              "{\"musicianIds\":[" + staff.second + "," + staff.first + "]}");

      assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
      assertThat(
              RunningRipieno.json(replaced).getJsonArray("members").getValuesAs(JsonObject.class))
          .extracting(m -> m.getInt("rank") + ":" + m.getInt("musicianId"))
          .containsExactly("1:" + staff.second, "2:" + staff.first);
      for (String ids :
          List.of(
              "[" + staff.archived + "]",
              "[" + staff.unqualified + "]",
              "[" + staff.first + "," + staff.first + "]",
              "[999999]")) {
        assertThat(
                send(
                        "PUT",
                        BASE + "/projects/" + project + "/custom-lists/" + list,
                        "{\"musicianIds\":" + ids + "}")
                    .statusCode())
            .as(ids)
            .isEqualTo(400);
      }
    }

    @Test
    void aListANeedUsesCannotBeDeleted() throws Exception {
      Staff staff = staff("used");
      int project = createProject("Används", "2023-06-05", null);
      int list = createCustomListFromMusicians(project, staff.position, List.of(staff.first));
      sql(
          "insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
              + " \"customRankingListId\", \"requestStrategy\") values ('NEED-U-"
              + list
              + "', "
              + project
              + ", "
              + staff.position
              + ", "
              + list
              + ", 'sequential')");

      HttpResponse<String> refused =
          send("DELETE", BASE + "/projects/" + project + "/custom-lists/" + list, null);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(
              RunningRipieno.json(
                      send("GET", BASE + "/projects/" + project + "/custom-lists/" + list, null))
                  .getJsonArray("usedByNeedIds"))
          .hasSize(1);

      sql("delete from \"ProjectNeed\" where \"customRankingListId\" = " + list);
      assertThat(
              send("DELETE", BASE + "/projects/" + project + "/custom-lists/" + list, null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(
              RunningRipieno.json(
                      send("GET", BASE + "/projects/" + project + "/custom-lists", null))
                  .getInt("total"))
          .isZero();
    }
  }

  @Test
  void templatesAreRestoredCreatedChangedPreviewedAndDeleted() throws Exception {
    HttpResponse<String> restored = send("POST", BASE + "/templates/restore-defaults", null);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(restored).getJsonArray("created")).hasSize(8);
    JsonArray templates =
        RunningRipieno.json(send("GET", BASE + "/templates", null)).getJsonArray("items");
    assertThat(templates.getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("type"))
        .containsExactly(
            "confirmation",
            "confirmation_en",
            "position_filled",
            "position_filled_en",
            "reminder",
            "reminder_en",
            "request",
            "request_en");
    assertThat(templates.getJsonObject(0).getString("body")).endsWith("Projektorkestern");

    HttpResponse<String> duplicate =
        send(
            "POST", BASE + "/templates", "{\"type\":\"request\",\"subject\":\"S\",\"body\":\"B\"}");
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(
            send(
                    "POST",
                    BASE + "/templates",
                    "{\"type\":\"Bad Type\",\"subject\":\"S\",\"body\":\"B\"}")
                .statusCode())
        .isEqualTo(400);

    HttpResponse<String> created =
        send(
            "POST",
            BASE + "/templates",
            "{\"type\":\"request_no\",\"subject\":\"Forespørsel {{projectName}}\","
                + "\"body\":\"Hei {{firstName}} {{fornavn}}\\n[Svar](https://example.org/r)\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject template = RunningRipieno.json(created);
    assertThat(template.getString("emailTemplateId")).matches("TMPL\\d{3,}");
    assertThat(template.getJsonArray("variables").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("projectName", "firstName", "fornavn");
    int id = template.getInt("id");

    HttpResponse<String> preview = send("POST", BASE + "/templates/" + id + "/preview", null);
    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    JsonObject rendered = RunningRipieno.json(preview);
    assertThat(rendered.getString("subject")).isEqualTo("Forespørsel Vårkonsert");
    assertThat(rendered.getString("body")).startsWith("Hei Anna {{fornavn}}");
    assertThat(rendered.getString("html")).contains("<a href=\"https://example.org/r\"");
    assertThat(rendered.getJsonArray("unknownVariables").getString(0)).isEqualTo("fornavn");

    HttpResponse<String> changed =
        send("PUT", BASE + "/templates/" + id, "{\"subject\":\"Ny rubrik\"}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(RunningRipieno.json(changed).getString("subject")).isEqualTo("Ny rubrik");
    assertThat(send("PUT", BASE + "/templates/" + id, "{\"type\":\"reminder\"}").statusCode())
        .isEqualTo(400);
    assertThat(send("DELETE", BASE + "/templates/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", BASE + "/templates/" + id, null).statusCode()).isEqualTo(404);

    int reminder =
        templates.getValuesAs(JsonObject.class).stream()
            .filter(t -> t.getString("type").equals("reminder"))
            .findFirst()
            .orElseThrow()
            .getInt("id");
    send("PUT", BASE + "/templates/" + reminder, "{\"body\":\"Ändrad\"}");
    JsonObject again =
        RunningRipieno.json(send("POST", BASE + "/templates/restore-defaults", null));
    assertThat(again.getJsonArray("created")).isEmpty();
    assertThat(again.getJsonArray("restored").getString(0)).isEqualTo("reminder");
  }

  @Test
  void settingsHaveDefaultsAndAreValidated() throws Exception {
    JsonObject defaults = RunningRipieno.json(send("GET", BASE + "/settings", null));
    assertThat(defaults.getString("time_zone")).isEqualTo("Europe/Stockholm");
    assertThat(defaults.getString("ranking_conflict_strategy")).isEqualTo("simple");

    HttpResponse<String> changed =
        send(
            "PUT",
            BASE + "/settings",
            "{\"reminder_percentage\":60,\"ranking_conflict_strategy\":\"smart\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(changed).getString("reminder_percentage")).isEqualTo("60");
    assertThat(RunningRipieno.json(changed).getString("ranking_conflict_strategy"))
        .isEqualTo("smart");

    for (String body :
        List.of(
            "{\"reminder_percentage\":0}",
            "{\"reminder_percentage\":100}",
            "{\"reminder_percentage\":\"many\"}",
            "{\"ranking_conflict_strategy\":\"clever\"}",
            "{\"time_zone\":\"Mars/Olympus\"}",
            "{\"conflictHandlingStrategy\":\"simple\"}",
            "{}")) {
      HttpResponse<String> refused = send("PUT", BASE + "/settings", body);
      assertThat(refused.statusCode()).as(body + " " + refused.body()).isEqualTo(400);
    }
    HttpResponse<String> swedish =
        ripieno.send(
            "PUT",
            BASE + "/settings",
            admin,
            "{\"reminder_percentage\":0}",
            "Accept-Language",
            "sv");
    assertThat(RunningRipieno.json(swedish).getString("detail")).contains("heltal");
  }

  @Test
  void everyChangeWritesExactlyOneAuditRow() throws Exception {
    long before = audits();
    int project = createProject("Granskat", "2025-03-03", null);
    assertThat(audits()).isEqualTo(before + 1);
    assertThat(
            count(
                "select count(*) from \"AuditLog\" where \"entityType\" = 'Project' and"
                    + " \"entityId\" = "
                    + project
                    + " and \"action\" = 'create' and \"userId\" is not null"))
        .isEqualTo(1);

    send("PUT", BASE + "/projects/" + project, "{\"notes\":\"Nya noter\"}");
    assertThat(audits()).isEqualTo(before + 2);

    Staff staff = staff("audit");
    int list = createCustomListFromMusicians(project, staff.position, List.of(staff.first));
    assertThat(audits()).isEqualTo(before + 3);
    send(
        "PUT",
        BASE + "/projects/" + project + "/custom-lists/" + list,
        "{\"musicianIds\":[" + staff.second + "]}");
    assertThat(audits()).isEqualTo(before + 4);

    send("PUT", BASE + "/settings", "{\"time_zone\":\"Europe/Oslo\"}");
    assertThat(audits()).isEqualTo(before + 5);
    send("PUT", BASE + "/settings", "{\"time_zone\":\"Europe/Stockholm\"}");
    assertThat(audits()).isEqualTo(before + 6);

    int template =
        RunningRipieno.json(
                send(
                    "POST",
                    BASE + "/templates",
                    "{\"type\":\"audit_" + (++sequence) + "\",\"subject\":\"S\",\"body\":\"B\"}"))
            .getInt("id");
    assertThat(audits()).isEqualTo(before + 7);
    send("DELETE", BASE + "/templates/" + template, null);
    assertThat(audits()).isEqualTo(before + 8);

    send("DELETE", BASE + "/projects/" + project, null);
    assertThat(audits()).isEqualTo(before + 9);
    send("POST", BASE + "/projects", "{\"name\":\"\"}");
    assertThat(audits()).as("a refused change writes nothing").isEqualTo(before + 9);
  }

  @Test
  void theUserRoleReadsButCannotWrite() throws Exception {
    assertThat(ripieno.send("GET", BASE + "/projects", user, null).statusCode()).isEqualTo(200);
    assertThat(ripieno.send("GET", BASE + "/settings", user, null).statusCode()).isEqualTo(200);
    assertThat(ripieno.send("GET", BASE + "/templates", user, null).statusCode()).isEqualTo(200);
    int project = createProject("Läses", "2025-04-07", null);
    for (String[] call :
        List.of(
            new String[] {"POST", "/projects", "{\"name\":\"X\",\"startDate\":\"2027-03-08\"}"},
            new String[] {"PUT", "/projects/" + project, "{\"name\":\"Y\"}"},
            new String[] {"DELETE", "/projects/" + project, null},
            new String[] {"POST", "/projects/" + project + "/custom-lists", "{}"},
            new String[] {"POST", "/templates", "{}"},
            new String[] {"POST", "/templates/restore-defaults", null},
            new String[] {"PUT", "/settings", "{\"reminder_percentage\":50}"})) {
      assertThat(ripieno.send(call[0], BASE + call[1], user, call[2]).statusCode())
          .as(call[0] + " " + call[1])
          .isEqualTo(403);
    }
    assertThat(send("GET", BASE + "/projects/" + project, null).statusCode()).isEqualTo(200);
  }

  /** Musicians, a position and its A list (second, first, archived) made with SQL. */
  private record Staff(
      int position, int list, int first, int second, int archived, int unqualified) {}

  private Staff staff(String tag) throws Exception {
    String t = tag + (++sequence);
    int instrument =
        insert(
            "insert into \"Instrument\" (\"instrumentId\", \"name\") values ('I-"
                + t
                + "', 'Instrument "
                + t
                + "') returning \"id\"");
    int position =
        insert(
            "insert into \"Position\" (\"positionId\", \"instrumentId\", \"name\","
                + " \"hierarchyLevel\") values ('P-"
                + t
                + "', "
                + instrument
                + ", 'Tutti', 1) returning \"id\"");
    int list =
        insert(
            "insert into \"RankingList\" (\"rankingListId\", \"positionId\", \"listType\") values"
                + " ('L-"
                + t
                + "', "
                + position
                + ", 'A') returning \"id\"");
    int first = musician(t + "a", false);
    int second = musician(t + "b", false);
    int archived = musician(t + "c", true);
    int unqualified = musician(t + "d", false);
    for (int musician : List.of(first, second, archived)) {
      sql("insert into \"MusicianQualification\" values (" + musician + ", " + position + ")");
    }
    int rank = 1;
    for (int musician : List.of(second, first, archived)) {
      sql(
          "insert into \"Ranking\" (\"rankingId\", \"listId\", \"musicianId\", \"rank\") values"
              + " ('R-"
              + t
              + "-"
              + rank
              + "', "
              + list
              + ", "
              + musician
              + ", "
              + rank++
              + ")");
    }
    return new Staff(position, list, first, second, archived, unqualified);
  }

  private int musician(String tag, boolean archived) throws Exception {
    return insert(
        "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
            + " \"isArchived\", \"isActive\", \"updatedAt\") values ('M-"
            + tag
            + "', 'F', 'L"
            + tag
            + "', '"
            + tag
            + "@example.org', "
            + archived
            + ", "
            + !archived
            + ", now()) returning \"id\"");
  }

  private int createProject(String name, String startDate, Integer week) throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            BASE + "/projects",
            "{\"name\":\""
                + name
                + "\",\"startDate\":\""
                + startDate
                + "\""
                + (week == null ? "" : ",\"weekNumber\":" + week)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject project = RunningRipieno.json(created);
    if (week == null) {
      assertThat(project.getInt("weekNumber"))
          .isEqualTo(LocalDate.parse(startDate).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    return project.getInt("id");
  }

  private int createCustomListFromMusicians(int project, int position, List<Integer> musicians)
      throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            BASE + "/projects/" + project + "/custom-lists",
            "{\"positionId\":"
                + position
                + ",\"musicianIds\":"
                + musicians.toString().replace(" ", "")
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return RunningRipieno.json(created).getInt("id");
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return ripieno.send(method, path, admin, body);
  }

  private long audits() throws Exception {
    return count("select count(*) from \"AuditLog\"");
  }

  private void sql(String statement) throws Exception {
    fixture.postgres().execute(database, statement);
  }

  private int insert(String statement) throws Exception {
    return (int) count(statement);
  }

  private long count(String query) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
