package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.Poll;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.StaffingScenario;

/**
 * Messaging (docs/messaging.md) booted once: the platform's SMTP server (a GreenMail), a second
 * GreenMail as one orchestra's own server, and a local stand-in for Twilio's REST API. Orchestra
 * "egen" has its own sender and SMS on requests and group emails; orchestra "plattform" has no
 * settings of its own. Jobs run every second and retries wait one second, so recovery is quick to
 * watch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingIT {

  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final String PLATFORM_FROM = "staffing@ripieno.example.org";
  private static final Duration WAIT = Duration.ofSeconds(40);

  private int platformPort;
  private GreenMail platformSmtp;
  private GreenMail ownSmtp;
  private HttpServer twilio;
  private final List<Map<String, String>> texts = new CopyOnWriteArrayList<>();

  /** The number the stand-in refuses as Twilio does an invalid one (400). */
  private static final String REFUSED_NUMBER = "+46709999999";

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private final Map<String, Orchestra> orchestras = new HashMap<>();

  /** One orchestra of the test: its admin's calls and database, and a list of violists. */
  private record Orchestra(
      StaffingScenario scenario, int position, int list, List<Integer> musicians) {

    String admin() {
      return scenario.admin();
    }
  }

  @BeforeAll
  void start() throws Exception {
    platformPort = freePort();
    platformSmtp = new GreenMail(new ServerSetup(platformPort, "127.0.0.1", "smtp"));
    platformSmtp.start();
    ownSmtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    ownSmtp.start();
    twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    twilio.createContext("/2010-04-01/Accounts/", this::twilioStandIn);
    twilio.start();
    fixture =
        PlatformFixture.start(
            "messaging",
            Map.of(
                "RIPIENO_MAIL_SMTP_HOST",
                "127.0.0.1",
                "RIPIENO_MAIL_SMTP_PORT",
                String.valueOf(platformPort),
                "RIPIENO_MAIL_FROM",
                PLATFORM_FROM,
                "RIPIENO_MAIL_RATE",
                "100",
                "RIPIENO_MAIL_BACKOFF",
                "PT1S",
                "RIPIENO_JOBS_INTERVAL",
                "PT1S",
                "RIPIENO_SMS_TWILIO_URL",
                "http://127.0.0.1:" + twilio.getAddress().getPort(),
                "RIPIENO_PUBLIC_URL",
                PUBLIC_URL));
    ripieno = fixture.ripieno();
    orchestras.put("egen", orchestra("orch-egen", "egen", "Egna orkestern"));
    orchestras.put("plattform", orchestra("orch-plattform", "plattform", "Plattformsorkestern"));
    HttpResponse<String> config =
        ripieno.send(
            "PUT",
            "/api/platform/orchestras/orch-egen/config",
            fixture.superadmin(),
            "{\"email\":{\"smtpHost\":\"127.0.0.1\",\"smtpPort\":"
                + ownSmtp.getSmtp().getPort()
                + ",\"smtpSecurity\":\"none\",\"fromAddress\":\"kansli@egen.example.org\","
                + "\"fromName\":\"Egna orkestern\",\"replyTo\":\"svar@egen.example.org\"},"
                + "\"sms\":{\"accountSid\":\"AC0123456789\",\"authToken\":\"twilio-secret\","
                + "\"fromNumber\":\"+46700000001\",\"onRequest\":true,\"onGroupEmail\":true}}");
    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(config).getJsonObject("email").getString("smtpSecurity"))
        .isEqualTo("none");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (fixture != null) {
        fixture.close();
      }
    } finally {
      platformSmtp.stop();
      ownSmtp.stop();
      twilio.stop(0);
    }
  }

  @BeforeEach
  void emptyTheMailboxes() throws Exception {
    platformSmtp.purgeEmailFromAllMailboxes();
    ownSmtp.purgeEmailFromAllMailboxes();
    texts.clear();
  }

  @Test
  void anOrchestraWithItsOwnSettingsSendsFromItsOwnServerAndTheOtherFromThePlatforms()
      throws Exception {
    Orchestra own = orchestras.get("egen");
    Orchestra plain = orchestras.get("plattform");

    sendRequests(own, 1);
    sendRequests(plain, 1);

    assertThat(ownSmtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
    assertThat(platformSmtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
    MimeMessage fromOwn = ownSmtp.getReceivedMessages()[0];
    InternetAddress ownSender = (InternetAddress) fromOwn.getFrom()[0];
    assertThat(ownSender.getAddress()).isEqualTo("kansli@egen.example.org");
    assertThat(ownSender.getPersonal()).isEqualTo("Egna orkestern");
    assertThat(fromOwn.getReplyTo()[0].toString()).isEqualTo("svar@egen.example.org");
    assertThat(fromOwn.getAllRecipients()[0].toString()).isEqualTo("egen0@example.org");
    MimeMessage fromPlatform = platformSmtp.getReceivedMessages()[0];
    assertThat(((InternetAddress) fromPlatform.getFrom()[0]).getAddress()).isEqualTo(PLATFORM_FROM);
    assertThat(fromPlatform.getAllRecipients()[0].toString()).isEqualTo("plattform0@example.org");
    // Neither server carried the other orchestra's mail.
    Thread.sleep(1500);
    assertThat(ownSmtp.getReceivedMessages()).hasSize(1);
    assertThat(platformSmtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void whileTheServerIsDownMessagesStayQueuedAndRetriedThenEachArrivesOnce() throws Exception {
    Orchestra plain = orchestras.get("plattform");
    platformSmtp.stop();
    try {
      sendRequests(plain, 2);
      Poll.until(
          WAIT,
          () ->
              plain
                      .scenario()
                      .count(
                          "select count(*) from \"OutboxMessage\" where status = 'queued'"
                              + " and attempts >= 2 and \"lastError\" is not null")
                  == 2);
    } finally {
      platformSmtp = new GreenMail(new ServerSetup(platformPort, "127.0.0.1", "smtp"));
      platformSmtp.start();
    }

    assertThat(platformSmtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
    Poll.until(
        WAIT,
        () ->
            plain.scenario().count("select count(*) from \"OutboxMessage\" where status = 'queued'")
                == 0);
    Thread.sleep(1500);
    List<String> ids = new ArrayList<>();
    for (MimeMessage message : platformSmtp.getReceivedMessages()) {
      ids.add(message.getHeader("Message-ID")[0]);
    }
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aRefusedAddressFailsForGoodIsShownAndLoggedAndAnAdminRetriesItAfterTheFix()
      throws Exception {
    Orchestra plain = orchestras.get("plattform");
    int musician = plain.musicians().get(2);
    plain
        .scenario()
        .execute("update \"Musician\" set email = 'plattform2 at example' where id = " + musician);
    int project = plain.scenario().projectInItsOwnWeek("Egen", LocalDate.of(2035, 1, 1));
    int need = plain.scenario().need(project, plain.position(), plain.list(), 3, "parallel", "");
    plain.scenario().send(project, need);

    Poll.until(
        WAIT,
        () ->
            plain
                    .scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where status = 'failed'"
                            + " and recipient = 'plattform2 at example'")
                == 1);
    JsonObject failed =
        plain
            .scenario()
            .ok("GET", "/messages?status=failed", null, 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(failed.getString("recipient")).isEqualTo("plattform2 at example");
    assertThat(failed.getString("lastError")).isNotBlank();
    int id = failed.getInt("id");
    JsonObject board = plain.scenario().ok("GET", "/projects/" + project + "/requests", null, 200);
    assertThat(board.toString()).contains("\"failedMessages\":[" + id + "]");
    assertThat(
            fixture
                .postgres()
                .queryLong(
                    fixture.central(),
                    "select count(*) from \"SystemLog\" where category = 'messaging'"
                        + " and \"orchestraId\" = 'orch-plattform' and metadata::text like '%"
                        + failed.getString("messageId")
                        + "%'"))
        .isOne();
    // Not to be retried before it failed; and only by an admin.
    HttpResponse<String> userRetry =
        ripieno.send(
            "POST",
            "/api/orchestras/plattform/messages/" + id + "/retry",
            fixture.login("plattform-user", "plattform-user-password"),
            null);
    assertThat(userRetry.statusCode()).isEqualTo(403);

    plain
        .scenario()
        .execute("update \"Musician\" set email = 'plattform2@example.org' where id = " + musician);
    JsonObject retried = plain.scenario().ok("POST", "/messages/" + id + "/retry", null, 200);

    assertThat(retried.getString("status")).isEqualTo("queued");
    assertThat(retried.getString("recipient")).isEqualTo("plattform2@example.org");
    Poll.until(
        WAIT,
        () ->
            plain
                    .scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where id = "
                            + id
                            + " and status = 'sent'")
                == 1);
    assertThat(to(platformSmtp, "plattform2@example.org").getHeader("Message-ID")[0])
        .isEqualTo(failed.getString("messageId"));
    HttpResponse<String> again =
        ripieno.send(
            "POST", "/api/orchestras/plattform/messages/" + id + "/retry", plain.admin(), null);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("sent");
  }

  @Test
  void smsGoToE164NumbersInTheMusiciansLanguageAndAFailingOneLeavesTheMailDelivered()
      throws Exception {
    Orchestra own = orchestras.get("egen");
    // egen0: Swedish, 070-123 45 67; egen1: English, +47 912 34 567; egen2: refused by Twilio.
    long before = own.scenario().count("select coalesce(max(id), 0) from \"OutboxMessage\"");
    sendRequests(own, 3);

    assertThat(ownSmtp.waitForIncomingEmail(WAIT.toMillis(), 3)).isTrue();
    Poll.until(WAIT, () -> texts.size() >= 3);
    Map<String, Map<String, String>> byNumber = new HashMap<>();
    texts.forEach(text -> byNumber.put(text.get("To"), text));
    assertThat(byNumber).containsOnlyKeys("+46701234567", "+4791234567", REFUSED_NUMBER);
    assertThat(byNumber.get("+46701234567").get("Body"))
        .startsWith("Hej Egen0!")
        .contains("Tutti", "Egen ");
    assertThat(byNumber.get("+4791234567").get("Body"))
        .startsWith("Hi Egen1!")
        .contains("Tutti", "Egen ");
    assertThat(byNumber.get("+46701234567").get("From")).isEqualTo("+46700000001");
    assertThat(byNumber.get("+46701234567").get("authorization"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("AC0123456789:twilio-secret".getBytes(StandardCharsets.UTF_8)));
    Poll.until(
        WAIT,
        () ->
            own.scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where channel = 'sms'"
                            + " and status = 'failed' and recipient = '"
                            + REFUSED_NUMBER
                            + "' and id > "
                            + before)
                == 1);
    assertThat(to(ownSmtp, "egen2@example.org")).isNotNull();
    assertThat(
            own.scenario()
                .count(
                    "select count(*) from \"OutboxMessage\" where channel = 'sms' and status = 'sent'"
                        + " and recipient in ('+46701234567', '+4791234567') and id > "
                        + before))
        .isEqualTo(2);
    JsonObject sms =
        own
            .scenario()
            .ok("GET", "/messages?status=failed", null, 200)
            .getJsonArray("items")
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(message -> message.getString("channel").equals("sms"))
            .findFirst()
            .orElseThrow();
    assertThat(sms.getString("lastError")).contains("400", "not a valid phone number");
  }

  @Test
  void aGroupEmailAlsoGoesBySmsInTheMusiciansLanguageAndAFailingSmsLeavesTheMailDelivered()
      throws Exception {
    Orchestra own = orchestras.get("egen");
    int project = own.scenario().projectInItsOwnWeek("Egen", LocalDate.of(2035, 1, 1));
    int need = own.scenario().need(project, own.position(), own.list(), 3, "parallel", "");
    for (int musician : own.musicians()) {
      own.scenario()
          .execute(
              "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status,"
                  + " \"respondedAt\") values ('"
                  + java.util.UUID.randomUUID()
                  + "', "
                  + need
                  + ", "
                  + musician
                  + ", 'accepted', now() at time zone 'UTC')");
    }

    int groupEmail =
        own.scenario()
            .ok(
                "POST",
                "/group-emails",
                "{\"projectId\":"
                    + project
                    + ",\"subject\":\"Ny tid: <kl. 10>\",\"message\":\"Repetitionen flyttas.\"}",
                201)
            .getInt("id");

    // In the same transaction as the mails: one SMS per recipient with a number.
    assertThat(
            own.scenario()
                .count(
                    "select count(*) from \"OutboxMessage\" where channel = 'sms' and \"groupEmailId\" = "
                        + groupEmail))
        .isEqualTo(3);
    assertThat(ownSmtp.waitForIncomingEmail(WAIT.toMillis(), 3)).isTrue();
    Poll.until(WAIT, () -> texts.size() >= 3);
    Map<String, Map<String, String>> byNumber = new HashMap<>();
    texts.forEach(text -> byNumber.put(text.get("To"), text));
    assertThat(byNumber).containsOnlyKeys("+46701234567", "+4791234567", REFUSED_NUMBER);
    assertThat(byNumber.get("+46701234567").get("Body"))
        .isEqualTo("Egna orkestern: Ny tid: <kl. 10>\nHela meddelandet finns i din e-post.");
    assertThat(byNumber.get("+4791234567").get("Body"))
        .isEqualTo("Egna orkestern: Ny tid: <kl. 10>\nThe full message is in your email.");
    assertThat(byNumber.get("+46701234567").get("From")).isEqualTo("+46700000001");
    Poll.until(
        WAIT,
        () ->
            own.scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where channel = 'sms'"
                            + " and status = 'failed' and \"groupEmailId\" = "
                            + groupEmail)
                == 1);
    // The refused number's mail arrived all the same; the history counts the mails.
    assertThat(to(ownSmtp, "egen2@example.org").getSubject()).isEqualTo("Ny tid: <kl. 10>");
    Poll.until(
        WAIT,
        () ->
            own.scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where channel = 'email'"
                            + " and status = 'sent' and \"groupEmailId\" = "
                            + groupEmail)
                == 3);
    JsonObject history =
        own.scenario()
            .ok("GET", "/group-emails?projectId=" + project, null, 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(history.getInt("recipientCount")).isEqualTo(3);
    assertThat(history.getInt("sentCount")).isEqualTo(3);
    assertThat(history.getInt("failedCount")).isZero();
    assertThat(history.getInt("pendingCount")).isZero();
    JsonObject failedSms =
        own
            .scenario()
            .ok("GET", "/messages?status=failed&size=500", null, 200)
            .getJsonArray("items")
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getInt("groupEmailId", 0) == groupEmail)
            .findFirst()
            .orElseThrow();
    assertThat(failedSms.getString("channel")).isEqualTo("sms");
    assertThat(failedSms.getString("type")).isEqualTo("group_email");
    assertThat(failedSms.getString("groupEmailSubject")).isEqualTo("Ny tid: <kl. 10>");
    assertThat(failedSms.getInt("musicianId")).isEqualTo(own.musicians().get(2));
  }

  @Test
  void aTestMailGoesAtOnceWithTheOrchestrasSettingsAndTheAnswerSaysWhatTheServerSaid()
      throws Exception {
    HttpResponse<String> own =
        ripieno.send(
            "POST",
            "/api/orchestras/egen/test-email",
            orchestras.get("egen").admin(),
            "{\"to\":\"prov@example.org\"}");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    JsonObject ownAnswer = RunningRipieno.json(own);
    assertThat(ownAnswer.getBoolean("sent")).isTrue();
    assertThat(ownAnswer.getString("source")).isEqualTo("orchestra");
    assertThat(ownAnswer.getString("from")).isEqualTo("kansli@egen.example.org");
    assertThat(ownAnswer.getString("reply")).startsWith("250");
    assertThat(own.body()).doesNotContain("twilio-secret");
    assertThat(to(ownSmtp, "prov@example.org").getSubject()).contains("Egna orkestern");

    HttpResponse<String> platform =
        ripieno.send(
            "POST",
            "/api/platform/orchestras/orch-plattform/test-email",
            fixture.superadmin(),
            "{\"to\":\"prov2@example.org\"}");
    assertThat(platform.statusCode()).as(platform.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(platform).getString("source")).isEqualTo("platform");
    assertThat(RunningRipieno.json(platform).getString("from")).isEqualTo(PLATFORM_FROM);
    assertThat(to(platformSmtp, "prov2@example.org")).isNotNull();

    HttpResponse<String> bad =
        ripieno.send(
            "POST",
            "/api/orchestras/egen/test-email",
            orchestras.get("egen").admin(),
            "{\"to\":\"nobody\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("to is the email address");
    assertThat(ripieno.get("/openapi").body())
        .contains(
            "/api/orchestras/{subdomain}/test-email",
            "/api/platform/orchestras/{id}/test-email",
            "/api/orchestras/{subdomain}/messages/{id}/retry");
  }

  @Test
  void aDeliveredTextIsKeptForTheRetentionThenEmptiedWhileTheRowStays() throws Exception {
    Orchestra plain = orchestras.get("plattform");
    sendRequests(plain, 1);
    assertThat(platformSmtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
    Poll.until(
        WAIT,
        () ->
            plain
                    .scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where status = 'sent'"
                            + " and body like '%"
                            + PUBLIC_URL
                            + "/respond/%'")
                >= 1);

    plain
        .scenario()
        .execute(
            "update \"OutboxMessage\" set \"sentAt\" = \"sentAt\" - interval '91 days'"
                + " where status = 'sent' and body is not null");
    plain
        .scenario()
        .execute(
            "update \"OutboxMessage\" set \"sentAt\" = now() at time zone 'UTC' - interval '1 day',"
                + " body = 'kept' where id = (select max(id) from \"OutboxMessage\")");
    plain.scenario().dueNow();

    Poll.until(
        WAIT,
        () ->
            plain
                    .scenario()
                    .count(
                        "select count(*) from \"OutboxMessage\" where status = 'sent'"
                            + " and body is null and \"bodyPurgedAt\" is not null")
                >= 1);
    assertThat(
            plain
                .scenario()
                .count(
                    "select count(*) from \"OutboxMessage\" where \"sentAt\" < now() at time zone"
                        + " 'UTC' - interval '90 days' and body is not null"))
        .isZero();
    assertThat(plain.scenario().count("select count(*) from \"OutboxMessage\" where body = 'kept'"))
        .isOne();
  }

  // --- the Twilio stand-in ---

  /** Answers like Twilio's Messages.json: 201 with a sid, or 400 for the refused number. */
  private void twilioStandIn(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    try (InputStream in = exchange.getRequestBody()) {
      for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
        String[] parts = pair.split("=", 2);
        form.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    form.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
    form.put("path", exchange.getRequestURI().getPath());
    texts.add(form);
    boolean refused = REFUSED_NUMBER.equals(form.get("To"));
    byte[] answer =
        (refused
                ? "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                    + "\"status\":400}"
                : "{\"sid\":\"SM" + texts.size() + "\",\"status\":\"queued\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(refused ? 400 : 201, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  // --- orchestras ---

  private Orchestra orchestra(String id, String subdomain, String name) throws Exception {
    StaffingScenario scenario =
        StaffingScenario.register(fixture, id, subdomain, name, subdomain + "-admin");
    fixture.createUser(subdomain + "-user", "user", id, subdomain + "-user-password");
    int position =
        scenario.instrument("{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}").get(0);
    String[] phones = {"070-123 45 67", "+47 912 34 567", "070-999 99 99"};
    List<Integer> musicians = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String first = Character.toUpperCase(subdomain.charAt(0)) + subdomain.substring(1) + i;
      musicians.add(
          scenario.musician(
              "{\"firstName\":\""
                  + first
                  + "\",\"lastName\":\"Viola\",\"email\":\""
                  + subdomain
                  + i
                  + "@example.org\",\"phone\":\""
                  + phones[i]
                  + "\",\"preferredLanguage\":\""
                  + (i == 1 ? "en" : "sv")
                  + "\",\"qualificationIds\":["
                  + position
                  + "]}"));
    }
    int list = scenario.rankingList(position, "A", musicians);
    return new Orchestra(scenario, position, list, musicians);
  }

  /** A project and a need asking the first {@code quantity} musicians at once. */
  private void sendRequests(Orchestra orchestra, int quantity) throws Exception {
    StaffingScenario scenario = orchestra.scenario();
    int project = scenario.projectInItsOwnWeek("Egen", LocalDate.of(2035, 1, 1));
    int need =
        scenario.need(
            project,
            orchestra.position(),
            orchestra.list(),
            quantity,
            quantity > 1 ? "parallel" : "sequential",
            "");
    scenario.send(project, need);
  }

  // --- helpers ---

  private static MimeMessage to(GreenMail smtp, String address) throws Exception {
    Instant end = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(end)) {
      for (MimeMessage message : smtp.getReceivedMessages()) {
        if (message.getAllRecipients()[0].toString().equals(address)) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No mail to " + address);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
