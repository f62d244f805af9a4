package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * A concert week's staffing in a real headless Chromium, against the application booted with a
 * GreenMail server (mail is delivered, a one-second job interval): the admin creates a need in the
 * need dialog, previews it (each list member's reason), sends it and watches its mails delivered;
 * the musician answers on the public page through the link of the mail GreenMail received, and the
 * open request board shows the answer without a reload; the admin records a phone answer through
 * the confirmation dialog and the replacement appears; a need with requests shows its frozen
 * fields; the project is paused and resumed; the outbox lists the mails by status; the project page
 * and the board fit a phone's width; a {@code user} sees it all without a write control; the admin
 * resends a link (the same link arrives again) and cancels the project's staffing after confirming;
 * the dashboard shows the figures, a chart Chart.js has drawn and the activity feed, also at a
 * phone's width; a file uploaded on the page is listed and downloads with its bytes; a group email
 * written on the page reaches the accepted musician and its history counts the delivery. Every step
 * checks the console for errors and CSP violations; screenshots in target/screenshots/staffing-*.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffingBrowserIT extends BrowserTest {

  private static final String ORCHESTRA = "orch-webstaff";
  private static final String SUBDOMAIN = "webstaff";
  private static final String BASE = "/api/orchestras/" + SUBDOMAIN;
  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final String ADMIN = "webstaff-admin";
  private static final String READER = "webstaff-reader";
  private static final String PASSWORD = "webstaff-password-1";
  private static final Duration DELIVERY = Duration.ofSeconds(60);

  private GreenMail smtp;
  private RunningRipieno ripieno;
  private String admin;
  private int project;
  private int list;
  private final Map<String, String> codes = new HashMap<>();

  @Override
  PlatformFixture platform() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    return PlatformFixture.start(
        "webstaff",
        Map.of(
            "RIPIENO_MAIL_SMTP_HOST", "127.0.0.1",
            "RIPIENO_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
            "RIPIENO_MAIL_FROM", "staffing@ripieno.example.org",
            "RIPIENO_MAIL_RATE", "100",
            "RIPIENO_JOBS_INTERVAL", "PT1S",
            "RIPIENO_PUBLIC_URL", PUBLIC_URL));
  }

  @BeforeAll
  void anOrchestraWithAList() throws Exception {
    ripieno = fixture.ripieno();
    fixture.registerOrchestra(ORCHESTRA, SUBDOMAIN, "Bemanningsorkestern");
    fixture.createUser(ADMIN, "admin", ORCHESTRA, PASSWORD);
    fixture.createUser(READER, "user", ORCHESTRA, PASSWORD);
    admin = fixture.login(ADMIN, PASSWORD);
    int tutti =
        ok("POST", "/instruments", "{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}", 201)
            .asJsonObject()
            .getJsonArray("positions")
            .getJsonObject(0)
            .getInt("id");
    list =
        ok("POST", "/ranking-lists", "{\"positionId\":" + tutti + ",\"listType\":\"A\"}", 201)
            .asJsonObject()
            .getInt("id");
    for (String name : List.of("Anna", "Bo", "Cecilia")) {
      JsonObject musician =
          ok(
                  "POST",
                  "/musicians",
                  "{\"firstName\":\""
                      + name
                      + "\",\"lastName\":\"Altsson\",\"email\":\""
                      + name.toLowerCase()
                      + "@example.org\",\"preferredLanguage\":\"sv\",\"qualificationIds\":["
                      + tutti
                      + "]}",
                  201)
              .asJsonObject();
      codes.put(name, musician.getString("musicianId"));
      ok(
          "POST",
          "/ranking-lists/" + list + "/musicians",
          "{\"musicianId\":" + musician.getInt("id") + "}",
          201);
    }
    project =
        ok(
                "POST",
                "/projects",
                "{\"name\":\"Vårkonsert\",\"startDate\":\"2035-04-01\","
                    + "\"concertInfo\":\"Konserthuset kl. 19\"}",
                201)
            .asJsonObject()
            .getInt("id");
  }

  @AfterAll
  void stopTheApplicationAndTheMailServer() throws Exception {
    LocalMailServer.stopAfterTheApplication(fixture, smtp);
  }

  @Test
  @Order(1)
  void aNeedIsCreatedInTheDialogPreviewedWithReasonsAndSentWithItsDeliveryFollowed()
      throws Exception {
    signInAs(ADMIN);
    browser.open(projectPage());
    browser.await(presenceOfElementLocated(By.id("no-needs")));
    browser.click(By.id("new-need"));
    browser.await(presenceOfElementLocated(By.cssSelector("#need-form select[name=list] option")));
    // The legacy's response times, 1 h to 3 months, and the list helper's counts.
    List<String> times =
        new Select(browser.find("#need-form select[name=responseTimeHours]"))
            .getOptions().stream().map(WebElement::getText).toList();
    assertThat(times).hasSize(20).startsWith("1 h", "2 h").endsWith("3 mån");
    assertThat(browser.find("#need-form select[name=list]").getText())
        .contains("A-lista: 3 av 3 kan tillfrågas");
    browser.type("#need-form input[name=quantity]", "2");
    new Select(browser.find("#need-form select[name=requestStrategy]")).selectByValue("parallel");
    new Select(browser.find("#need-form select[name=responseTimeHours]")).selectByValue("72");
    browser.screenshot("staffing-01-need-dialog");
    browser.find("#need-form button[type=submit]").click();
    browser.await(presenceOfElementLocated(By.cssSelector("li.need-card[data-status=active]")));
    JsonObject need =
        ok("GET", "/projects/" + project + "/needs", null, 200)
            .asJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(need.getInt("rankingListId")).isEqualTo(list);
    assertThat(need.getInt("quantity")).isEqualTo(2);
    assertThat(need.getInt("responseTimeHours")).isEqualTo(72);
    assertThat(need.getString("requestStrategy")).isEqualTo("parallel");
    browser.assertNoConsoleErrors("the need dialog");

    browser.click(By.cssSelector("li.need-card button[data-action=preview]"));
    browser.await(presenceOfElementLocated(By.cssSelector("#preview tr[data-reason]")));
    assertThat(browser.all("#preview tr[data-reason=will_receive_request]")).hasSize(3);
    assertThat(browser.all("#preview tr.send-now")).hasSize(2);
    assertThat(browser.find("#preview .to-send").getText()).contains("Anna Altsson", "Bo Altsson");
    assertThat(browser.find("#preview").getText()).contains("Näst i kön: Cecilia Altsson");
    browser.screenshot("staffing-02-preview");

    browser.click(By.id("preview-send"));
    browser.await(attributeToBe(By.id("send-progress"), "data-total", "2"));
    browser.await(attributeToBe(By.id("send-progress"), "data-delivered", "2"), DELIVERY);
    browser.screenshot("staffing-03-sent-and-delivered");
    assertThat(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 2)).isTrue();
    browser.assertNoConsoleErrors("previewing and sending");
  }

  @Test
  @Order(2)
  void theMusicianAnswersThroughTheMailedLinkAndTheOpenBoardShowsItWithoutAReload()
      throws Exception {
    browser.click(By.id("tab-board"));
    browser.await(numberOfElementsToBe(By.cssSelector("li.request[data-status=pending]"), 2));
    assertThat(browser.find(".board-need .next-in-queue").getText()).contains("Cecilia Altsson");
    browser.script("window.boardNeverReloaded = true;");
    String link = linkIn(mailTo("anna@example.org"));
    assertThat(link).startsWith(PUBLIC_URL + "/respond/" + ORCHESTRA + ".");

    String board = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.WINDOW);
    browser.open(link.substring(PUBLIC_URL.length()));
    browser.await(presenceOfElementLocated(By.cssSelector("button.yes")));
    browser.screenshot("staffing-04-musician-answers");
    browser.find("button.yes").click();
    browser.await(presenceOfElementLocated(By.cssSelector("p.outcome")));
    browser.assertNoConsoleErrors("the musician's answer page");
    browser.driver().close();
    browser.driver().switchTo().window(board);

    browser.await(
        presenceOfElementLocated(
            By.cssSelector(
                "li.request[data-musician='" + codes.get("Anna") + "'][data-status=accepted]")));
    assertThat(browser.script("return window.boardNeverReloaded === true")).isEqualTo(true);
    browser.await(attributeToBe(By.id("project-staffing"), "data-percentage", "50"));
    browser.screenshot("staffing-05-board-shows-the-answer");
    browser.assertNoConsoleErrors("the live board");
  }

  @Test
  @Order(3)
  void aPhoneAnswerIsRecordedThroughTheConfirmationDialogAndTheNextInQueueIsAsked()
      throws Exception {
    String bo = "li.request[data-musician='" + codes.get("Bo") + "']";
    browser.click(By.cssSelector(bo + " button[data-action=declined]"));
    browser.await(presenceOfElementLocated(By.cssSelector("dialog.confirm[open] #confirm-yes")));
    // Cancelling the dialog does nothing.
    browser.find("#confirm-no").click();
    assertThat(browser.find(bo).getDomAttribute("data-status")).isEqualTo("pending");
    browser.click(By.cssSelector(bo + " button[data-action=declined]"));
    browser.await(presenceOfElementLocated(By.cssSelector("dialog.confirm[open] #confirm-yes")));
    browser.type("#confirm-form textarea[name=note]", "Ringde och tackade nej.");
    browser.screenshot("staffing-06-confirm-phone-answer");
    browser.find("#confirm-yes").click();

    browser.await(attributeToBe(By.cssSelector(bo), "data-status", "declined"));
    browser.await(
        presenceOfElementLocated(
            By.cssSelector(
                "li.request[data-musician='" + codes.get("Cecilia") + "'][data-status=pending]")));
    assertThat(browser.find("#board-notice").getText()).contains("1 nya förfrågningar");
    assertThat(statusesOnTheBoard())
        .containsEntry(codes.get("Anna"), "accepted")
        .containsEntry(codes.get("Bo"), "declined")
        .containsEntry(codes.get("Cecilia"), "pending");
    browser.screenshot("staffing-07-phone-answer-recorded");

    browser.click(By.id("tab-accepted"));
    browser.await(
        presenceOfElementLocated(
            By.cssSelector("#accepted li.request[data-musician='" + codes.get("Anna") + "']")));
    assertThat(browser.all("#accepted li.request")).hasSize(1);
    browser.screenshot("staffing-08-accepted");
    browser.assertNoConsoleErrors("a hand action");
  }

  @Test
  @Order(4)
  void aNeedWithRequestsShowsItsFrozenFieldsAndTheProjectPausesAndResumes() throws Exception {
    // The events feed: the project's communication log so far.
    browser.click(By.id("tab-events"));
    browser.await(
        presenceOfElementLocated(By.cssSelector("#events li[data-type=response_recorded]")));
    assertThat(browser.all("#events li[data-type=request_sent]")).hasSize(3);
    assertThat(browser.all("#events li[data-type=response_received]")).hasSize(1);
    browser.click(By.id("tab-needs"));
    browser.click(By.cssSelector("li.need-card button[data-action=edit]"));
    browser.await(presenceOfElementLocated(By.id("frozen-hint")));
    assertThat(browser.find("#need-form select[name=requestStrategy]").isEnabled()).isFalse();
    assertThat(browser.find("#need-form select[name=responseTimeHours]").isEnabled()).isFalse();
    assertThat(browser.all("#need-form select[name=list]")).isEmpty();
    assertThat(browser.find("#need-form input[name=quantity]").isEnabled()).isTrue();
    browser.screenshot("staffing-09-frozen-fields");
    browser.find("#need-form button.secondary").click();
    assertThat(browser.all("#need-form")).isEmpty();

    browser.click(By.id("pause-project"));
    browser.await(presenceOfElementLocated(By.cssSelector("li.need-card[data-status=paused]")));
    assertThat(needStatus()).isEqualTo("paused");
    browser.click(By.id("resume-project"));
    browser.await(presenceOfElementLocated(By.cssSelector("li.need-card[data-status=active]")));
    assertThat(needStatus()).isEqualTo("active");
    browser.assertNoConsoleErrors("pausing and resuming");
  }

  @Test
  @Order(5)
  void theOutboxListsTheMailsFilteredByStatus() throws Exception {
    browser.find("nav.main-nav a[href$='/messages']").click();
    browser.await(urlMatches("/o/" + SUBDOMAIN + "/messages$"));
    browser.await(presenceOfElementLocated(By.cssSelector("#messages tr[data-message]")));
    // Anna's request and confirmation, Bo's request, and Cecilia's request once delivered.
    new Select(browser.find("#message-filters select[name=status]")).selectByValue("sent");
    browser.await(
        driver ->
            browser.all("#messages tr[data-message]").size() >= 3
                && browser.all("#messages tr[data-message]").stream()
                    .allMatch(row -> "sent".equals(row.getDomAttribute("data-status"))));
    assertThat(browser.all("#messages tr[data-type=confirmation]")).hasSize(1);
    new Select(browser.find("#message-filters select[name=status]")).selectByValue("failed");
    browser.await(numberOfElementsToBe(By.cssSelector("#messages tr[data-message]"), 0));
    browser.screenshot("staffing-10-outbox");
    browser.assertNoConsoleErrors("the outbox");
  }

  @Test
  @Order(6)
  void theProjectPageAndTheBoardFitAPhonesWidth() throws Exception {
    browser.resize(375, 812);
    try {
      browser.open(projectPage());
      browser.await(presenceOfElementLocated(By.cssSelector("li.need-card")));
      browser.click(By.cssSelector("li.need-card button[data-action=preview]"));
      browser.await(presenceOfElementLocated(By.cssSelector("#preview tr[data-reason]")));
      assertNoSidewaysScrolling("the project page");
      browser.screenshot("staffing-11-phone-project");
      browser.click(By.id("tab-board"));
      browser.await(numberOfElementsToBe(By.cssSelector("li.request"), 3));
      assertNoSidewaysScrolling("the request board");
      browser.screenshot("staffing-12-phone-board");
      browser.assertNoConsoleErrors("the phone's width");
    } finally {
      browser.resize(1280, 900);
    }
  }

  @Test
  @Order(7)
  void aUserSeesTheStaffingWithoutAWriteControl() throws Exception {
    signInAs(READER);
    browser.open(projectPage());
    browser.await(presenceOfElementLocated(By.cssSelector("li.need-card")));
    assertThat(browser.all("[data-write]")).as("write controls on the needs").isEmpty();
    browser.click(By.id("tab-board"));
    browser.await(numberOfElementsToBe(By.cssSelector("li.request"), 3));
    assertThat(browser.all("[data-write]")).as("write controls on the board").isEmpty();
    browser.screenshot("staffing-13-user-board");
    browser.click(By.id("tab-files"));
    browser.await(presenceOfElementLocated(By.id("no-files")));
    browser.click(By.id("tab-email"));
    browser.await(presenceOfElementLocated(By.id("recipients-title")));
    assertThat(browser.all("[data-write]")).as("write controls on files and group email").isEmpty();
    HttpResponse<String> refused =
        ripieno.send(
            "POST", BASE + "/projects/" + project + "/send", fixture.login(READER, PASSWORD), "{}");
    assertThat(refused.statusCode()).isEqualTo(403);
    browser.assertNoConsoleErrors("a user's board");
  }

  @Test
  @Order(8)
  void theAdminResendsALinkAndCancelsTheProjectsStaffingAfterConfirming() throws Exception {
    signInAs(ADMIN);
    browser.open(projectPage());
    // Cecilia's link again: a second mail with the same link.
    assertThat(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 4)).isTrue();
    String first = linkIn(mailTo("cecilia@example.org"));
    browser.click(By.id("tab-board"));
    String cecilia = "li.request[data-musician='" + codes.get("Cecilia") + "']";
    browser.click(By.cssSelector(cecilia + " button[data-action=resend]"));
    browser.await(presenceOfElementLocated(By.cssSelector("dialog.confirm[open] #confirm-yes")));
    browser.find("#confirm-yes").click();
    browser.await(presenceOfElementLocated(By.id("board-notice")));
    assertThat(browser.all("dialog.confirm[open]")).isEmpty();
    awaitMails("cecilia@example.org", 2);
    assertThat(
            Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> recipientIs(message, "cecilia@example.org"))
                .map(StaffingBrowserIT::linkInQuietly))
        .containsExactly(first, first);

    browser.click(By.id("tab-needs"));
    browser.click(By.id("cancel-project"));
    browser.await(presenceOfElementLocated(By.cssSelector("dialog.confirm[open] #confirm-yes")));
    browser.screenshot("staffing-14-confirm-cancel-project");
    browser.find("#confirm-yes").click();
    browser.await(presenceOfElementLocated(By.cssSelector("li.need-card[data-status=archived]")));
    assertThat(browser.find("#needs-notice").getText()).contains("1 förfrågningar återkallades");
    assertThat(statusesOnTheBoard())
        .containsEntry(codes.get("Anna"), "accepted")
        .containsEntry(codes.get("Bo"), "declined")
        .containsEntry(codes.get("Cecilia"), "cancelled");
    assertThat(browser.find("#cancel-project").isEnabled()).isFalse();
    browser.screenshot("staffing-15-project-cancelled");
    browser.assertNoConsoleErrors("cancelling the project");
  }

  @Test
  @Order(9)
  void theDashboardShowsTheFiguresTheChartTheFeedAndFitsAPhonesWidth() throws Exception {
    // The orchestra's start page, also the first link of its navigation.
    browser.find("nav.main-nav a[href$='/dashboard']").click();
    browser.await(urlMatches("/o/" + SUBDOMAIN + "/dashboard$"));
    browser.await(presenceOfElementLocated(By.cssSelector("#figures [data-figure]")));
    JsonObject figures = ok("GET", "/dashboard", null, 200).asJsonObject();
    assertThat(figureOnThePage("activeMusicians")).isEqualTo("3");
    assertThat(figureOnThePage("totalRequests"))
        .isEqualTo(String.valueOf(figures.getJsonNumber("totalRequests").longValue()))
        .isEqualTo("3");
    assertThat(figureOnThePage("messagesFailing")).isEqualTo("0");
    // Anna's acceptance and Bo's phone answer fall in this week: the chart has something to draw,
    // and Chart.js has drawn it (pixels on the canvas), as the table beside it says.
    browser.await(
        driver ->
            Boolean.TRUE.equals(
                browser.script(
                    "const c = document.querySelector('#answers-chart');"
                        + " if (!c || c.width === 0 || c.height === 0) return false;"
                        + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;"
                        + " return false;")));
    assertThat(browser.all("#answers-table tbody tr")).hasSize(12);
    // This week (the last row): Anna's acceptance.
    assertThat(
            browser
                .find("#answers-table tbody tr:last-child td:nth-of-type(1)")
                .getDomProperty("textContent"))
        .isEqualTo("1");
    browser.await(presenceOfElementLocated(By.cssSelector("#activity li[data-type]")));
    assertThat(browser.find("#activity").getText()).contains("Altsson");
    assertThat(browser.all("#no-failing")).hasSize(1);
    browser.screenshot("staffing-16-dashboard");
    browser.assertNoConsoleErrors("the dashboard");

    browser.resize(375, 812);
    try {
      browser.open("/o/" + SUBDOMAIN + "/dashboard");
      browser.await(presenceOfElementLocated(By.cssSelector("#activity li[data-type]")));
      browser.await(presenceOfElementLocated(By.id("answers-chart")));
      assertNoSidewaysScrolling("the dashboard");
      browser.screenshot("staffing-17-phone-dashboard");
      browser.assertNoConsoleErrors("the dashboard at a phone's width");
    } finally {
      browser.resize(1280, 900);
    }
  }

  @Test
  @Order(10)
  void aFileUploadedThroughThePageIsListedAndDownloadsWithItsBytes() throws Exception {
    browser.open(projectPage());
    browser.click(By.id("tab-files"));
    browser.await(presenceOfElementLocated(By.id("no-files")));
    String content = "Repetitionsschema: tisdag 18.00, onsdag 18.00, konsert fredag 19.00.\n";
    java.nio.file.Path upload =
        java.nio.file.Files.createTempDirectory("ripieno-upload").resolve("schema.txt");
    java.nio.file.Files.writeString(upload, content);
    browser.find("#file-upload input[name=file]").sendKeys(upload.toString());
    assertThat(
            new Select(browser.find("#file-upload select[name=fileType]"))
                .getFirstSelectedOption()
                .getDomAttribute("value"))
        .isEqualTo("general_info");
    new Select(browser.find("#file-upload select[name=sendTiming]")).selectByValue("on_accept");
    browser.find("#file-upload button[type=submit]").click();
    browser.await(presenceOfElementLocated(By.cssSelector("#files li[data-file='schema.txt']")));
    assertThat(browser.find("#files li[data-file='schema.txt']").getText())
        .contains("Allmän information", "med bekräftelsen");
    JsonObject kept =
        ok("GET", "/projects/" + project + "/files", null, 200).asJsonArray().getJsonObject(0);
    assertThat(kept.getString("sendTiming")).isEqualTo("on_accept");
    assertThat(kept.getString("fileType")).isEqualTo("general_info");
    browser.script("document.querySelector('#files').scrollIntoView()");
    browser.screenshot("staffing-18-files");

    // The download button hands the browser the file's bytes under its name.
    browser.script(
        "window.downloaded = null; const made = URL.createObjectURL;"
            + " URL.createObjectURL = (blob) => { window.downloadedBlob = blob; return made(blob); };"
            + " HTMLAnchorElement.prototype.click = function () {"
            + "   window.downloaded = this.download; };");
    browser.click(By.cssSelector("#files li[data-file='schema.txt'] button[data-action=download]"));
    browser.await(driver -> browser.script("return window.downloaded") != null);
    assertThat(browser.script("return window.downloaded")).isEqualTo("schema.txt");
    Object bytes =
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " window.downloadedBlob.text().then(done);");
    assertThat(bytes).isEqualTo(content);
    browser.assertNoConsoleErrors("uploading and downloading a file");
  }

  @Test
  @Order(11)
  void aGroupEmailWrittenOnThePageReachesTheAcceptedMusician() throws Exception {
    browser.open(projectPage());
    browser.click(By.id("tab-email"));
    browser.await(
        presenceOfElementLocated(
            By.cssSelector("#recipients li[data-recipient='anna@example.org']")));
    // The server's preview: the one who accepted, not the declined or the cancelled.
    assertThat(browser.all("#recipients li")).hasSize(1);
    assertThat(browser.all("#group-email-filters input[name=instrument]")).hasSize(1);
    browser.type("#group-email-form input[name=subject]", "Ändrad repetitionstid");
    browser.type(
        "#group-email-form textarea[name=message]",
        "Tisdagens repetition börjar 18.30.\nVälkomna!");
    browser.find("#group-email-form button[type=submit]").click();
    browser.await(presenceOfElementLocated(By.cssSelector("dialog.confirm[open] #confirm-yes")));
    assertThat(browser.find("#confirm-form").getText()).contains("1 musiker");
    browser.find("#confirm-yes").click();
    browser.await(presenceOfElementLocated(By.id("group-email-notice")));
    browser.await(
        driver ->
            Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(
                    message ->
                        recipientIs(message, "anna@example.org")
                            && subjectOf(message).equals("Ändrad repetitionstid")),
        DELIVERY);
    MimeMessage mail =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(message -> subjectOf(message).equals("Ändrad repetitionstid"))
            .findFirst()
            .orElseThrow();
    assertThat(mail.getAllRecipients()).hasSize(1);
    // The history follows the delivery without a reload.
    browser.await(
        attributeToBe(By.cssSelector("#group-emails li[data-group-email]"), "data-sent", "1"),
        DELIVERY);
    assertThat(browser.find("#group-emails li[data-group-email]").getText())
        .contains("Ändrad repetitionstid", "1 mottagare: 1 skickade");
    browser.script("document.querySelector('#group-emails').scrollIntoView()");
    browser.screenshot("staffing-19-group-email");
    browser.assertNoConsoleErrors("a group email");
  }

  @Test
  @Order(12)
  void theAdminSendsATestEmailFromTheSettingsAndSeesWhatTheServerAnswered() throws Exception {
    browser.open("/o/" + SUBDOMAIN + "/settings");
    browser.await(presenceOfElementLocated(By.cssSelector("#test-email-form input[name=to]")));
    browser.type("#test-email-form input[name=to]", "kansliet@example.org");
    browser.find("#test-email-form button[type=submit]").click();
    browser.await(presenceOfElementLocated(By.id("test-email-result")));
    assertThat(browser.find("#test-email-result").getDomAttribute("data-sent")).isEqualTo("true");
    assertThat(browser.find("#test-email-result").getText())
        .contains("plattformens server", "127.0.0.1", "250");
    awaitMails("kansliet@example.org", 1);
    browser.screenshot("staffing-20-test-email");
    browser.assertNoConsoleErrors("a test email");
  }

  // --- helpers ---

  private static String subjectOf(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String figureOnThePage(String name) {
    return browser.find("#figures [data-figure=" + name + "] dd").getText();
  }

  private void awaitMails(String address, int count) {
    browser.await(
        driver ->
            Arrays.stream(smtp.getReceivedMessages())
                    .filter(message -> recipientIs(message, address))
                    .count()
                >= count,
        DELIVERY);
  }

  private static String linkInQuietly(MimeMessage message) {
    try {
      return linkIn(message);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String needStatus() throws Exception {
    return ok("GET", "/projects/" + project + "/needs", null, 200)
        .asJsonObject()
        .getJsonArray("items")
        .getJsonObject(0)
        .getString("status");
  }

  private String projectPage() {
    return "/o/" + SUBDOMAIN + "/projects/" + project;
  }

  private void signInAs(String username) {
    browser.open("/sign-in");
    browser.script("sessionStorage.clear(); localStorage.clear();");
    browser.open("/sign-in");
    browser.signIn(username, PASSWORD);
    browser.await(urlMatches("/o/" + SUBDOMAIN + "/dashboard$"));
  }

  private void assertNoSidewaysScrolling(String page) {
    Object widths =
        browser.script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];");
    List<?> both = (List<?>) widths;
    long scroll = ((Number) both.get(0)).longValue();
    long client = ((Number) both.get(1)).longValue();
    assertThat(scroll)
        .as(page + ": scrollWidth against clientWidth " + client)
        .isLessThanOrEqualTo(client);
  }

  private MimeMessage mailTo(String address) throws Exception {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(message -> recipientIs(message, address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No mail to " + address));
  }

  private static boolean recipientIs(MimeMessage message, String address) {
    try {
      return Arrays.stream(message.getAllRecipients())
          .anyMatch(recipient -> recipient.toString().contains(address));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer link in the mail's plain-text part. */
  private static String linkIn(MimeMessage message) throws Exception {
    Multipart alternative = (Multipart) message.getContent();
    for (int i = 0; i < alternative.getCount(); i++) {
      if (alternative.getBodyPart(i).isMimeType("text/plain")) {
        Matcher link =
            Pattern.compile(Pattern.quote(PUBLIC_URL) + "/respond/[A-Za-z0-9._~-]+")
                .matcher(String.valueOf(alternative.getBodyPart(i).getContent()));
        assertThat(link.find()).as("an answer link in the mail").isTrue();
        return link.group();
      }
    }
    throw new AssertionError("No text part");
  }

  /** Musician code → status of their request, from the API's board. */
  private Map<String, String> statusesOnTheBoard() throws Exception {
    Map<String, String> statuses = new HashMap<>();
    for (JsonValue need :
        ok("GET", "/projects/" + project + "/requests", null, 200)
            .asJsonObject()
            .getJsonArray("needs")) {
      for (JsonValue entry : need.asJsonObject().getJsonArray("requests")) {
        JsonObject request = entry.asJsonObject().getJsonObject("request");
        statuses.put(request.getString("musicianCode"), request.getString("status"));
      }
    }
    return statuses;
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
