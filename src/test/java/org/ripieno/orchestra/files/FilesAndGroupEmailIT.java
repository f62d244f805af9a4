package org.ripieno.orchestra.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ripieno.testing.LocalMailServer.part;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.Poll;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.StaffingScenario;

/**
 * Files, the mails that carry them, group email and the dashboard: the application booted once
 * against a GreenMail server this test starts, with a one-second job interval. Mails are read back
 * from GreenMail; figures are checked against what the test did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesAndGroupEmailIT {

  private static final String ORCHESTRA = "orch-files";
  private static final String BASE = "/api/orchestras/files";
  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final int MB = 1024 * 1024;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A tiny valid PDF: header, catalog, an empty page tree, cross-reference table, trailer. */
  static byte[] pdf() {
    List<String> objects =
        List.of(
            "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
            "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n");
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (String object : objects) {
      offsets.add(pdf.length());
      pdf.append(object);
    }
    int xref = pdf.length();
    pdf.append("xref\n0 4\n0000000000 65535 f \n");
    offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
    pdf.append("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    byte[] bytes = pdf.toString().getBytes(StandardCharsets.US_ASCII);
    // A byte above 127, as real PDFs have after the header: the round trip must keep it.
    byte[] withBinary = Arrays.copyOf(bytes, bytes.length + 4);
    withBinary[bytes.length] = '%';
    withBinary[bytes.length + 1] = (byte) 0xE2;
    withBinary[bytes.length + 2] = (byte) 0xE3;
    withBinary[bytes.length + 3] = '\n';
    return withBinary;
  }

  /** The start of a Windows executable ("MZ" and a PE header), as a virus renamed .pdf has. */
  static byte[] executable() {
    byte[] bytes = new byte[4096];
    bytes[0] = 'M';
    bytes[1] = 'Z';
    bytes[0x3c] = (byte) 0x80;
    bytes[0x80] = 'P';
    bytes[0x81] = 'E';
    return bytes;
  }

  private GreenMail smtp;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private StaffingScenario scenario;
  private String admin;
  private int violinTutti;
  private int violinLeader;
  private int violin;
  private int celloTutti;
  private int cello;
  private int violinList;
  private int celloList;
  private final List<Integer> violinists = new ArrayList<>();
  private final List<Integer> cellists = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    fixture =
        PlatformFixture.start(
            "files",
            LocalMailServer.environment(smtp, "staffing@ripieno.example.org", 100, PUBLIC_URL));
    ripieno = fixture.ripieno();
    scenario =
        StaffingScenario.register(fixture, ORCHESTRA, "files", "Filorkestern", "files-admin");
    admin = scenario.admin();
    JsonObject violinCreated =
        scenario.ok(
            "POST",
            "/instruments",
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Leader\"},{\"name\":\"Tutti\"}]}",
            201);
    violin = violinCreated.getInt("id");
    violinLeader = violinCreated.getJsonArray("positions").getJsonObject(0).getInt("id");
    violinTutti = violinCreated.getJsonArray("positions").getJsonObject(1).getInt("id");
    JsonObject celloCreated =
        scenario.ok(
            "POST",
            "/instruments",
            "{\"name\":\"Cello\",\"positions\":[{\"name\":\"Tutti\"}]}",
            201);
    cello = celloCreated.getInt("id");
    celloTutti = celloCreated.getJsonArray("positions").getJsonObject(0).getInt("id");
    for (int i = 0; i < 4; i++) {
      violinists.add(musician("Vio" + i, "vio" + i + "@example.org", violinTutti, violinLeader));
    }
    for (int i = 0; i < 2; i++) {
      cellists.add(musician("Cel" + i, "cel" + i + "@example.org", celloTutti));
    }
    violinList = scenario.rankingList(violinTutti, "A", violinists);
    celloList = scenario.rankingList(celloTutti, "A", cellists);
  }

  @AfterAll
  void stop() throws Exception {
    LocalMailServer.stopAfterTheApplication(fixture, smtp);
  }

  @BeforeEach
  void emptyTheMailbox() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
  }

  @Nested
  class Files {

    @Test
    void badFilesAreRefusedWithClearMessagesAndNothingIsKept() throws Exception {
      int project = project();
      long before = scenario.count("select count(*) from \"FileStorage\"");

      HttpResponse<String> climbing =
          upload("/projects/" + project + "/files", "../../etc/passwd.pdf", pdf(), Map.of());
      assertThat(climbing.statusCode()).as(climbing.body()).isEqualTo(400);
      assertThat(RunningRipieno.json(climbing).getString("detail"))
          .contains("plain name", "../../etc/passwd.pdf");

      HttpResponse<String> huge =
          upload("/projects/" + project + "/files", "huge.pdf", new byte[20 * MB], Map.of());
      assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
      assertThat(RunningRipieno.json(huge).getString("detail")).contains("larger than 10 MB");

      HttpResponse<String> renamed =
          upload("/projects/" + project + "/files", "score.pdf", executable(), Map.of());
      assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(400);
      assertThat(RunningRipieno.json(renamed).getString("detail"))
          .contains("score.pdf", "is not a PDF");

      HttpResponse<String> swedish =
          upload(
              "/projects/" + project + "/files",
              "score.pdf",
              executable(),
              Map.of(),
              "Accept-Language",
              "sv");
      assertThat(RunningRipieno.json(swedish).getString("detail"))
          .contains("Innehållet i score.pdf");

      HttpResponse<String> wrongTiming =
          upload(
              "/projects/" + project + "/files",
              "score.pdf",
              pdf(),
              Map.of("sendTiming", "sometime"));
      assertThat(wrongTiming.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(wrongTiming).getString("detail"))
          .contains("on_request or on_accept");

      HttpResponse<String> notMultipart =
          ripieno.send("POST", BASE + "/projects/" + project + "/files", admin, "{}");
      assertThat(notMultipart.statusCode()).as(notMultipart.body()).isBetween(400, 499);

      assertThat(scenario.count("select count(*) from \"FileStorage\"")).isEqualTo(before);
      assertThat(
              scenario.count(
                  "select count(*) from \"ProjectFile\" where \"projectId\" = " + project))
          .isZero();
      // Everything else keeps its 1 MB limit.
      HttpResponse<String> bigJson =
          ripieno.send(
              "POST",
              BASE + "/projects",
              admin,
              "{\"name\":\"" + "x".repeat(2 * MB) + "\",\"startDate\":\"2033-01-01\"}");
      assertThat(bigJson.statusCode()).isEqualTo(413);
    }

    @Test
    void aPdfRoundTripsByteForByteAndItsBytesGoWithTheLastFileThatNamesThem() throws Exception {
      int project = project();
      int need = need(project, 1, violinTutti, violinList);
      byte[] pdf = pdf();

      HttpResponse<String> uploaded =
          upload(
              "/projects/" + project + "/files",
              "Program vår.pdf",
              pdf,
              Map.of("fileName", "Programblad"));
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
      JsonObject file = RunningRipieno.json(uploaded);
      assertThat(file.getString("fileType")).isEqualTo("general_info");
      assertThat(file.getString("sendTiming")).isEqualTo("on_request");
      assertThat(file.getString("mimeType")).isEqualTo("application/pdf");
      assertThat(file.getInt("size")).isEqualTo(pdf.length);
      assertThat(file.getString("fileName")).isEqualTo("Programblad.pdf");
      assertThat(uploaded.headers().firstValue("Location").orElseThrow())
          .endsWith(BASE + "/files/" + file.getInt("id"));

      HttpResponse<byte[]> download = bytes(BASE + "/files/" + file.getInt("id"));
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(pdf);
      assertThat(download.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/pdf");
      assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment;")
          .contains("filename=\"Program v_r.pdf\"", "filename*=UTF-8''Program%20v%C3%A5r.pdf");

      // Linked to a need: the same bytes, the need's defaults.
      JsonObject linked =
          scenario.ok(
              "POST",
              "/projects/" + project + "/needs/" + need + "/files",
              "{\"fileId\":" + file.getInt("id") + "}",
              201);
      assertThat(linked.getString("storageId")).isEqualTo(file.getString("storageId"));
      assertThat(linked.getString("sendTiming")).isEqualTo("on_accept");
      assertThat(linked.getString("fileType")).isEqualTo("sheet_music");
      assertThat(
              ripieno
                  .send(
                      "GET",
                      BASE + "/projects/" + project + "/needs/" + need + "/files",
                      admin,
                      null)
                  .body())
          .contains("\"id\":" + linked.getInt("id"))
          .doesNotContain("\"id\":" + file.getInt("id") + ",");
      assertThat(ripieno.send("GET", BASE + "/projects/" + project + "/files", admin, null).body())
          .contains("\"id\":" + file.getInt("id"), "\"id\":" + linked.getInt("id"));
      assertThat(
              ripieno
                  .send(
                      "POST",
                      BASE + "/projects/" + project + "/needs/" + need + "/files",
                      admin,
                      "{\"fileId\":" + file.getInt("id") + "}")
                  .statusCode())
          .isEqualTo(409);

      String storage = "'" + file.getString("storageId") + "'";
      assertThat(
              ripieno
                  .send("DELETE", BASE + "/files/" + file.getInt("id"), admin, null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(scenario.count("select count(*) from \"FileStorage\" where id = " + storage))
          .isEqualTo(1);
      assertThat(bytes(BASE + "/files/" + linked.getInt("id")).body()).isEqualTo(pdf);
      assertThat(
              ripieno
                  .send("DELETE", BASE + "/files/" + linked.getInt("id"), admin, null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(scenario.count("select count(*) from \"FileStorage\" where id = " + storage))
          .isZero();
      assertThat(
              ripieno.send("GET", BASE + "/files/" + linked.getInt("id"), admin, null).statusCode())
          .isEqualTo(404);
    }

    @Test
    void theRequestCarriesTheOnRequestFilesAndTheConfirmationTheOnAcceptFile() throws Exception {
      int project = project();
      int need = need(project, 1, violinTutti, violinList);
      byte[] pdf = pdf();
      byte[] info = "Repetition kl. 10 i stora salen.".getBytes(StandardCharsets.UTF_8);
      assertThat(
              upload(
                      "/projects/" + project + "/needs/" + need + "/files",
                      "stamma.pdf",
                      pdf,
                      Map.of())
                  .statusCode())
          .isEqualTo(201);
      assertThat(upload("/projects/" + project + "/files", "info.txt", info, Map.of()).statusCode())
          .isEqualTo(201);

      scenario.send(project, need);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      MimeMessage request = smtp.getReceivedMessages()[0];
      Map<String, byte[]> requestFiles = attachments(request);
      assertThat(requestFiles.keySet()).containsExactly("info.txt");
      assertThat(requestFiles.get("info.txt")).isEqualTo(info);
      assertThat(text(request)).contains(PUBLIC_URL + "/respond/");

      smtp.purgeEmailFromAllMailboxes();
      String token =
          scenario.text(
              "select t.token from \"RequestToken\" t join \"Request\" r on r.id = t.\"requestId\""
                  + " where r.\"projectNeedId\" = "
                  + need);
      HttpResponse<String> accepted =
          ripieno.send(
              "POST", "/api/public/responses/" + token, null, "{\"response\":\"accepted\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      MimeMessage confirmation = smtp.getReceivedMessages()[0];
      assertThat(confirmation.getHeader("Message-ID")[0])
          .isEqualTo(
              scenario.text(
                  "select o.\"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                      + " o.\"requestId\" where o.kind = 'confirmation' and r.\"projectNeedId\" = "
                      + need));
      Map<String, byte[]> confirmationFiles = attachments(confirmation);
      assertThat(confirmationFiles.keySet()).containsExactly("stamma.pdf");
      assertThat(confirmationFiles.get("stamma.pdf")).isEqualTo(pdf);
    }

    @Test
    void attachmentsOverSevenMegabytesBecomeLinksThatWorkWhileTheRequestDoes() throws Exception {
      int project = project();
      int need = need(project, 1, violinTutti, violinList);
      byte[] first = text(4 * MB, 'a');
      byte[] second = text(4 * MB, 'b');
      assertThat(
              upload("/projects/" + project + "/files", "del1.txt", first, Map.of()).statusCode())
          .isEqualTo(201);
      assertThat(
              upload("/projects/" + project + "/files", "del2.txt", second, Map.of()).statusCode())
          .isEqualTo(201);

      scenario.send(project, need);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      MimeMessage request = smtp.getReceivedMessages()[0];
      assertThat(attachments(request)).isEmpty();
      String text = text(request);
      List<String> links = new ArrayList<>();
      for (String word : text.split("\\s")) {
        if (word.startsWith(PUBLIC_URL + "/api/public/files/")) {
          links.add(word.substring(PUBLIC_URL.length()));
        }
      }
      assertThat(links).hasSize(2);
      assertThat(text).contains("del1.txt: ", "del2.txt: ");
      assertThat(html(request)).contains("<a href=\"" + PUBLIC_URL + "/api/public/files/");
      // Unguessable: the orchestra's id and 256 random bits.
      assertThat(links.get(0).substring(links.get(0).lastIndexOf('.') + 1)).hasSize(43);

      HttpResponse<byte[]> downloaded =
          HTTP.send(
              HttpRequest.newBuilder(ripieno.uri(links.get(0))).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(downloaded.statusCode()).isEqualTo(200);
      assertThat(downloaded.body()).isEqualTo(first);
      assertThat(ripieno.get("/api/public/files/" + ORCHESTRA + ".guessed").statusCode())
          .isEqualTo(404);

      // The request declined: its links are over.
      scenario.execute(
          "update \"Request\" set status = 'declined' where \"projectNeedId\" = " + need);
      HttpResponse<String> gone = ripieno.get(links.get(1));
      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(gone).getString("detail")).contains("expired");
    }
  }

  @Test
  void theOpenApiDocumentDescribesFilesGroupEmailAndTheDashboard() throws Exception {
    HttpResponse<String> document = ripieno.get("/openapi");

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body())
        .contains(
            "/api/orchestras/{subdomain}/projects/{projectId}/files",
            "/api/orchestras/{subdomain}/projects/{projectId}/needs/{needId}/files",
            "/api/orchestras/{subdomain}/files/{fileId}",
            "/api/public/files/{token}",
            "/api/orchestras/{subdomain}/group-emails/recipients",
            "/api/orchestras/{subdomain}/dashboard/activity",
            "Upload a general project file",
            "multipart/form-data");
  }

  @Nested
  class GroupEmail {

    @Test
    void itReachesExactlyTheFilteredAcceptedMusiciansAndItsHistoryCountsFollowDelivery()
        throws Exception {
      int project = project();
      int violinNeed = need(project, 3, violinTutti, violinList);
      int celloNeed = need(project, 1, celloTutti, celloList);
      scenario.request(violinNeed, violinists.get(0), "accepted");
      scenario.request(violinNeed, violinists.get(1), "accepted");
      scenario.request(violinNeed, violinists.get(2), "declined");
      scenario.request(violinNeed, violinists.get(3), "pending");
      scenario.request(celloNeed, cellists.get(0), "accepted");
      scenario.request(celloNeed, cellists.get(1), "accepted");
      // An accepted musician made inactive since is not written to.
      scenario.execute(
          "update \"Musician\" set \"isActive\" = false where id = " + cellists.get(1));

      JsonArray everyone = array("/group-emails/recipients?projectId=" + project);
      assertThat(emails(everyone))
          .containsExactly("vio0@example.org", "vio1@example.org", "cel0@example.org");
      assertThat(
              emails(
                  array(
                      "/group-emails/recipients?projectId=" + project + "&instrumentIds=" + cello)))
          .containsExactly("cel0@example.org");
      assertThat(
              emails(
                  array(
                      "/group-emails/recipients?projectId="
                          + project
                          + "&instrumentIds="
                          + violin
                          + ","
                          + cello
                          + "&positionIds="
                          + violinTutti)))
          .containsExactly("vio0@example.org", "vio1@example.org");
      assertThat(ripieno.send("GET", BASE + "/group-emails/recipients", admin, null).statusCode())
          .isEqualTo(400);

      // A list of recipients from the client is refused: the server chooses them.
      long logsBefore = scenario.count("select count(*) from \"GroupEmailLog\"");
      HttpResponse<String> listed =
          ripieno.send(
              "POST",
              BASE + "/group-emails",
              admin,
              "{\"projectId\":"
                  + project
                  + ",\"subject\":\"x\",\"message\":\"y\","
                  + "\"recipients\":[{\"email\":\"intruder@example.org\"}]}");
      assertThat(listed.statusCode()).isEqualTo(400);
      assertThat(RunningRipieno.json(listed).getString("detail")).contains("recipients");
      assertThat(scenario.count("select count(*) from \"GroupEmailLog\"")).isEqualTo(logsBefore);

      JsonObject sent =
          scenario.ok(
              "POST",
              "/group-emails",
              "{\"projectId\":"
                  + project
                  + ",\"subject\":\"Projekt: ändrad tid\",\"message\":\"Repetition <b>kl. 10</b>"
                  + "\\nTa med noter.\",\"instrumentIds\":["
                  + violin
                  + "]}",
              201);
      assertThat(sent.getInt("recipientCount")).isEqualTo(2);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
      Poll.until(WAIT, () -> history(project).getInt("sentCount") == 2);
      MimeMessage[] received = smtp.getReceivedMessages();
      assertThat(Arrays.stream(received).map(FilesAndGroupEmailIT::to))
          .containsExactlyInAnyOrder("vio0@example.org", "vio1@example.org");
      assertThat(received[0].getSubject()).isEqualTo("Projekt: ändrad tid");
      assertThat(html(received[0]))
          .contains("Repetition &lt;b&gt;kl. 10&lt;/b&gt;", "Ta med noter.")
          .doesNotContain("<b>");
      assertThat(text(received[0]))
          .contains("Repetition <b>kl. 10</b>\nTa med noter.", "Filorkestern");

      JsonObject history = history(project);
      assertThat(history.getInt("recipientCount")).isEqualTo(2);
      assertThat(history.getInt("failedCount")).isZero();
      assertThat(history.getInt("pendingCount")).isZero();
      assertThat(history.getJsonObject("filters").getJsonArray("instrumentIds").getInt(0))
          .isEqualTo(violin);
      assertThat(emails(history.getJsonArray("recipients")))
          .containsExactly("vio0@example.org", "vio1@example.org");

      // Nobody matching: refused, nothing written.
      long logs = scenario.count("select count(*) from \"GroupEmailLog\"");
      HttpResponse<String> nobody =
          ripieno.send(
              "POST",
              BASE + "/group-emails",
              admin,
              "{\"projectId\":"
                  + project
                  + ",\"subject\":\"x\",\"message\":\"y\",\"positionIds\":["
                  + violinLeader
                  + "]}");
      assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(409);
      assertThat(scenario.count("select count(*) from \"GroupEmailLog\"")).isEqualTo(logs);
    }

    @Test
    void aCopyTheServerRefusesCountsAsFailedInTheHistory() throws Exception {
      int project = project();
      int need = need(project, 1, violinTutti, violinList);
      scenario.request(need, violinists.get(2), "accepted");
      JsonObject sent =
          scenario.ok(
              "POST",
              "/group-emails",
              "{\"projectId\":" + project + ",\"subject\":\"Hej\",\"message\":\"Hej!\"}",
              201);
      // The copy given up for good, as delivery does after its last attempt.
      scenario.execute(
          "update \"OutboxMessage\" set status = 'failed', \"lastError\" = 'refused' where"
              + " \"groupEmailId\" = "
              + sent.getInt("id"));
      JsonObject history = history(project);
      assertThat(history.getInt("failedCount")).isEqualTo(1);
      assertThat(history.getInt("sentCount")).isZero();
    }
  }

  @Nested
  class FailedCopies {

    @Test
    void aCopyRefusedForGoodIsListedInTheOutboxAndArrivesAfterTheFixAndAnAdminsRetry()
        throws Exception {
      int project = project();
      int need = need(project, 1, violinTutti, violinList);
      int musician = musician("Vio9", "vio9@example.org", violinTutti);
      scenario.request(need, musician, "accepted");
      scenario.execute("update \"Musician\" set email = 'vio9 at example' where id = " + musician);
      int groupEmail =
          scenario
              .ok(
                  "POST",
                  "/group-emails",
                  "{\"projectId\":" + project + ",\"subject\":\"Ny lokal\",\"message\":\"Aulan.\"}",
                  201)
              .getInt("id");

      Poll.until(
          WAIT,
          () ->
              scenario.count(
                      "select count(*) from \"OutboxMessage\" where status = 'failed'"
                          + " and \"groupEmailId\" = "
                          + groupEmail)
                  == 1);
      assertThat(history(project).getInt("failedCount")).isOne();

      // Listed like any message, with its group email; the totals agree with the items.
      JsonObject failedPage = scenario.ok("GET", "/messages?status=failed&size=500", null, 200);
      assertThat(failedPage.getJsonNumber("total").longValue())
          .isEqualTo(
              scenario.count("select count(*) from \"OutboxMessage\" where status = 'failed'"))
          .isEqualTo(failedPage.getJsonArray("items").size());
      JsonObject failed =
          failedPage.getJsonArray("items").stream()
              .map(JsonValue::asJsonObject)
              .filter(m -> m.getInt("groupEmailId", 0) == groupEmail)
              .findFirst()
              .orElseThrow();
      assertThat(failed.getString("type")).isEqualTo("group_email");
      assertThat(failed.getString("groupEmailSubject")).isEqualTo("Ny lokal");
      assertThat(failed.getString("subject")).isEqualTo("Ny lokal");
      assertThat(failed.getInt("musicianId")).isEqualTo(musician);
      assertThat(failed.getString("recipient")).isEqualTo("vio9 at example");
      assertThat(failed.containsKey("requestCode") && !failed.isNull("requestCode")).isFalse();
      JsonObject everything = scenario.ok("GET", "/messages?size=500", null, 200);
      assertThat(everything.getJsonNumber("total").longValue())
          .isEqualTo(scenario.count("select count(*) from \"OutboxMessage\""))
          .isEqualTo(everything.getJsonArray("items").size());
      assertThat(
              everything.getJsonArray("items").stream()
                  .map(JsonValue::asJsonObject)
                  .filter(m -> m.getString("type").equals("group_email")))
          .hasSize(
              (int)
                  scenario.count(
                      "select count(*) from \"OutboxMessage\" where kind = 'group_email'"));
      JsonObject firstOfTwo = scenario.ok("GET", "/messages?size=1&page=1", null, 200);
      assertThat(firstOfTwo.getJsonArray("items")).hasSize(1);
      assertThat(firstOfTwo.getJsonNumber("total").longValue())
          .isEqualTo(everything.getJsonNumber("total").longValue());

      // No address at all: refused, the message stays failed.
      int id = failed.getInt("id");
      scenario.execute("update \"Musician\" set email = '' where id = " + musician);
      HttpResponse<String> noAddress =
          ripieno.send("POST", BASE + "/messages/" + id + "/retry", admin, null);
      assertThat(noAddress.statusCode()).as(noAddress.body()).isEqualTo(409);
      assertThat(RunningRipieno.json(noAddress).getString("detail")).contains("no email address");
      assertThat(
              scenario.count(
                  "select count(*) from \"OutboxMessage\" where status = 'failed' and id = " + id))
          .isOne();

      scenario.execute("update \"Musician\" set email = 'vio9@example.org' where id = " + musician);
      JsonObject retried = scenario.ok("POST", "/messages/" + id + "/retry", null, 200);
      assertThat(retried.getString("status")).isEqualTo("queued");
      assertThat(retried.getString("recipient")).isEqualTo("vio9@example.org");
      assertThat(retried.getInt("groupEmailId")).isEqualTo(groupEmail);

      Poll.until(
          WAIT,
          () ->
              Arrays.stream(smtp.getReceivedMessages())
                  .anyMatch(m -> to(m).equals("vio9@example.org")));
      MimeMessage arrived =
          Arrays.stream(smtp.getReceivedMessages())
              .filter(m -> to(m).equals("vio9@example.org"))
              .findFirst()
              .orElseThrow();
      assertThat(arrived.getSubject()).isEqualTo("Ny lokal");
      assertThat(arrived.getHeader("Message-ID")[0]).isEqualTo(failed.getString("messageId"));
      Poll.until(WAIT, () -> history(project).getInt("sentCount") == 1);
      assertThat(history(project).getInt("failedCount")).isZero();
    }
  }

  @Nested
  class Dashboard {

    @Test
    void theFiguresAreWhatHappenedInTheOrchestra() throws Exception {
      StaffingScenario dash =
          StaffingScenario.register(
              fixture, "orch-dash", "dash", "Instrumentpanelen", "dash-admin");
      int position =
          dash.instrument("{\"name\":\"Oboe\",\"positions\":[{\"name\":\"Solo\"}]}").get(0);
      List<Integer> oboists = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        oboists.add(
            dash.musician(
                "{\"firstName\":\"Obo"
                    + i
                    + "\",\"lastName\":\"E\",\"email\":\"obo"
                    + i
                    + "@example.org\",\"qualificationIds\":["
                    + position
                    + "]}"));
      }
      int list = dash.rankingList(position, "A", oboists);
      LocalDate upcomingStart = LocalDate.now().plusWeeks(3);
      int upcoming = dashProject(dash, upcomingStart);
      int past = dashProject(dash, LocalDate.now().minusWeeks(3));
      int upcomingNeed = dash.need(upcoming, position, list, 2, "parallel", "");
      int pastNeed = dash.need(past, position, list, 2, "parallel", "");
      String utcNow = "(now() at time zone 'UTC')";
      // Within 30 days: two accepted now, one declined a week ago, one pending reminded.
      insertRequest(dash, upcomingNeed, oboists.get(0), "accepted", utcNow, utcNow, null);
      insertRequest(dash, upcomingNeed, oboists.get(1), "accepted", utcNow, utcNow, null);
      insertRequest(
          dash,
          pastNeed,
          oboists.get(0),
          "declined",
          utcNow + " - interval '8 days'",
          utcNow + " - interval '7 days'",
          null);
      insertRequest(dash, upcomingNeed, oboists.get(2), "pending", utcNow, null, utcNow);
      // Before the 30 days: still pending, so counted as pending but not in the rate.
      insertRequest(
          dash, pastNeed, oboists.get(2), "pending", utcNow + " - interval '40 days'", null, null);
      dash.execute("update \"Musician\" set \"isActive\" = false where id = " + oboists.get(2));
      int someRequest =
          (int) dash.count("select min(id) from \"Request\" where status = 'accepted'");
      dash.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
              + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
              + " ('confirmation', 'obo0@example.org', 'sv', "
              + someRequest
              + ", '<failed.dash@ripieno>', 'failed', 8, "
              + utcNow
              + ", "
              + utcNow
              + ")");
      for (int i = 0; i < 3; i++) {
        dash.execute(
            "insert into \"CommunicationLog\" (\"communicationLogId\", \"requestId\", type,"
                + " \"timestamp\") values ('COMM-DASH-"
                + i
                + "', "
                + someRequest
                + ", '"
                + (i == 2 ? "response_received" : "request_sent")
                + "', "
                + utcNow
                + " + interval '"
                + i
                + " seconds')");
      }

      JsonObject figures = dash.ok("GET", "/dashboard", null, 200);
      assertThat(figures.getJsonNumber("totalMusicians").longValue()).isEqualTo(3);
      assertThat(figures.getJsonNumber("activeMusicians").longValue()).isEqualTo(2);
      assertThat(figures.getJsonNumber("upcomingProjects").longValue()).isEqualTo(1);
      assertThat(figures.getJsonNumber("totalRequests").longValue()).isEqualTo(5);
      assertThat(figures.getJsonNumber("pendingResponses").longValue()).isEqualTo(2);
      assertThat(figures.getJsonNumber("remindersSent").longValue()).isEqualTo(1);
      assertThat(figures.getJsonNumber("requestsLast30Days").longValue()).isEqualTo(4);
      assertThat(figures.getInt("responseRate")).isEqualTo(75);
      assertThat(figures.getJsonNumber("messagesFailing").longValue()).isEqualTo(1);
      JsonArray weeks = figures.getJsonArray("answersPerWeek");
      assertThat(weeks).hasSize(12);
      assertThat(weeks.getJsonObject(11).getInt("accepted")).isEqualTo(2);
      assertThat(weeks.stream().mapToInt(w -> w.asJsonObject().getInt("accepted")).sum())
          .isEqualTo(2);
      assertThat(weeks.stream().mapToInt(w -> w.asJsonObject().getInt("declined")).sum())
          .isEqualTo(1);

      HttpResponse<String> feed =
          ripieno.send(
              "GET",
              "/api/orchestras/dash/dashboard/activity?size=2",
              dash.admin(),
              null,
              "Accept-Language",
              "sv");
      assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
      JsonObject page = RunningRipieno.json(feed);
      assertThat(page.getInt("total")).isEqualTo(3);
      assertThat(page.getJsonArray("items")).hasSize(2);
      assertThat(page.getJsonArray("items").getJsonObject(0).getString("description"))
          .isEqualTo("Obo0 E accepterade Solo i Panel " + upcomingStart);
      assertThat(page.getJsonArray("items").getJsonObject(1).getString("type"))
          .isEqualTo("request_sent");
    }

    private int dashProject(StaffingScenario dash, LocalDate start) throws Exception {
      return dash.ok(
              "POST",
              "/projects",
              "{\"name\":\"Panel " + start + "\",\"startDate\":\"" + start + "\"}",
              201)
          .getInt("id");
    }

    private void insertRequest(
        StaffingScenario dash,
        int need,
        int musician,
        String status,
        String sentAt,
        String respondedAt,
        String reminderSentAt)
        throws Exception {
      dash.execute(
          "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status,"
              + " \"sentAt\", \"respondedAt\", \"reminderSentAt\", response) values ('"
              + UUID.randomUUID()
              + "', "
              + need
              + ", "
              + musician
              + ", '"
              + status
              + "', "
              + sentAt
              + ", "
              + respondedAt
              + ", "
              + reminderSentAt
              + ", "
              + (status.equals("pending") ? "null" : "'" + status + "'")
              + ")");
    }
  }

  // Helpers

  private JsonObject history(int project) throws Exception {
    HttpResponse<String> answer =
        ripieno.send("GET", BASE + "/group-emails?projectId=" + project, admin, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonArray items = RunningRipieno.json(answer).getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0);
  }

  private JsonArray array(String path) throws Exception {
    HttpResponse<String> answer = ripieno.send("GET", BASE + path, admin, null);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readArray();
  }

  private static List<String> emails(JsonArray recipients) {
    return recipients.stream().map(r -> r.asJsonObject().getString("email")).toList();
  }

  private int musician(String name, String email, int... positions) throws Exception {
    StringBuilder qualifications = new StringBuilder();
    for (int position : positions) {
      qualifications.append(qualifications.isEmpty() ? "" : ",").append(position);
    }
    return scenario.musician(
        "{\"firstName\":\""
            + name
            + "\",\"lastName\":\"M\",\"email\":\""
            + email
            + "\",\"qualificationIds\":["
            + qualifications
            + "]}");
  }

  private int project() throws Exception {
    return scenario.projectInItsOwnWeek("Filer", LocalDate.of(2033, 1, 3));
  }

  private int need(int project, int quantity, int position, int list) throws Exception {
    return scenario.need(
        project, position, list, quantity, quantity == 1 ? "sequential" : "parallel", "");
  }

  private HttpResponse<String> upload(
      String path, String fileName, byte[] content, Map<String, String> fields, String... headers)
      throws Exception {
    String boundary = "ripieno-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> parts = new LinkedHashMap<>(fields);
    for (Map.Entry<String, String> field : parts.entrySet()) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ripieno.uri(BASE + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return RunningRipieno.withoutInternals(
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<byte[]> bytes(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(ripieno.uri(path))
            .header("Authorization", "Bearer " + admin)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] text(int size, char letter) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) letter);
    for (int i = 80; i < size; i += 81) {
      bytes[i] = '\n';
    }
    return bytes;
  }

  private static String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files attached to a mail, by name. */
  private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (!(message.getContent() instanceof Multipart multipart)
        || !message.isMimeType("multipart/mixed")) {
      return files;
    }
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        files.put(part.getFileName(), part.getInputStream().readAllBytes());
      }
    }
    return files;
  }

  private static String text(MimeMessage message) throws Exception {
    return part(message, "text/plain");
  }

  private static String html(MimeMessage message) throws Exception {
    return part(message, "text/html");
  }
}
