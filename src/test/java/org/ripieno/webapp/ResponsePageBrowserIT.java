package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.RunningRipieno;

/**
 * A musician's answer page ({@code /respond/{token}}) in a real headless Chromium: the plain HTML
 * form in the musician's language, Swedish and English, answered by clicking its button (no
 * script), under its strict Content-Security-Policy without a console error, and the answer then
 * seen through the API. Screenshots land in target/screenshots/ (respond-*).
 */
class ResponsePageBrowserIT extends BrowserTest {

  private static final String ORCHESTRA = "orch-webrespond";
  private static final String BASE = "/api/orchestras/webrespond";

  private RunningRipieno ripieno;
  private DatabaseLogin database;
  private String admin;
  private int project;
  private int need;
  private int swedish;
  private int english;

  @BeforeAll
  void aSentNeed() throws Exception {
    ripieno = fixture.ripieno();
    database = fixture.registerOrchestra(ORCHESTRA, "webrespond", "Svarsorkestern");
    fixture.createUser("webrespond-admin", "admin", ORCHESTRA, "webrespond-admin-password");
    admin = fixture.login("webrespond-admin", "webrespond-admin-password");
    int position =
        ok(
                "POST",
                "/instruments",
                "{\"name\":\"Cello\",\"positions\":[{\"name\":\"Stämledare\"}]}",
                201)
            .asJsonObject()
            .getJsonArray("positions")
            .getJsonObject(0)
            .getInt("id");
    swedish = musician("Sigrid", "sv", position);
    english = musician("Edward", "en", position);
    int list =
        ok("POST", "/ranking-lists", "{\"positionId\":" + position + ",\"listType\":\"A\"}", 201)
            .asJsonObject()
            .getInt("id");
    for (int musician : new int[] {swedish, english}) {
      ok("POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}", 201);
    }
    project =
        ok(
                "POST",
                "/projects",
                "{\"name\":\"Höstkonsert\",\"startDate\":\"2035-10-01\","
                    + "\"concertInfo\":\"Konserthuset kl. 19\"}",
                201)
            .asJsonObject()
            .getInt("id");
    need =
        ok(
                "POST",
                "/projects/" + project + "/needs",
                "{\"positionId\":"
                    + position
                    + ",\"quantity\":2,\"rankingListId\":"
                    + list
                    + ",\"requestStrategy\":\"parallel\"}",
                201)
            .asJsonObject()
            .getInt("id");
    ok("POST", "/projects/" + project + "/send", "{\"needId\":" + need + "}", 200);
  }

  @Test
  void aSwedishMusicianAcceptsThroughTheFormAndTheAnswerIsSeenThroughTheApi() throws Exception {
    String token = tokens().get(swedish);
    browser.consoleMessages();

    browser.open("/respond/" + token);

    browser.await(presenceOfElementLocated(By.cssSelector("form button.yes")));
    assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("sv");
    assertThat(browser.driver().getTitle()).isEqualTo("Förfrågan");
    assertThat(browser.find("h1").getText()).isEqualTo("Hej Sigrid!");
    assertThat(browser.find("main p").getText())
        .isEqualTo("Vi vill fråga dig om Stämledare (Cello) i Höstkonsert.");
    // The project's day in the orchestra's time zone (Stockholm), as the mails show it.
    assertThat(browser.find("dl").getText())
        .contains("Start\n2035-10-01", "Svara senast", "Konserthuset kl. 19");
    assertThat(browser.find("button.yes").getText()).isEqualTo("Ja, jag tackar ja");
    browser.screenshot("respond-01-swedish-form");
    browser.resize(390, 844);
    browser.screenshot("respond-02-swedish-form-phone");
    browser.resize(1280, 900);

    browser.find("button.yes").click();

    browser.await(presenceOfElementLocated(By.cssSelector("p.outcome")));
    assertThat(browser.find("p.outcome").getText())
        .isEqualTo("Tack för ditt svar! Vi skickar mer information via e-post.");
    assertThat(browser.path()).isEqualTo("/respond/" + token);
    browser.screenshot("respond-03-swedish-accepted");
    browser.assertNoConsoleErrors("the Swedish answer page");

    JsonArray accepted =
        ok("GET", "/projects/" + project + "/accepted-musicians", null, 200).asJsonArray();
    assertThat(accepted).hasSize(1);
    assertThat(accepted.getJsonObject(0).getInt("musicianId")).isEqualTo(swedish);
    HttpResponse<String> again = ripieno.get("/api/public/responses/" + token);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(RunningRipieno.json(again).getString("detail"))
        .isEqualTo("Du har redan svarat på den här förfrågan.");
  }

