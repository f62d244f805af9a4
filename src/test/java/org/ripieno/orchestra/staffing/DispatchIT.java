package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ripieno.testing.StaffingScenario.ints;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
import org.ripieno.testing.StaffingScenario;

/**
 * Sending and answering through the running application: each strategy as a scripted week over HTTP
 * (the admin sends, musicians answer through their links), the accept race, every refusal of a
 * link, links across orchestras and the answer page in Swedish and English. Time moves by
 * back-dating rows with SQL; no endpoint moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchIT {

  private static final String ORCHESTRA = "orch-dispatch";
  private static final String BASE = "/api/orchestras/dispatch";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private StaffingScenario scenario;
  private DatabaseLogin other;
  private String admin;
  private String reader;

  private int tutti;
  private int solo;
  private int tuttiList;
  private int soloList;

  /** Twelve violinists, ranked 1–12 on the tutti list; 10 and 11 prefer English. */
  private final List<Integer> musicians = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    ripieno = fixture.ripieno();
    scenario =
        StaffingScenario.register(
            fixture, ORCHESTRA, "dispatch", "Utskicksorkestern", "dispatch-admin");
    admin = scenario.admin();
    other = fixture.registerOrchestra("orch-dispatch-b", "dispatchb", "Andra orkestern");
    fixture.registerOrchestra("orch-dispatch-c", "dispatchc", "Vilande orkestern");
    fixture.onCentral("update \"Orchestra\" set status = 'suspended' where id = 'orch-dispatch-c'");
    scenario.allowManyProjects();
    fixture.createUser("dispatch-reader", "user", ORCHESTRA, "dispatch-reader-password");
    reader = fixture.login("dispatch-reader", "dispatch-reader-password");

    List<Integer> violin =
        scenario.instrument(
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Tutti\"},{\"name\":\"Solo\"}]}");
    tutti = violin.get(0);
    solo = violin.get(1);
    for (int i = 0; i < 12; i++) {
      musicians.add(
          scenario.musician(
              "{\"firstName\":\"Vi"
                  + i
                  + "\",\"lastName\":\"<Olin & co>\",\"email\":\"vi"
                  + i
                  + "@example.org\",\"preferredLanguage\":\""
                  + (i >= 10 ? "en" : "sv")
                  + "\",\"qualificationIds\":["
                  + tutti
                  + ","
                  + solo
                  + "]}"));
    }
    tuttiList = scenario.rankingList(tutti, "A", musicians);
    soloList = scenario.rankingList(solo, "A", List.of(musicians.get(11), musicians.get(0)));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Nested
  class Sending {

    @Test
    void whatIsSentIsWhatThePreviewShowedWithCodesTokensDeadlinesLogsAndOutbox() throws Exception {
      int project = project();
      int need =
          scenario.need(project, tutti, tuttiList, 5, "parallel", ",\"responseTimeHours\":48");
      JsonObject preview = json("GET", "/projects/" + project + "/needs/" + need + "/preview");

      JsonObject sent = scenario.send(project, need);

      List<Integer> recipients = ints(preview, "recipients");
      assertThat(recipients).isEqualTo(musicians.subList(0, 5));
      List<JsonObject> requests = sent.getJsonArray("requests").getValuesAs(JsonObject.class);
      assertThat(requests.stream().map(r -> r.getInt("musicianId")).toList()).isEqualTo(recipients);
      assertThat(requests)
          .allSatisfy(r -> assertThat(r.getString("requestId")).matches("REQ\\d{3,}"));
      assertThat(requests).allSatisfy(r -> assertThat(r.getInt("needId")).isEqualTo(need));
      assertThat(tokens(need).values())
          .hasSize(5)
          .allSatisfy(t -> assertThat(t).matches(ORCHESTRA + "\\.[A-Za-z0-9_-]{43}"));
      assertThat(
              scenario.count(
                  "select count(*) from \"RequestToken\" t join \"Request\" r on r.id ="
                      + " t.\"requestId\" where r.\"projectNeedId\" = "
                      + need
                      + " and t.\"expiresAt\" = r.\"sentAt\" + interval '48 hours'"))
          .isEqualTo(5);
      assertThat(scenario.logs(need, "request_sent")).isEqualTo(5);
      assertThat(scenario.outbox(need, "request")).isEqualTo(5);
      assertThat(
              scenario.count(
                  "select count(distinct o.\"messageId\") from \"OutboxMessage\" o join"
                      + " \"Request\" r on r.id = o.\"requestId\" where r.\"projectNeedId\" = "
                      + need
                      + " and o.status = 'queued' and o.attempts = 0"
                      + " and o.recipient like 'vi%@example.org' and o.language = 'sv'"))
          .isEqualTo(5);
      // Sending again asks nobody: the five are pending.
      assertThat(scenario.send(project, need).getJsonArray("requests")).isEmpty();
    }

    @Test
    void aPausedCompletedOrArchivedNeedIsNeverSent() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      for (String status : List.of("paused", "completed", "archived")) {
        scenario.ok(
            "PATCH",
            "/projects/" + project + "/needs/" + need,
            "{\"status\":\"" + status + "\"}",
            200);

        HttpResponse<String> single =
            scenario.call("POST", "/projects/" + project + "/send", "{\"needId\":" + need + "}");
        JsonObject whole = scenario.send(project, null);

        assertThat(single.statusCode()).as(single.body()).isEqualTo(409);
        assertThat(single.body()).contains("only an active need is sent");
        assertThat(whole.getJsonArray("requests")).isEmpty();
      }
      assertThat(
              scenario.count("select count(*) from \"Request\" where \"projectNeedId\" = " + need))
          .isZero();
    }

    @Test
    void theWholeProjectSendsEveryActiveNeedAsItsPreviewShowed() throws Exception {
      int project = project();
      int first = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      int second = scenario.need(project, solo, soloList, 1, "sequential", "");
      JsonObject preview = json("GET", "/projects/" + project + "/preview");

      JsonObject sent = scenario.send(project, null);

      Map<Integer, List<Integer>> previewed = new LinkedHashMap<>();
      for (JsonObject need : preview.getJsonArray("needs").getValuesAs(JsonObject.class)) {
        previewed.put(need.getInt("needId"), ints(need, "recipients"));
      }
      Map<Integer, List<Integer>> actual = new LinkedHashMap<>();
      previewed.keySet().forEach(n -> actual.put(n, new ArrayList<>()));
      for (JsonObject request : sent.getJsonArray("requests").getValuesAs(JsonObject.class)) {
        actual.get(request.getInt("needId")).add(request.getInt("musicianId"));
      }
      assertThat(actual).isEqualTo(previewed);
      assertThat(actual.get(first)).isEqualTo(musicians.subList(0, 2));
      // The soloist list's second is musician 0, already asked for tutti: musician 11 alone.
      assertThat(actual.get(second)).containsExactly(musicians.get(11));
    }
  }

  @Nested
  class Strategies {

    @Test
    void parallelFiveNeededADeclineAsksTheSixthAndAnAcceptAsksNobody() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 5, "parallel", "");
      scenario.send(project, need);
      Map<Integer, String> tokens = tokens(need);

      JsonObject declined = answer(tokens.get(musicians.get(1)), "declined", 200);
      assertThat(declined.getString("status")).isEqualTo("declined");
      assertThat(declined.getString("message"))
          .isEqualTo("Tack för ditt svar. Vi hör av oss vid nästa tillfälle.");
      assertThat(statuses(need).get(musicians.get(5))).isEqualTo("pending");

      JsonObject accepted = answer(tokens.get(musicians.get(0)), "accepted", 200);
      assertThat(accepted.getString("status")).isEqualTo("accepted");

      Map<Integer, String> expected = new LinkedHashMap<>();
      expected.put(musicians.get(0), "accepted");
      expected.put(musicians.get(1), "declined");
      for (int i = 2; i <= 5; i++) {
        expected.put(musicians.get(i), "pending");
      }
      assertThat(statuses(need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("active");
      assertThat(scenario.outbox(need, "confirmation")).isEqualTo(1);
      assertThat(scenario.logs(need, "confirmation_sent")).isEqualTo(1);
      assertThat(scenario.logs(need, "response_received")).isEqualTo(2);
      assertThat(scenario.outbox(need, "request")).isEqualTo(6);
    }

    @Test
    void firstComeThreeOfFiveAWholeWaveDeclinedBringsTheNextWaveAndTheThirdAcceptFillsIt()
        throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 3, "first_come", ",\"maxRecipients\":5");
      scenario.send(project, need);
      Map<Integer, String> tokens = tokens(need);
      assertThat(tokens.keySet()).containsExactlyInAnyOrderElementsOf(musicians.subList(0, 5));

      for (int i = 0; i < 4; i++) {
        answer(tokens.get(musicians.get(i)), "declined", 200);
        assertThat(statuses(need)).as("a wave still open sends nothing").hasSize(5);
      }
      answer(tokens.get(musicians.get(4)), "declined", 200);
      tokens = tokens(need);
      assertThat(tokens.keySet()).containsExactlyInAnyOrderElementsOf(musicians.subList(0, 10));

      for (int i = 5; i < 8; i++) {
        answer(tokens.get(musicians.get(i)), "accepted", 200);
      }

      Map<Integer, String> statuses = statuses(need);
      assertThat(musicians.subList(0, 5))
          .allSatisfy(m -> assertThat(statuses.get(m)).isEqualTo("declined"));
      assertThat(musicians.subList(5, 8))
          .allSatisfy(m -> assertThat(statuses.get(m)).isEqualTo("accepted"));
      assertThat(musicians.subList(8, 10))
          .allSatisfy(m -> assertThat(statuses.get(m)).isEqualTo("cancelled"));
      assertThat(needStatus(project, need)).isEqualTo("completed");
      assertThat(scenario.outbox(need, "position_filled")).isEqualTo(2);
      assertThat(scenario.logs(need, "position_filled_sent")).isEqualTo(2);
      assertThat(scenario.outbox(need, "confirmation")).isEqualTo(3);

      HttpResponse<String> late = post(tokens.get(musicians.get(8)), "accepted");
      assertThat(late.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(late).getString("detail"))
          .isEqualTo("Platsen hann tillsättas innan ditt svar kom. Tack för ditt intresse!");
    }

    @Test
    void sequentialAsksOneAtATimeThroughThreeDeclinesAndTheFourthAcceptCompletesIt()
        throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);

      for (int i = 0; i < 3; i++) {
        Map<Integer, String> tokens = tokens(need);
        assertThat(statuses(need).values().stream().filter("pending"::equals)).hasSize(1);
        answer(tokens.get(musicians.get(i)), "declined", 200);
      }
      answer(tokens(need).get(musicians.get(3)), "accepted", 200);

      Map<Integer, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        expected.put(musicians.get(i), "declined");
      }
      expected.put(musicians.get(3), "accepted");
      assertThat(statuses(need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("completed");
    }

    @Test
    void aDeclineOnAPausedNeedSendsNoReplacement() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      scenario.ok(
          "PATCH", "/projects/" + project + "/needs/" + need, "{\"status\":\"paused\"}", 200);

      answer(tokens(need).get(musicians.get(0)), "declined", 200);

      assertThat(statuses(need)).hasSize(2);
    }

    @Test
    void anAcceptBeyondTheQuantityIsRefusedAsFilledAndTheMusicianIsTold() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 3, "parallel", "");
      scenario.send(project, need);
      scenario.ok("PUT", "/projects/" + project + "/needs/" + need, "{\"quantity\":2}", 200);
      Map<Integer, String> tokens = tokens(need);
      answer(tokens.get(musicians.get(0)), "accepted", 200);
      answer(tokens.get(musicians.get(1)), "accepted", 200);

      HttpResponse<String> third = post(tokens.get(musicians.get(2)), "accepted");
      HttpResponse<String> again =
          ripieno.send("GET", "/api/public/responses/" + tokens.get(musicians.get(2)), null, null);

      assertThat(third.statusCode()).isEqualTo(410);
      assertThat(again.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(again).getString("detail")).startsWith("Platsen hann");
      assertThat(statuses(need).get(musicians.get(2))).isEqualTo("cancelled");
      assertThat(needStatus(project, need)).isEqualTo("completed");
      assertThat(scenario.outbox(need, "position_filled")).isOne();
    }

    @Test
    void tenSimultaneousAcceptsOfAQuantityThreeNeedTakeExactlyThree() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 3, "first_come", ",\"maxRecipients\":10");
      scenario.send(project, need);
      List<String> tokens = new ArrayList<>(tokens(need).values());
      assertThat(tokens).hasSize(10);

      ExecutorService threads = Executors.newFixedThreadPool(10);
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try {
        for (String token : tokens) {
          answers.add(
              threads.submit(
                  () -> {
                    gate.await();
                    return post(token, "accepted");
                  }));
        }
        gate.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
          HttpResponse<String> response = answer.get();
          codes.add(response.statusCode());
          if (response.statusCode() == 410) {
            assertThat(response.body()).contains("Platsen hann tillsättas");
          }
        }
        assertThat(codes).filteredOn(c -> c == 200).hasSize(3);
        assertThat(codes).filteredOn(c -> c == 410).hasSize(7);
      } finally {
        threads.shutdownNow();
      }
      Map<Integer, String> statuses = statuses(need);
      assertThat(statuses.values().stream().filter("accepted"::equals)).hasSize(3);
      assertThat(statuses.values().stream().filter("cancelled"::equals)).hasSize(7);
      assertThat(scenario.outbox(need, "position_filled")).isEqualTo(7);
      assertThat(scenario.outbox(need, "confirmation")).isEqualTo(3);
      assertThat(needStatus(project, need)).isEqualTo("completed");
    }
  }

  @Nested
  class Links {

    @Test
    void anUnknownTokenIs404() throws Exception {
      HttpResponse<String> unknown =
          ripieno.send("GET", "/api/public/responses/" + ORCHESTRA + ".nosuchsecret", null, null);
      HttpResponse<String> noOrchestra =
          ripieno.send("GET", "/api/public/responses/orch-nowhere.nosuchsecret", null, null);

      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(noOrchestra.statusCode()).isEqualTo(404);
      assertThat(RunningRipieno.json(unknown).getString("detail"))
          .isEqualTo(RunningRipieno.json(noOrchestra).getString("detail"))
          .contains("This link is not valid");
    }

    @Test
    void theLinkShowsTheRequestAndAUsedTokenIs409() throws Exception {
      int project = project();
      int need =
          scenario.need(project, tutti, tuttiList, 1, "sequential", ",\"responseTimeHours\":12");
      scenario.send(project, need);
      String token = tokens(need).get(musicians.get(0));

      JsonObject details =
          RunningRipieno.json(ripieno.send("GET", "/api/public/responses/" + token, null, null));
      assertThat(details.getString("status")).isEqualTo("pending");
      assertThat(details.getString("language")).isEqualTo("sv");
      assertThat(details.getJsonObject("position").getString("name")).isEqualTo("Tutti");
      assertThat(details.getJsonObject("position").getString("instrument")).isEqualTo("Violin");
      assertThat(details.getJsonObject("project").getString("name")).startsWith("Vecka ");
      assertThat(details.getInt("responseTimeHours")).isEqualTo(12);
      assertThat(details.getString("deadline")).endsWith("Z");

      answer(token, "accepted", 200);
      HttpResponse<String> again = post(token, "declined");
      HttpResponse<String> read = ripieno.send("GET", "/api/public/responses/" + token, null, null);

      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(read.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(again).getString("detail"))
          .isEqualTo("Du har redan svarat på den här förfrågan.");
      assertThat(statuses(need).get(musicians.get(0))).isEqualTo("accepted");
    }

    @Test
    void anExpiredTokenIs410AndTheAnswerIsNotTaken() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      String token = tokens(need).get(musicians.get(0));
      scenario.execute(
          "update \"RequestToken\" set \"expiresAt\" = now() at time zone 'UTC' - interval '1"
              + " minute' where token = '"
              + token
              + "'");

      HttpResponse<String> late = post(token, "accepted");

      assertThat(late.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(late).getString("detail"))
          .isEqualTo("Tiden för att svara på förfrågan har gått ut.");
      assertThat(statuses(need).get(musicians.get(0))).isEqualTo("pending");
    }

    @Test
    void aTokenOfOneOrchestraNeverAnswersInAnother() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      String token = tokens(need).get(musicians.get(0));
      String secret = token.substring(token.indexOf('.') + 1);
      // With B's prefix the secret is looked up in B's database, where it does not exist.

      HttpResponse<String> inOther = post("orch-dispatch-b." + secret, "accepted");
      HttpResponse<String> legacyStyle =
          ripieno.send(
              "POST",
              "/api/public/responses/" + token + "?org=dispatchb",
              null,
              "{\"response\":\"accepted\"}");

      assertThat(inOther.statusCode()).isEqualTo(404);
      // The prefix decides; org= is only read for legacy tokens, so this answers in A.
      assertThat(legacyStyle.statusCode()).isEqualTo(200);
      assertThat(fixture.postgres().queryLong(other, "select count(*) from \"Request\"")).isZero();
    }

    @Test
    void aSuspendedOrchestrasLinkAnswers410() throws Exception {
      HttpResponse<String> answer =
          ripieno.send(
              "POST",
              "/api/public/responses/orch-dispatch-c.somesecret",
              null,
              "{\"response\":\"accepted\"}",
              "Accept-Language",
              "sv");

      assertThat(answer.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(answer).getString("detail"))
          .isEqualTo("Orkestern tar inte emot svar just nu.");
    }

    @Test
    void aLegacyLinkOfAnAdoptedDatabaseWorksWithItsOrchestra() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.execute(
          "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status)"
              + " values ('clegacyrequest01', "
              + need
              + ", "
              + musicians.get(0)
              + ", 'pending');"
              + " insert into \"RequestToken\" (token, \"requestId\", \"expiresAt\")"
              + " select 'clegacytoken0001', id, now() + interval '1 day' from \"Request\""
              + " where \"requestId\" = 'clegacyrequest01'");

      HttpResponse<String> withoutOrg =
          ripieno.send("GET", "/api/public/responses/clegacytoken0001", null, null);
      HttpResponse<String> page = page("GET", "/respond?token=clegacytoken0001&org=dispatch", null);
      HttpResponse<String> answered =
          page("POST", "/respond?token=clegacytoken0001&org=dispatch", "response=declined");

      assertThat(withoutOrg.statusCode()).isEqualTo(404);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("action=\"/respond?token=clegacytoken0001&amp;org=dispatch\"");
      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(answered.body()).contains("Tack för ditt svar.");
      assertThat(statuses(need).get(musicians.get(0))).isEqualTo("declined");
      // The decline brought the next on the list, with a Ripieno token.
      assertThat(tokens(need).get(musicians.get(1))).startsWith(ORCHESTRA + ".");
    }
  }

  @Nested
  class AnswerPage {

    @Test
    void theFormIsInSwedishForASwedishMusicianEscapedAndUnderAStrictPolicy() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      String token = tokens(need).get(musicians.get(0));

      HttpResponse<String> form = page("GET", "/respond/" + token, null, "Accept-Language", "en");

      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("default-src 'none'", "form-action 'self'", "style-src 'sha256-")
          .doesNotContain("unsafe-inline", "script-src");
      assertThat(form.body())
          .contains("<html lang=\"sv\"", "Hej Vi0!", "Tutti (Violin)", "Ja, jag tackar ja")
          .contains("Nej, jag tackar nej", "method=\"post\"", "action=\"/respond/" + token + "\"")
          .doesNotContain("<script");

      HttpResponse<String> answered = page("POST", "/respond/" + token, "response=accepted");

      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(answered.body())
          .contains("Tack för ditt svar! Vi skickar mer information via e-post.");
      HttpResponse<String> again = page("GET", "/respond/" + token, null);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.body()).contains("Du har redan svarat på den här förfrågan.");
    }

    @Test
    void theFormIsInEnglishForAnEnglishSpeakingMusician() throws Exception {
      int project = project();
      int need = scenario.need(project, solo, soloList, 1, "sequential", "");
      scenario.send(project, need);
      String token = tokens(need).get(musicians.get(11));

      HttpResponse<String> form = page("GET", "/respond/" + token, null, "Accept-Language", "sv");
      HttpResponse<String> answered = page("POST", "/respond/" + token, "response=declined");

      assertThat(form.body())
          .contains("<html lang=\"en\"", "Hello Vi11!", "Solo (Violin)", "Yes, I accept")
          .contains("No, I decline", "Please answer by");
      assertThat(answered.body()).contains("Thank you for your answer. We will be in touch");
    }

    @Test
    void anUnknownLinkGetsAPageInTheBrowsersLanguage() throws Exception {
      HttpResponse<String> page =
          page("GET", "/respond/nothing.here", null, "Accept-Language", "sv");

      assertThat(page.statusCode()).isEqualTo(404);
      assertThat(page.body()).contains("<html lang=\"sv\"", "Länken är ogiltig");
    }
  }

  @Nested
  class Board {

    @Test
    void theBoardShowsEachNeedsRequestsWithHistoryDeadlineAndWhoIsNext() throws Exception {
      int project = project();
      int untouched = scenario.need(project, solo, soloList, 1, "sequential", "");
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      answer(tokens(need).get(musicians.get(0)), "accepted", 200);

      JsonObject board = json("GET", "/projects/" + project + "/requests");

      List<JsonObject> needs = board.getJsonArray("needs").getValuesAs(JsonObject.class);
      assertThat(needs.stream().map(n -> n.getJsonObject("need").getInt("id")).toList())
          .as("not started before in progress")
          .containsExactly(untouched, need);
      JsonObject asked = needs.get(1);
      assertThat(asked.getJsonObject("need").getJsonObject("counts").getInt("accepted")).isOne();
      assertThat(ints(asked, "nextInQueue")).startsWith(musicians.get(2));
      List<JsonObject> requests = asked.getJsonArray("requests").getValuesAs(JsonObject.class);
      assertThat(requests).hasSize(2);
      JsonObject first = requests.get(0);
      assertThat(first.getJsonObject("request").getString("status")).isEqualTo("accepted");
      assertThat(first.getJsonObject("request").getString("email")).isEqualTo("vi0@example.org");
      assertThat(first.getString("expiresAt")).endsWith("Z");
      assertThat(
              first.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                  .map(e -> e.getString("type"))
                  .toList())
          .containsExactly("request_sent", "response_received", "confirmation_sent");
      assertThat(board.toString()).doesNotContain(ORCHESTRA + ".");

      JsonArray accepted = array("/projects/" + project + "/accepted-musicians");
      assertThat(accepted).hasSize(1);
      assertThat(accepted.getJsonObject(0).getInt("musicianId")).isEqualTo(musicians.get(0));
    }

    @Test
    void pausingAProjectStopsSendingAndResumingNeverReopensACompletedNeed() throws Exception {
      int project = project();
      int open = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      int done = scenario.need(project, solo, soloList, 1, "sequential", "");
      scenario.send(project, done);
      answer(tokens(done).get(musicians.get(11)), "accepted", 200);

      JsonObject paused =
          scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":true}", 200);
      assertThat(paused.toString()).contains("\"status\":\"paused\"", "\"status\":\"completed\"");
      assertThat(scenario.send(project, null).getJsonArray("requests")).isEmpty();

      scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":false}", 200);

      assertThat(needStatus(project, open)).isEqualTo("active");
      assertThat(needStatus(project, done)).isEqualTo("completed");
      assertThat(scenario.send(project, null).getJsonArray("requests")).hasSize(2);
      assertThat(scenario.call("POST", "/projects/" + project + "/pause", "{}").statusCode())
          .isEqualTo(400);
    }

    @Test
    void theEventsFeedAnswersWhatHappenedAfterATime() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      String since =
          scenario.rows(
                  "select to_char(max(timestamp),"
                      + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from \"CommunicationLog\" c join"
                      + " \"Request\" r on r.id = c.\"requestId\" where r.\"projectNeedId\" = "
                      + need)
              .get(0)[0];
      scenario.execute("select pg_sleep(0.01)");
      answer(tokens(need).get(musicians.get(0)), "declined", 200);

      JsonArray all = array("/projects/" + project + "/events");
      JsonArray after = array("/projects/" + project + "/events?since=" + since);

      assertThat(all.getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList())
          .containsExactly("request_sent", "response_received", "request_sent");
      assertThat(
              after.getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList())
          .containsExactly("response_received", "request_sent");
      assertThat(
              scenario
                  .call("GET", "/projects/" + project + "/events?since=yesterday", null)
                  .statusCode())
          .isEqualTo(400);
    }

    @Test
    void everyNewOperationIsDescribedInTheOpenApiDocument() throws Exception {
      HttpResponse<String> document = ripieno.get("/openapi");

      assertThat(document.body())
          .contains(
              "/api/orchestras/{subdomain}/projects/{projectId}/send",
              "/api/orchestras/{subdomain}/projects/{projectId}/requests",
              "/api/orchestras/{subdomain}/projects/{projectId}/accepted-musicians",
              "/api/orchestras/{subdomain}/projects/{projectId}/pause",
              "/api/orchestras/{subdomain}/projects/{projectId}/events",
              "/api/public/responses/{token}",
              "Answer a request",
              "/api/orchestras/{subdomain}/projects/{projectId}/requests/{requestId}/answer",
              "/api/orchestras/{subdomain}/projects/{projectId}/requests/{requestId}/withdraw",
              "/api/orchestras/{subdomain}/projects/{projectId}/requests/{requestId}/cancel",
              "/api/orchestras/{subdomain}/projects/{projectId}/requests/{requestId}/resend",
              "/api/orchestras/{subdomain}/projects/{projectId}/cancel",
              "/api/orchestras/{subdomain}/messages",
              "Record an answer given by phone",
              "Withdraw a musician who accepted",
              "Cancel a whole project",
              "RecordedAnswer");
    }
  }

  @Nested
  class HandActions {

    @Test
    void anAnswerByPhoneIsTakenAsTheLinkWouldTakeItAndAuditedWithWhoAndTheNote() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      long audits = scenario.count("select count(*) from \"AuditLog\"");

      JsonObject declined =
          hand(
              project,
              requestIds(need).get(musicians.get(0)),
              "answer",
              "{\"response\":\"declined\"}");

      assertThat(declined.getString("status")).isEqualTo("declined");
      assertThat(declined.getJsonArray("sent")).hasSize(1);
      assertThat(statuses(need).get(musicians.get(1))).isEqualTo("pending");

      String token = tokens(need).get(musicians.get(1));
      JsonObject accepted =
          hand(
              project,
              requestIds(need).get(musicians.get(1)),
              "answer",
              "{\"response\":\"accepted\",\"note\":\"Ringde tisdag kväll\"}");

      assertThat(accepted.getString("status")).isEqualTo("accepted");
      assertThat(accepted.getString("needStatus")).isEqualTo("completed");
      assertThat(needStatus(project, need)).isEqualTo("completed");
      assertThat(scenario.outbox(need, "confirmation")).isOne();
      assertThat(scenario.logs(need, "response_recorded")).isEqualTo(2);
      assertThat(scenario.logs(need, "response_received")).isZero();
      assertThat(post(token, "declined").statusCode()).as("the link was answered").isEqualTo(409);
      assertThat(scenario.count("select count(*) from \"AuditLog\"")).isEqualTo(audits + 2);
      assertThat(
              scenario
                  .rows(
                      "select case when \"userId\" is not null then 't' else 'f' end, \"newValues\"::json->>'note',"
                          + " \"newValues\"::json->>'status' from \"AuditLog\" where action ="
                          + " 'answer' and \"entityType\" = 'Request' and \"entityId\" = "
                          + requestIds(need).get(musicians.get(1)))
                  .get(0))
          .containsExactly("t", "Ringde tisdag kväll", "accepted");
    }

    @Test
    void anAnswerThatCannotBeTakenIsRefusedInBothLanguagesAndWritesNothing() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      int first = requestIds(need).get(musicians.get(0));
      hand(project, first, "answer", "{\"response\":\"accepted\"}");
      int other = project();
      long audits = scenario.count("select count(*) from \"AuditLog\"");
      long logs = scenario.count("select count(*) from \"CommunicationLog\"");

      HttpResponse<String> again =
          ripieno.send(
              "POST",
              BASE + "/projects/" + project + "/requests/" + first + "/answer",
              admin,
              "{\"response\":\"declined\"}",
              "Accept-Language",
              "sv");
      HttpResponse<String> nonsense =
          scenario.call(
              "POST",
              "/projects/" + project + "/requests/" + first + "/answer",
              "{\"response\":\"maybe\"}");
      HttpResponse<String> elsewhere =
          scenario.call(
              "POST",
              "/projects/" + other + "/requests/" + first + "/answer",
              "{\"response\":\"declined\"}");
      HttpResponse<String> byReader =
          ripieno.send(
              "POST",
              BASE + "/projects/" + project + "/requests/" + first + "/cancel",
              reader,
              null);

      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(again).getString("detail"))
          .isEqualTo(
              "Förfrågan "
                  + requestCode(first)
                  + " är accepted: bara en väntande förfrågan besvaras.");
      assertThat(nonsense.statusCode()).isEqualTo(400);
      assertThat(elsewhere.statusCode()).isEqualTo(404);
      assertThat(byReader.statusCode()).isEqualTo(403);
      assertThat(scenario.count("select count(*) from \"AuditLog\"")).isEqualTo(audits);
      assertThat(scenario.count("select count(*) from \"CommunicationLog\"")).isEqualTo(logs);
      assertThat(statuses(need).get(musicians.get(0))).isEqualTo("accepted");
    }

    @Test
    void theWithdrawalOfAnAcceptedMusicianRefillsTheNeed() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      answer(tokens(need).get(musicians.get(0)), "accepted", 200);
      assertThat(needStatus(project, need)).isEqualTo("completed");

      JsonObject withdrawn =
          hand(project, requestIds(need).get(musicians.get(0)), "withdraw", null);

      assertThat(withdrawn.getString("status")).isEqualTo("declined");
      assertThat(withdrawn.getString("needStatus")).isEqualTo("active");
      assertThat(withdrawn.getJsonArray("sent").getJsonObject(0).getInt("musicianId"))
          .isEqualTo(musicians.get(1));
      Map<Integer, String> expected = new LinkedHashMap<>();
      expected.put(musicians.get(0), "declined");
      expected.put(musicians.get(1), "pending");
      assertThat(statuses(need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("active");
      assertThat(scenario.logs(need, "request_withdrawn")).isOne();
      assertThat(scenario.outbox(need, "request")).isEqualTo(2);
      assertThat(
              scenario.count(
                  "select count(*) from \"AuditLog\" where action = 'withdraw' and \"entityId\" = "
                      + requestIds(need).get(musicians.get(0))))
          .isOne();
      // The replacement fills it again; the withdrawn musician cannot be withdrawn twice.
      answer(tokens(need).get(musicians.get(1)), "accepted", 200);
      assertThat(needStatus(project, need)).isEqualTo("completed");
      assertThat(
              scenario
                  .call(
                      "POST",
                      "/projects/"
                          + project
                          + "/requests/"
                          + requestIds(need).get(musicians.get(0))
                          + "/withdraw",
                      null)
                  .statusCode())
          .isEqualTo(409);
    }

    @Test
    void aWithdrawalFromAPausedNeedWaitsForTheResumeToSendTheReplacement() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      answer(tokens(need).get(musicians.get(0)), "accepted", 200);
      scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":true}", 200);

      hand(project, requestIds(need).get(musicians.get(0)), "withdraw", null);
      answer(tokens(need).get(musicians.get(1)), "declined", 200);

      assertThat(statuses(need)).hasSize(2);
      assertThat(needStatus(project, need)).isEqualTo("paused");

      JsonObject resumed =
          scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":false}", 200);

      assertThat(resumed.getJsonArray("requests")).hasSize(2);
      assertThat(statuses(need).get(musicians.get(2))).isEqualTo("pending");
      assertThat(statuses(need).get(musicians.get(3))).isEqualTo("pending");
    }

    @Test
    void resumingOneNeedSendsTheReplacementsItsDeclinesWereOwed() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 1, "sequential", "");
      scenario.send(project, need);
      scenario.ok(
          "PATCH", "/projects/" + project + "/needs/" + need, "{\"status\":\"paused\"}", 200);
      answer(tokens(need).get(musicians.get(0)), "declined", 200);
      assertThat(statuses(need)).hasSize(1);

      scenario.ok(
          "PATCH", "/projects/" + project + "/needs/" + need, "{\"status\":\"active\"}", 200);

      assertThat(statuses(need).get(musicians.get(1))).isEqualTo("pending");
    }

    @Test
    void aCancelledRequestsLinkAnswers410ItsWaitingMailIsWithdrawnAndTheMusicianNotExcluded()
        throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      int first = requestIds(need).get(musicians.get(0));
      int second = requestIds(need).get(musicians.get(1));
      String token = tokens(need).get(musicians.get(0));
      // The second musician's request went out; the first one's still waits (no SMTP here).
      scenario.execute(
          "update \"OutboxMessage\" set status = 'sent' where \"requestId\" = " + second);

      JsonObject cancelled = hand(project, first, "cancel", null);
      hand(project, second, "cancel", null);

      assertThat(cancelled.getString("status")).isEqualTo("cancelled");
      assertThat(cancelled.getJsonArray("sent")).isEmpty();
      HttpResponse<String> late = post(token, "accepted");
      assertThat(late.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(late).getString("detail"))
          .isEqualTo("Denna förfrågan är inte längre aktiv.");
      assertThat(messages(first))
          .as("never asked, so not told")
          .containsExactly("request:cancelled");
      assertThat(messages(second)).containsExactly("request:sent", "request_cancelled:queued");
      assertThat(scenario.logs(need, "request_cancelled")).isEqualTo(2);
      assertThat(scenario.logs(need, "cancellation_sent")).isOne();
      assertThat(statuses(need)).hasSize(2);
      JsonObject preview = json("GET", "/projects/" + project + "/needs/" + need + "/preview");
      assertThat(ints(preview, "recipients"))
          .as("a cancelled request excludes nobody")
          .containsExactly(musicians.get(0), musicians.get(1));
      assertThat(
              scenario
                  .call("POST", "/projects/" + project + "/requests/" + first + "/cancel", null)
                  .statusCode())
          .isEqualTo(409);
    }

    @Test
    void aResentRequestGoesAgainWithTheSameLinkWhileItIsPendingAndOpen() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      scenario.send(project, need);
      int first = requestIds(need).get(musicians.get(0));
      int second = requestIds(need).get(musicians.get(1));

      hand(project, first, "resend", null);

      assertThat(
              scenario.count(
                  "select count(*) from \"OutboxMessage\" where kind = 'request' and \"requestId\" = "
                      + first))
          .isEqualTo(2);
      assertThat(
              scenario.count(
                  "select count(*) from \"RequestToken\" where \"requestId\" = " + first))
          .isOne();
      assertThat(scenario.logs(need, "request_resent")).isOne();

      scenario.execute(
          "update \"RequestToken\" set \"expiresAt\" = now() at time zone 'UTC' - interval '1"
              + " minute' where \"requestId\" = "
              + second);
      answer(tokens(need).get(musicians.get(0)), "declined", 200);

      HttpResponse<String> expired =
          scenario.call("POST", "/projects/" + project + "/requests/" + second + "/resend", null);
      HttpResponse<String> answered =
          scenario.call("POST", "/projects/" + project + "/requests/" + first + "/resend", null);
      assertThat(expired.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(expired).getString("detail")).contains("past its deadline");
      assertThat(answered.statusCode()).isEqualTo(409);
      assertThat(
              scenario.count(
                  "select count(*) from \"OutboxMessage\" where kind = 'request' and \"requestId\" = "
                      + second))
          .isOne();
    }

    @Test
    void aCancelledProjectCancelsEveryPendingRequestClosesItsNeedsAndSendsNothingMore()
        throws Exception {
      int project = project();
      int open = scenario.need(project, tutti, tuttiList, 2, "parallel", "");
      int done = scenario.need(project, solo, soloList, 1, "sequential", "");
      scenario.send(project, null);
      answer(tokens(done).get(musicians.get(11)), "accepted", 200);
      int delivered = requestIds(open).get(musicians.get(0));
      int waiting = requestIds(open).get(musicians.get(1));
      scenario.execute(
          "update \"OutboxMessage\" set status = 'sent' where \"requestId\" = " + delivered);

      JsonObject cancelled = scenario.ok("POST", "/projects/" + project + "/cancel", null, 200);

      assertThat(cancelled.getJsonArray("cancelledRequests")).hasSize(2);
      assertThat(statuses(open).values()).containsOnly("cancelled");
      assertThat(needStatus(project, open)).isEqualTo("archived");
      assertThat(needStatus(project, done)).isEqualTo("completed");
      assertThat(statuses(done).get(musicians.get(11))).isEqualTo("accepted");
      assertThat(messages(delivered)).containsExactly("request:sent", "request_cancelled:queued");
      assertThat(messages(waiting)).containsExactly("request:cancelled");
      assertThat(scenario.outbox(done, "request_cancelled")).isZero();
      assertThat(scenario.send(project, null).getJsonArray("requests")).isEmpty();
      assertThat(
              scenario.count(
                  "select count(*) from \"AuditLog\" where action = 'cancel' and \"entityType\""
                      + " = 'Project' and \"entityId\" = "
                      + project))
          .isOne();

      HttpResponse<String> again = scenario.call("POST", "/projects/" + project + "/cancel", null);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(again).getString("detail")).contains("nothing to cancel");
      assertThat(scenario.outbox(open, "request_cancelled")).isOne();
    }

    @Test
    void eachSendWritesOneAuditRow() throws Exception {
      int project = project();
      int need = scenario.need(project, tutti, tuttiList, 2, "parallel", "");

      scenario.send(project, need);
      scenario.send(project, null);

      List<String[]> rows =
          scenario.rows(
              "select \"entityType\", \"entityId\", \"newValues\"::json->'requests' from"
                  + " \"AuditLog\" where action = 'send' and (\"entityType\" = 'ProjectNeed' and"
                  + " \"entityId\" = "
                  + need
                  + " or \"entityType\" = 'Project' and \"entityId\" = "
                  + project
                  + ") order by id");
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0)[0]).isEqualTo("ProjectNeed");
      assertThat(rows.get(0)[2]).matches("\\[\"REQ\\d+\",\\s?\"REQ\\d+\"\\]");
      assertThat(rows.get(1)[0]).isEqualTo("Project");
      assertThat(rows.get(1)[2]).isEqualTo("[]");
    }
  }

  @Nested
  class Messages {

    @Test
    void theOutboxIsListedNewestFirstFilteredByStatusAndNeverShowsALink() throws Exception {
      int project = project();
      int need =
          scenario.need(project, tutti, tuttiList, 2, "parallel", ",\"responseTimeHours\":36");
      scenario.send(project, need);
      int first = requestIds(need).get(musicians.get(0));

      HttpResponse<String> listed =
          ripieno.send("GET", BASE + "/messages?status=queued&size=500", reader, null);

      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      JsonObject page = RunningRipieno.json(listed);
      List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
      assertThat(items).allSatisfy(m -> assertThat(m.getString("status")).isEqualTo("queued"));
      assertThat(page.getInt("total")).isGreaterThanOrEqualTo(2);
      List<Integer> ids = items.stream().map(m -> m.getInt("id")).toList();
      assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
      JsonObject mine =
          items.stream().filter(m -> m.getInt("requestId") == first).findFirst().orElseThrow();
      assertThat(mine.getString("recipient")).isEqualTo("vi0@example.org");
      assertThat(mine.getString("type")).isEqualTo("request");
      assertThat(mine.getString("subject")).contains("Tutti", "Vecka ");
      assertThat(mine.getString("messageId")).endsWith(".request@ripieno>");
      assertThat(mine.getInt("attempts")).isZero();
      assertThat(mine.getString("requestCode")).isEqualTo(requestCode(first));
      assertThat(listed.body()).doesNotContain(ORCHESTRA + ".", "/respond");

      assertThat(scenario.call("GET", "/messages?status=sent", null).statusCode()).isEqualTo(200);
      assertThat(
              RunningRipieno.json(scenario.call("GET", "/messages?status=sent", null))
                  .getJsonArray("items"))
          .allSatisfy(m -> assertThat(m.asJsonObject().getString("status")).isEqualTo("sent"));
      HttpResponse<String> unknown =
          ripieno.send("GET", BASE + "/messages?status=lost", admin, null, "Accept-Language", "sv");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(unknown).getString("detail"))
          .isEqualTo("status är queued, sending, sent, failed eller cancelled.");
    }
  }

  // --- helpers ---

  /** A hand action on one request, answered 200. */
  private JsonObject hand(int project, int request, String action, String body) throws Exception {
    return scenario.ok(
        "POST", "/projects/" + project + "/requests/" + request + "/" + action, body, 200);
  }

  /** Musician → request id of the need's requests. */
  private Map<Integer, Integer> requestIds(int need) throws Exception {
    Map<Integer, Integer> ids = new LinkedHashMap<>();
    for (String[] row :
        scenario.rows(
            "select \"musicianId\", id from \"Request\" where \"projectNeedId\" = "
                + need
                + " order by id")) {
      ids.put(Integer.valueOf(row[0]), Integer.valueOf(row[1]));
    }
    return ids;
  }

  /** The request's outbox messages as {@code kind:status}, oldest first. */
  private List<String> messages(int request) throws Exception {
    return scenario
        .rows(
            "select kind || ':' || status from \"OutboxMessage\" where \"requestId\" = "
                + request
                + " order by id")
        .stream()
        .map(row -> row[0])
        .toList();
  }

  private String requestCode(int request) throws Exception {
    return scenario.rows("select \"requestId\" from \"Request\" where id = " + request).get(0)[0];
  }

  private JsonObject answer(String token, String response, int status) throws Exception {
    HttpResponse<String> answer = post(token, response);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return RunningRipieno.json(answer);
  }

  private HttpResponse<String> post(String token, String response) throws Exception {
    return ripieno.send(
        "POST", "/api/public/responses/" + token, null, "{\"response\":\"" + response + "\"}");
  }

  private HttpResponse<String> page(String method, String path, String form, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ripieno.uri(path).toString()))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A project in a week of its own, so nobody is busy the same week. */
  private int project() throws Exception {
    return scenario.projectInItsOwnWeek("Vecka", LocalDate.of(2032, 1, 5));
  }

  private String needStatus(int project, int need) throws Exception {
    return json("GET", "/projects/" + project + "/needs/" + need).getString("status");
  }

  /** Musician → token of the need's requests. */
  private Map<Integer, String> tokens(int need) throws Exception {
    Map<Integer, String> tokens = new LinkedHashMap<>();
    for (String[] row :
        scenario.rows(
            "select r.\"musicianId\", t.token from \"RequestToken\" t join \"Request\" r on r.id ="
                + " t.\"requestId\" where r.\"projectNeedId\" = "
                + need
                + " order by r.id")) {
      tokens.put(Integer.valueOf(row[0]), row[1]);
    }
    return tokens;
  }

  /** Musician → status of the need's requests, in the order they were sent. */
  private Map<Integer, String> statuses(int need) throws Exception {
    Map<Integer, String> statuses = new LinkedHashMap<>();
    for (String[] row :
        scenario.rows(
            "select \"musicianId\", status from \"Request\" where \"projectNeedId\" = "
                + need
                + " order by id")) {
      statuses.put(Integer.valueOf(row[0]), row[1]);
    }
    return statuses;
  }

  private JsonObject json(String method, String path) throws Exception {
    return scenario.ok(method, path, null, 200);
  }

  /** The JSON array a GET of the path answers with 200. */
  private JsonArray array(String path) throws Exception {
    HttpResponse<String> answer = scenario.call("GET", path, null);
    assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
    try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
      return reader.readArray();
    }
  }
}
