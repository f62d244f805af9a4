package org.ripieno.orchestra.musicians;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Musicians through the running application: create, search, filter, sort and page; every refusal;
 * concurrent creation; archive, restore and erasure; the audit trail; the plan's limit; CSV import
 * and export; and that the {@code user} role only reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MusiciansIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private DatabaseLogin alphaDb;
  private DatabaseLogin betaDb;
  private String admin;
  private String user;
  private String betaAdmin;
  private String gammaAdmin;
  private int violinLeader;
  private int violinTutti;
  private int violaTutti;
  private int violinId;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    ripieno = fixture.ripieno();
    alphaDb = fixture.registerOrchestra("orch-alpha", "alpha", "Alpha Sinfonietta");
    betaDb = fixture.registerOrchestra("orch-beta", "beta", "Beta Filharmoni");
    DatabaseLogin gammaDb =
        fixture.registerOrchestra("orch-gamma", "gamma", "Gamma Kammarorkester");
    for (DatabaseLogin db : List.of(alphaDb, betaDb, gammaDb)) {
      seedInstruments(db);
    }
    violinId = (int) queryLong(alphaDb, "select id from \"Instrument\" where name = 'Violin'");
    violinLeader = position(alphaDb, "Violin", "Stämledare");
    violinTutti = position(alphaDb, "Violin", "Tutti");
    violaTutti = position(alphaDb, "Viola", "Tutti");
    fixture.createUser("alpha-admin", "admin", "orch-alpha", "alpha-admin-password");
    fixture.createUser("alpha-user", "user", "orch-alpha", "alpha-user-password");
    fixture.createUser("beta-admin", "admin", "orch-beta", "beta-admin-password");
    fixture.createUser("gamma-admin", "admin", "orch-gamma", "gamma-admin-password");
    admin = fixture.login("alpha-admin", "alpha-admin-password");
    user = fixture.login("alpha-user", "alpha-user-password");
    betaAdmin = fixture.login("beta-admin", "beta-admin-password");
    gammaAdmin = fixture.login("gamma-admin", "gamma-admin-password");
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Nested
  class CreatingAndListing {

    @Test
    void createAnswers201WithTheCodeAndTheQualifications() throws Exception {
      HttpResponse<String> created =
          send(
              "POST",
              "alpha",
              "",
              admin,
              body("Karin", "Andersson", "karin@example.org", "070-111 11 11", violinTutti));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject musician = RunningRipieno.json(created);
      assertThat(musician.getString("musicianId")).matches("MUS\\d{3,}");
      assertThat(created.headers().firstValue("Location").orElseThrow())
          .endsWith("/api/orchestras/alpha/musicians/" + musician.getInt("id"));
      assertThat(musician.getString("preferredLanguage")).isEqualTo("sv");
      assertThat(musician.getString("status")).isEqualTo("active");
      assertThat(musician.getJsonArray("qualifications").getJsonObject(0).getString("positionName"))
          .isEqualTo("Tutti");

      JsonObject read = get("alpha", "/" + musician.getInt("id"), user);
      assertThat(read.getString("email")).isEqualTo("karin@example.org");
      assertThat(read.getJsonArray("rankings")).isEmpty();
    }

    @Test
    void searchFiltersSortsAndPages() throws Exception {
      int a = id(create("alpha", "Zed", "Qxsort Aberg", "qx1@example.org", null, violinTutti));
      int b = id(create("alpha", "Yda", "Qxsort Borg", "qx2@example.org", null, violaTutti));
      int c = id(create("alpha", "Xen", "QXSORT Cberg", "QX3@Example.org", null, violinLeader));
      int d = id(create("alpha", "Wim", "Qxsort Dberg", "qx4@example.org", null));
      send("PUT", "alpha", "/" + d, admin, "{\"isActive\":false}");
      int e = id(create("alpha", "Vera", "Qxsort Eberg", "qx5@example.org", null));
      send("POST", "alpha", "/" + e + "/archive", admin, null);

      assertThat(ids("?search=qxsort&sort=lastName")).containsExactly(a, b, c, d);
      assertThat(ids("?search=QXSORT&sort=-lastName")).containsExactly(d, c, b, a);
      assertThat(ids("?search=qxsort&sort=firstName")).containsExactly(d, c, b, a);
      assertThat(ids("?search=qx3@EXAMPLE")).containsExactly(c);
      assertThat(ids("?search=yda%20qxsort")).containsExactly(b);
      String code = get("alpha", "/" + b, admin).getString("musicianId");
      assertThat(ids("?search=" + code.toLowerCase())).containsExactly(b);
      assertThat(ids("?search=qxsort&positionId=" + violinTutti)).containsExactly(a);
      assertThat(ids("?search=qxsort&instrumentId=" + violinId + "&sort=lastName"))
          .containsExactly(a, c);
      assertThat(ids("?search=qxsort&status=inactive")).containsExactly(d);
      assertThat(ids("?search=qxsort&status=archived")).containsExactly(e);
      assertThat(ids("?search=qxsort&status=active&sort=lastName")).containsExactly(a, b, c);
      assertThat(ids("?search=qxsort&status=all&sort=-createdAt")).containsExactly(e, d, c, b, a);

      JsonObject page = get("alpha", "?search=qxsort&sort=lastName&page=2&size=3", admin);
      assertThat(page.getInt("total")).isEqualTo(4);
      assertThat(page.getInt("page")).isEqualTo(2);
      assertThat(page.getJsonArray("items")).hasSize(1);
      assertThat(page.getJsonArray("items").getJsonObject(0).getInt("id")).isEqualTo(d);
      assertThat(page.getJsonArray("items").getJsonObject(0).containsKey("rankings")).isFalse();

      assertThat(send("GET", "alpha", "?sort=password", admin, null).statusCode()).isEqualTo(400);
      assertThat(send("GET", "alpha", "?status=gone", admin, null).statusCode()).isEqualTo(400);
      assertThat(send("GET", "alpha", "?positionId=x", admin, null).statusCode()).isEqualTo(400);
      assertThat(send("GET", "alpha", "?size=501", admin, null).statusCode()).isEqualTo(400);
      assertThat(ids("?search=100%25_")).isEmpty();
    }

    @Test
    void anSqlLookingNameIsStoredVerbatim() throws Exception {
      String name = "'; drop table \"Musician\"; --";
      JsonObject created =
          RunningRipieno.json(
              send(
                  "POST",
                  "alpha",
                  "",
                  admin,
                  "{\"firstName\":\"'; drop table \\\"Musician\\\"; --\",\"lastName\":\"Tables\","
                      + "\"email\":\"bobby@example.org\"}"));
      assertThat(created.getString("firstName")).isEqualTo(name);
      assertThat(get("alpha", "/" + id(created), admin).getString("firstName")).isEqualTo(name);
      assertThat(ids("?search=%27%3B%20drop")).containsExactly(id(created));
      assertThat(
              queryLong(
                  alphaDb,
                  "select count(*) from \"Musician\" where \"firstName\" = '''; drop table"
                      + " \"Musician\"; --'"))
          .isEqualTo(1);
    }

    @Test
    void fiftyConcurrentCreationsGetFiftyDistinctConsecutiveCodes() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(5);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> codes = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    HttpResponse<String> created =
                        send(
                            "POST",
                            "alpha",
                            "",
                            admin,
                            body(
                                "Para",
                                "Llel" + thread + i,
                                "par" + thread + "-" + i + "@example.org",
                                null,
                                violinTutti));
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                    codes.add(RunningRipieno.json(created).getString("musicianId"));
                  }
                  return codes;
                }));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<List<String>> result : results) {
        for (String code : result.get()) {
          numbers.add(Integer.parseInt(code.substring(3)));
        }
      }
      pool.shutdown();
      Collections.sort(numbers);
      assertThat(numbers).doesNotHaveDuplicates().hasSize(50);
      assertThat(numbers.get(49) - numbers.get(0)).isEqualTo(49);
    }
  }

  @Nested
  class Refusals {

    @Test
    void aDuplicateEmailIs409NamingItsOwner() throws Exception {
      JsonObject owner = create("alpha", "Ebba", "Ägare", "owner@example.org", "08-123 456");
      HttpResponse<String> again =
          send("POST", "alpha", "", admin, body("Other", "Person", "OWNER@example.org", null));
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(again).getString("detail"))
          .isEqualTo(
              "The email OWNER@example.org is already used by Ebba Ägare ("
                  + owner.getString("musicianId")
                  + ").");
      HttpResponse<String> swedish =
          send(
              "POST",
              "alpha",
              "",
              admin,
              body("Other", "Person", "owner@example.org", null),
              "Accept-Language",
              "sv");
      assertThat(RunningRipieno.json(swedish).getString("detail"))
          .startsWith("E-postadressen owner@example.org används redan av Ebba Ägare");
    }

    @Test
    void aDuplicatePhoneIs409EvenFormattedOtherwise() throws Exception {
      create("alpha", "Telly", "Fon", "phone1@example.org", "070-222 33 44");
      HttpResponse<String> again =
          send(
              "POST", "alpha", "", admin, body("Other", "Fon", "phone2@example.org", "0702223344"));
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(again).getString("detail"))
          .contains("0702223344", "Telly Fon");
    }

    @Test
    void anUnknownPositionIs400() throws Exception {
      HttpResponse<String> answer =
          send("POST", "alpha", "", admin, body("Pos", "Less", "pos@example.org", null, 99999));
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(answer).getString("detail"))
          .isEqualTo("There is no position 99999.");
    }

    @Test
    void missingAndTooLongValuesAre400() throws Exception {
      HttpResponse<String> tooLong =
          send("POST", "alpha", "", admin, body("x".repeat(201), "Long", "long@example.org", null));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(tooLong).getString("detail"))
          .isEqualTo("firstName has 1 to 200 characters.");
      HttpResponse<String> missing =
          send("POST", "alpha", "", admin, "{\"firstName\":\"A\",\"email\":\"a@example.org\"}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(missing).getString("detail"))
          .isEqualTo("lastName is required.");
      assertThat(
              send("POST", "alpha", "", admin, "{\"firstName\":\"A\",\"nickname\":\"x\"}")
                  .statusCode())
          .isEqualTo(400);
      assertThat(send("POST", "alpha", "", admin, null).statusCode()).isEqualTo(400);
      HttpResponse<String> huge =
          send(
              "POST",
              "alpha",
              "",
              admin,
              body("x".repeat(1_100_000), "Huge", "huge@example.org", null));
      assertThat(huge.statusCode()).isIn(400, 413);
      assertThat(
              queryLong(
                  alphaDb,
                  "select count(*) from \"Musician\" where \"lastName\" in ('Long', 'Huge')"))
          .isZero();
    }

    @Test
    void malformedJsonAndAStringWhereANumberBelongsAre400AndChangeNothing() throws Exception {
      long before = queryLong(alphaDb, "select count(*) from \"Musician\"");

      assertThat(send("POST", "alpha", "", admin, "{\"firstName\":").statusCode()).isEqualTo(400);
      HttpResponse<String> wrongType =
          send(
              "POST",
              "alpha",
              "",
              admin,
              "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"t@example.org\","
                  + "\"qualificationIds\":[\"violin\"]}");
      assertThat(wrongType.statusCode()).isEqualTo(400);
      assertThat(wrongType.body()).doesNotContain("org.ripieno");

      assertThat(queryLong(alphaDb, "select count(*) from \"Musician\"")).isEqualTo(before);
    }

    @Test
    void anUnknownMusicianIs404() throws Exception {
      assertThat(send("GET", "alpha", "/999999", admin, null).statusCode()).isEqualTo(404);
      assertThat(send("PUT", "alpha", "/999999", admin, "{}").statusCode()).isEqualTo(404);
      assertThat(send("POST", "alpha", "/999999/archive", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void removingAQualificationWithListPlacesIs409NamingTheLists() throws Exception {
      int id =
          id(
              create(
                  "alpha",
                  "Placed",
                  "Player",
                  "placed@example.org",
                  null,
                  violinTutti,
                  violaTutti));
      execute(
          alphaDb,
          "insert into \"RankingList\" (\"rankingListId\", \"positionId\", \"listType\") values"
              + " ('RANK900', "
              + violinTutti
              + ", 'A');"
              + " insert into \"Ranking\" (\"rankingId\", \"listId\", \"musicianId\", \"rank\")"
              + " select 'r-placed', id, "
              + id
              + ", 1 from \"RankingList\" where \"rankingListId\" = 'RANK900'");
      JsonObject read = get("alpha", "/" + id, admin);
      JsonObject placement = read.getJsonArray("rankings").getJsonObject(0);
      assertThat(placement.getString("listCode")).isEqualTo("RANK900");
      assertThat(placement.getString("listType")).isEqualTo("A");
      assertThat(placement.getString("positionName")).isEqualTo("Tutti");
      assertThat(placement.getInt("rank")).isEqualTo(1);

      HttpResponse<String> refused =
          send("PUT", "alpha", "/" + id, admin, "{\"qualificationIds\":[" + violaTutti + "]}");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(refused).getString("detail"))
          .contains("Violin/Tutti A (RANK900)");
      HttpResponse<String> allowed =
          send("PUT", "alpha", "/" + id, admin, "{\"qualificationIds\":[" + violinTutti + "]}");
      assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(allowed).getJsonArray("qualifications")).hasSize(1);
    }

    @Test
    void thePlanLimitIs409ForCreateAndRestore() throws Exception {
      fixture.onCentral("update \"Orchestra\" set \"maxMusicians\" = 3 where id = 'orch-gamma'");
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> created =
            send(
                "POST",
                "gamma",
                "",
                gammaAdmin,
                body("G", "Member" + i, "g" + i + "@example.org", null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ids.add(id(RunningRipieno.json(created)));
      }
      HttpResponse<String> fourth =
          send("POST", "gamma", "", gammaAdmin, body("G", "Member3", "g3@example.org", null));
      assertThat(fourth.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(fourth).getString("detail"))
          .contains("allows 3 musicians", "it has 3");
      assertThat(
              send("POST", "gamma", "/" + ids.get(0) + "/archive", gammaAdmin, null).statusCode())
          .isEqualTo(200);
      assertThat(
              send("POST", "gamma", "", gammaAdmin, body("G", "Member3", "g3@example.org", null))
                  .statusCode())
          .isEqualTo(201);
      HttpResponse<String> restore =
          send("POST", "gamma", "/" + ids.get(0) + "/restore", gammaAdmin, null);
      assertThat(restore.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(restore).getString("detail")).contains("allows 3 musicians");
      HttpResponse<String> csvImport =
          sendCsv(
              "gamma",
              "",
              gammaAdmin,
              "firstName,lastName,email\nOne,More,g9@example.org\n",
              "text/csv");
      assertThat(csvImport.statusCode()).isEqualTo(409);
    }
  }

  @Nested
  class ArchiveRestoreEraseAndAudit {

    @Test
    void everyChangeWritesOneAuditRowWithOldAndNewValues() throws Exception {
      int id = id(create("alpha", "Audit", "Before", "audit@example.org", null, violinTutti));
      send("PUT", "alpha", "/" + id, admin, "{\"lastName\":\"After\"}");
      send("PUT", "alpha", "/" + id, admin, "{\"lastName\":\"After\"}");
      send("POST", "alpha", "/" + id + "/archive", admin, null);
      send("POST", "alpha", "/" + id + "/restore", admin, null);
      assertThat(
              strings(
                  alphaDb,
                  "select action from \"AuditLog\" where \"entityType\" = 'Musician' and"
                      + " \"entityId\" = "
                      + id
                      + " order by id"))
          .containsExactly("create", "update", "archive", "restore");
      assertThat(
              strings(
                  alphaDb,
                  "select concat(\"oldValues\"->>'lastName', '>', \"newValues\"->>'lastName', '|',"
                      + " \"userId\" is not null) from \"AuditLog\" where \"entityType\" ="
                      + " 'Musician' and \"entityId\" = "
                      + id
                      + " and action = 'update'"))
          .containsExactly("Before>After|t");
      assertThat(
              strings(
                  alphaDb,
                  "select concat(\"oldValues\" is null, '|', \"newValues\"->>'email', '|',"
                      + " \"newValues\"->'qualificationIds') from \"AuditLog\" where \"entityType\""
                      + " = 'Musician' and \"entityId\" = "
                      + id
                      + " and action = 'create'"))
          .containsExactly("t|audit@example.org|[" + violinTutti + "]");
      assertThat(
              strings(
                  alphaDb,
                  "select concat(\"oldValues\"->>'isArchived', '>', \"newValues\"->>'isArchived')"
                      + " from \"AuditLog\" where \"entityType\" = 'Musician' and \"entityId\" = "
                      + id
                      + " and action in ('archive', 'restore') order by id"))
          .containsExactly("false>true", "true>false");
    }

    @Test
    void archiveRestoreAndEraseKeepTheStatistics() throws Exception {
      int id =
          id(create("alpha", "Greta", "Gone", "greta@example.org", "070-999 88 77", violinTutti));
      send("PUT", "alpha", "/" + id, admin, "{\"notes\":\"Allergic to rosin\"}");
      execute(
          alphaDb,
          "insert into \"Project\" (\"projectId\", name, \"startDate\", \"weekNumber\","
              + " \"updatedAt\") values ('PROJ900', 'Vårkonsert', '2026-03-02', 10, now()); insert"
              + " into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
              + " \"requestStrategy\") select 'NEED900', id, "
              + violinTutti
              + ", 'sequential' from \"Project\" where \"projectId\" = 'PROJ900'; insert into"
              + " \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status,"
              + " \"sentAt\", \"respondedAt\") select 'REQ900', id, "
              + id
              + ", 'accepted', '2026-02-01 10:00', '2026-02-01 14:00' from \"ProjectNeed\" where"
              + " \"projectNeedId\" = 'NEED900'; insert into \"Request\" (\"requestId\","
              + " \"projectNeedId\", \"musicianId\", status, \"sentAt\", \"respondedAt\") select"
              + " 'REQ901', id, "
              + id
              + ", 'declined', '2026-02-02 10:00', '2026-02-02 12:00' from \"ProjectNeed\" where"
              + " \"projectNeedId\" = 'NEED900'");

      String historyBody = send("GET", "alpha", "/" + id + "/history", user, null).body();
      assertThat(historyBody)
          .contains(
              "\"name\":\"Vårkonsert\"",
              "\"projectId\":\"PROJ900\"",
              "\"requestId\":\"REQ900\"",
              "\"status\":\"declined\"",
              "\"position\":\"Tutti\"",
              "\"instrument\":\"Violin\"");
      JsonObject statistics = get("alpha", "/" + id + "/statistics", user);
      assertThat(statistics.getInt("totalRequests")).isEqualTo(2);
      assertThat(statistics.getInt("acceptanceRate")).isEqualTo(50);
      assertThat(statistics.getJsonNumber("averageResponseTimeHours").doubleValue()).isEqualTo(3.0);
      assertThat(statistics.getJsonArray("topPositions").getJsonObject(0).getString("position"))
          .isEqualTo("Violin - Tutti");
      assertThat(statistics.getJsonArray("requestsByYear").getJsonObject(0).getInt("year"))
          .isEqualTo(2026);

      HttpResponse<String> early = send("POST", "alpha", "/" + id + "/erase", admin, null);
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(early).getString("detail")).contains("archive");
      assertThat(send("POST", "alpha", "/" + id + "/restore", admin, null).statusCode())
          .isEqualTo(409);

      JsonObject archived =
          RunningRipieno.json(send("POST", "alpha", "/" + id + "/archive", admin, null));
      assertThat(archived.getString("status")).isEqualTo("archived");
      assertThat(archived.getBoolean("isArchived")).isTrue();
      assertThat(archived.containsKey("archivedAt")).isTrue();
      assertThat(send("POST", "alpha", "/" + id + "/archive", admin, null).statusCode())
          .isEqualTo(409);
      JsonObject restored =
          RunningRipieno.json(send("POST", "alpha", "/" + id + "/restore", admin, null));
      assertThat(restored.getString("status")).isEqualTo("active");
      assertThat(restored.containsKey("restoredAt")).isTrue();
      send("POST", "alpha", "/" + id + "/archive", admin, null);

      HttpResponse<String> erasedAnswer = send("POST", "alpha", "/" + id + "/erase", admin, null);
      assertThat(erasedAnswer.statusCode()).as(erasedAnswer.body()).isEqualTo(200);
      JsonObject erased = RunningRipieno.json(erasedAnswer);
      String code = erased.getString("musicianId");
      assertThat(erased.getString("firstName")).isEqualTo("Raderad");
      assertThat(erased.getString("lastName")).isEqualTo("musiker");
      assertThat(erased.getString("email"))
          .isEqualTo("erased-" + code.toLowerCase() + "@erased.invalid");
      assertThat(erased.containsKey("phone")).isFalse();
      assertThat(erased.containsKey("notes")).isFalse();
      assertThat(get("alpha", "/" + id + "/statistics", admin)).isEqualTo(statistics);
      assertThat(
              queryLong(
                  alphaDb,
                  "select count(*) from \"AuditLog\" where \"entityType\" = 'Musician' and"
                      + " \"entityId\" = "
                      + id
                      + " and action = 'erase'"))
          .isEqualTo(1);
      assertThat(
              queryLong(
                  alphaDb,
                  "select count(*) from \"AuditLog\" where \"entityType\" = 'Musician' and"
                      + " \"entityId\" = "
                      + id
                      + " and (\"oldValues\"::text ~ '(Greta|greta@|999 88|rosin)' or"
                      + " \"newValues\"::text ~ '(Greta|greta@|999 88|rosin)')"))
          .isZero();
      assertThat(send("POST", "alpha", "/" + id + "/erase", admin, null).statusCode())
          .isEqualTo(409);
      assertThat(send("POST", "alpha", "/" + id + "/restore", admin, null).statusCode())
          .isEqualTo(409);
      assertThat(send("PUT", "alpha", "/" + id, admin, "{\"firstName\":\"Greta\"}").statusCode())
          .isEqualTo(409);
    }
  }

  @Nested
  class CsvFiles {

    private static final String HEADER =
        "firstName,lastName,email,phone,preferredLanguage,localResidence,notes,qualifications\n";

    @Test
    void aDryRunWithABadRowImportsNothingAndNamesTheLineAndReason() throws Exception {
      long before = queryLong(alphaDb, "select count(*) from \"Musician\"");
      String file =
          HEADER
              + "Csv,One,csv1@example.org,,sv,false,,Violin/Tutti\n"
              + "Csv,Two,csv2@example.org,,en,true,,Bassoon/Principal\n"
              + "Csv,Three,csv3@example.org,,,,,\n";
      JsonObject dryRun =
          RunningRipieno.json(sendCsv("alpha", "?dryRun=true", admin, file, "text/csv"));
      assertThat(dryRun.getInt("rows")).isEqualTo(3);
      assertThat(dryRun.getInt("valid")).isEqualTo(2);
      assertThat(dryRun.getInt("imported")).isZero();
      assertThat(dryRun.getJsonArray("errors")).hasSize(1);
      assertThat(dryRun.getJsonArray("errors").getJsonObject(0).getInt("line")).isEqualTo(3);
      assertThat(dryRun.getJsonArray("errors").getJsonObject(0).getString("reason"))
          .contains("unknown position Bassoon/Principal");

      HttpResponse<String> refused = sendCsv("alpha", "", admin, file, "text/csv");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(refused).getInt("imported")).isZero();
      assertThat(queryLong(alphaDb, "select count(*) from \"Musician\"")).isEqualTo(before);

      JsonObject partial =
          RunningRipieno.json(sendCsv("alpha", "?importValidRows=true", admin, file, "text/csv"));
      assertThat(partial.getInt("imported")).isEqualTo(2);
      assertThat(queryLong(alphaDb, "select count(*) from \"Musician\"")).isEqualTo(before + 2);
      assertThat(
              queryLong(
                  alphaDb,
                  "select count(*) from \"AuditLog\" a join \"Musician\" m on m.id = a.\"entityId\""
                      + " where a.\"entityType\" = 'Musician' and m.email in ('csv1@example.org',"
                      + " 'csv3@example.org') and a.action = 'create'"))
          .isEqualTo(2);
    }

    @Test
    void duplicatesAndMissingNamesAreReported() throws Exception {
      create("alpha", "Already", "There", "there@example.org", null);
      String file =
          HEADER
              + "Dup,One,dup@example.org,,,,,\n"
              + "Dup,Two,DUP@example.org,,,,,\n"
              + ",,noname@example.org,,,,,\n"
              + "In,Db,there@example.org,,,,,\n";
      JsonObject report =
          RunningRipieno.json(sendCsv("alpha", "?dryRun=true", admin, file, "text/csv"));
      assertThat(report.getJsonArray("errors").getValuesAs(JsonObject.class))
          .extracting(e -> e.getInt("line") + ": " + e.getString("reason"))
          .containsExactly(
              "3: duplicate email DUP@example.org in the file (also on line 2)",
              "4: missing name",
              "5: The email there@example.org is already used by Already There ("
                  + get("alpha", "?search=there@example.org", admin)
                      .getJsonArray("items")
                      .getJsonObject(0)
                      .getString("musicianId")
                  + ").");
    }

    @Test
    void aCleanSemicolonFileWithABomImportsEveryRow() throws Exception {
      String file =
          "\uFEFFfirstName;lastName;email;phone;preferredLanguage;localResidence;notes;qualifications\r\n"
              + "Åsa;Öberg;asa@example.org;+46 70 555 00 01;en;ja;\"Says \"\"hej\"\"; plays loud\n"
              + "Second line\";Violin/Tutti|viola/tutti\r\n"
              + "Örjan;Ek;orjan@example.org;;;;;\r\n";
      HttpResponse<String> answer = sendCsv("alpha", "", admin, file, "text/csv; charset=utf-8");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(answer).getInt("imported")).isEqualTo(2);
      JsonObject asa =
          get("alpha", "?search=asa@example.org", admin).getJsonArray("items").getJsonObject(0);
      assertThat(asa.getString("lastName")).isEqualTo("Öberg");
      assertThat(asa.getString("notes")).isEqualTo("Says \"hej\"; plays loud\nSecond line");
      assertThat(asa.getBoolean("localResidence")).isTrue();
      assertThat(asa.getString("preferredLanguage")).isEqualTo("en");
      assertThat(asa.getJsonArray("qualifications")).hasSize(2);
      assertThat(asa.getString("musicianId")).matches("MUS\\d{3,}");

      assertThat(
              sendCsv("alpha", "", admin, "{\"firstName\":\"x\"}", "application/json").statusCode())
          .isEqualTo(415);
      assertThat(sendCsv("alpha", "", admin, "name,email\nA,b@c.se\n", "text/csv").statusCode())
          .isEqualTo(400);
      assertThat(sendCsv("alpha", "", admin, HEADER + "\"open,x\n", "text/csv").statusCode())
          .isEqualTo(400);
    }

    @Test
    void anExportImportedIntoAnotherOrchestraReproducesTheMusicians() throws Exception {
      HttpResponse<String> exported =
          sendRaw("GET", "/api/orchestras/alpha/musicians/export?sort=email", admin, null, null);
      assertThat(exported.statusCode()).isEqualTo(200);
      assertThat(exported.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/csv");
      assertThat(exported.body()).startsWith(HEADER.trim());
      HttpResponse<String> imported = sendCsv("beta", "", betaAdmin, exported.body(), "text/csv");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      HttpResponse<String> again =
          sendRaw("GET", "/api/orchestras/beta/musicians/export?sort=email", betaAdmin, null, null);
      assertThat(again.body()).isEqualTo(exported.body());
      assertThat(RunningRipieno.json(imported).getInt("imported"))
          .isEqualTo(
              (int)
                  queryLong(alphaDb, "select count(*) from \"Musician\" where not \"isArchived\""));

      HttpResponse<String> semicolon =
          sendRaw(
              "GET",
              "/api/orchestras/alpha/musicians/export?separator=semicolon&search=qxsort",
              user,
              null,
              null);
      assertThat(semicolon.statusCode()).isEqualTo(200);
      assertThat(semicolon.body()).startsWith("\uFEFFfirstName;lastName;");
    }
  }

  @Nested
  class TheUserRole {

    @Test
    void readsButEveryWriteIs403() throws Exception {
      int id = id(create("alpha", "Read", "Only", "readonly@example.org", null));
      assertThat(send("GET", "alpha", "", user, null).statusCode()).isEqualTo(200);
      assertThat(send("GET", "alpha", "/" + id, user, null).statusCode()).isEqualTo(200);
      List<HttpResponse<String>> writes =
          List.of(
              send("POST", "alpha", "", user, body("No", "Way", "noway@example.org", null)),
              send("PUT", "alpha", "/" + id, user, "{\"lastName\":\"Changed\"}"),
              send("POST", "alpha", "/" + id + "/archive", user, null),
              send("POST", "alpha", "/" + id + "/restore", user, null),
              send("POST", "alpha", "/" + id + "/erase", user, null),
              sendCsv(
                  "alpha",
                  "?dryRun=true",
                  user,
                  "firstName,lastName,email\nA,B,ab@example.org\n",
                  "text/csv"));
      assertThat(writes).extracting(HttpResponse::statusCode).containsOnly(403);
      assertThat(get("alpha", "/" + id, admin).getString("lastName")).isEqualTo("Only");
    }
  }

  // ---- helpers

  private HttpResponse<String> send(
      String method, String subdomain, String path, String token, String json, String... headers)
      throws Exception {
    return ripieno.send(
        method, "/api/orchestras/" + subdomain + "/musicians" + path, token, json, headers);
  }

  private HttpResponse<String> sendCsv(
      String subdomain, String query, String token, String csv, String contentType)
      throws Exception {
    return sendRaw(
        "POST",
        "/api/orchestras/" + subdomain + "/musicians/import" + query,
        token,
        csv,
        contentType);
  }

  private HttpResponse<String> sendRaw(
      String method, String path, String token, String body, String contentType) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ripieno.uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return RunningRipieno.withoutInternals(
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
  }

  private JsonObject get(String subdomain, String path, String token) throws Exception {
    HttpResponse<String> answer = send("GET", subdomain, path, token, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  private JsonObject create(
      String subdomain, String first, String last, String email, String phone, int... positions)
      throws Exception {
    HttpResponse<String> created =
        send("POST", subdomain, "", admin, body(first, last, email, phone, positions));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return RunningRipieno.json(created);
  }

  private static String body(
      String first, String last, String email, String phone, int... positions) {
    StringBuilder ids = new StringBuilder();
    for (int p : positions) {
      ids.append(ids.isEmpty() ? "" : ",").append(p);
    }
    return "{\"firstName\":\""
        + first
        + "\",\"lastName\":\""
        + last
        + "\",\"email\":\""
        + email
        + "\""
        + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
        + ",\"qualificationIds\":["
        + ids
        + "]}";
  }

  private List<Integer> ids(String query) throws Exception {
    return get("alpha", query, admin).getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(MusiciansIT::id)
        .toList();
  }

  private static int id(JsonObject musician) {
    return musician.getInt("id");
  }

  private static void seedInstruments(DatabaseLogin db) throws Exception {
    execute(
        db,
        "insert into \"Instrument\" (\"instrumentId\", name, \"displayOrder\") values ('INST001',"
            + " 'Violin', 1), ('INST002', 'Viola', 2); insert into \"Position\" (\"positionId\","
            + " \"instrumentId\", name, \"hierarchyLevel\") select 'POS001', id, 'Stämledare', 1"
            + " from \"Instrument\" where name = 'Violin'; insert into \"Position\""
            + " (\"positionId\", \"instrumentId\", name, \"hierarchyLevel\") select 'POS002', id,"
            + " 'Tutti', 2 from \"Instrument\" where name = 'Violin'; insert into \"Position\""
            + " (\"positionId\", \"instrumentId\", name, \"hierarchyLevel\") select 'POS003', id,"
            + " 'Tutti', 1 from \"Instrument\" where name = 'Viola'");
  }

  private static int position(DatabaseLogin db, String instrument, String position)
      throws Exception {
    return (int)
        queryLong(
            db,
            "select p.id from \"Position\" p join \"Instrument\" i on i.id = p.\"instrumentId\""
                + " where i.name = '"
                + instrument
                + "' and p.name = '"
                + position
                + "'");
  }

  private static void execute(DatabaseLogin db, String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long queryLong(DatabaseLogin db, String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static List<String> strings(DatabaseLogin db, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        values.add(result.getString(1));
      }
    }
    return values;
  }
}