  @Test
  void anEnglishMusicianReadsTheFormInEnglishAndDeclines() throws Exception {
    String token = tokens().get(english);
    browser.consoleMessages();

    browser.open("/respond/" + token);

    browser.await(presenceOfElementLocated(By.cssSelector("form button.yes")));
    assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("en");
    assertThat(browser.driver().getTitle()).isEqualTo("Request");
    assertThat(browser.find("h1").getText()).isEqualTo("Hello Edward!");
    assertThat(browser.find("main p").getText())
        .isEqualTo("We would like to ask you to play Stämledare (Cello) in Höstkonsert.");
    assertThat(browser.find("dl").getText()).contains("Please answer by");
    assertThat(browser.find("button.yes").getText()).isEqualTo("Yes, I accept");
    assertThat(browser.find("button:not(.yes)").getText()).isEqualTo("No, I decline");
    browser.screenshot("respond-04-english-form");

    browser.find("button:not(.yes)").click();

    browser.await(presenceOfElementLocated(By.cssSelector("p.outcome")));
    assertThat(browser.find("p.outcome").getText())
        .isEqualTo("Thank you for your answer. We will be in touch another time.");
    browser.screenshot("respond-05-english-declined");
    browser.assertNoConsoleErrors("the English answer page");

    assertThat(statusOf(english)).isEqualTo("declined");
    // Opened again, the page says the answer was given, still in English.
    browser.open("/respond/" + token);
    browser.await(presenceOfElementLocated(By.cssSelector("p.outcome")));
    assertThat(browser.find("p.outcome").getText())
        .isEqualTo("You have already answered this request.");
    browser.screenshot("respond-06-english-already-answered");
    // The refusal keeps its status code, which the browser notes; nothing else went wrong.
    assertThat(browser.consoleMessages()).singleElement().asString().contains("409");
  }

  // --- helpers ---

  private int musician(String name, String language, int position) throws Exception {
    return ok(
            "POST",
            "/musicians",
            "{\"firstName\":\""
                + name
                + "\",\"lastName\":\"Stråke\",\"email\":\""
                + name.toLowerCase()
                + "@example.org\",\"preferredLanguage\":\""
                + language
                + "\",\"qualificationIds\":["
                + position
                + "]}",
            201)
        .asJsonObject()
        .getInt("id");
  }

  /** The musician's request status, from the request board. */
  private String statusOf(int musician) throws Exception {
    for (JsonValue entry :
        ok("GET", "/projects/" + project + "/requests", null, 200)
            .asJsonObject()
            .getJsonArray("needs")) {
      for (JsonValue request : entry.asJsonObject().getJsonArray("requests")) {
        JsonObject row = request.asJsonObject().getJsonObject("request");
        if (row.getInt("musicianId") == musician) {
          return row.getString("status");
        }
      }
    }
    throw new AssertionError("No request for " + musician);
  }

  /**
   * Musician → token of the need's requests. The shared application has no mail server, so the
   * links are read where the mails would take them from.
   */
  private Map<Integer, String> tokens() throws Exception {
    Map<Integer, String> tokens = new LinkedHashMap<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select r.\"musicianId\", t.token from \"RequestToken\" t join \"Request\" r on"
                    + " r.id = t.\"requestId\" where r.\"projectNeedId\" = "
                    + need)) {
      while (rows.next()) {
        tokens.put(rows.getInt(1), rows.getString(2));
      }
    }
    return tokens;
  }

  private JsonValue ok(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> answer = ripieno.send(method, BASE + path, admin, body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
      return reader.readValue();
    }
  }
}
