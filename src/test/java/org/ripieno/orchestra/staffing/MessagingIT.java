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
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * watch. The stand-in holds a text to {@link #HELD_NUMBER} until the test answers it, so that a
 * test can change the message while its send is in flight.
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
  private ExecutorService twilioThreads;
  private final List<Map<String, String>> texts = new CopyOnWriteArrayList<>();

  /** The number the stand-in refuses as Twilio does an invalid one (400). */
  private static final String REFUSED_NUMBER = "+46709999999";

  /** The number whose texts the stand-in holds until the test answers them ({@link HeldSend}). */
  private static final String HELD_NUMBER = "+46708888888";

  /** The send to {@link #HELD_NUMBER} the stand-in is waiting for, or holding. */
  private volatile HeldSend held = new HeldSend();

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private final Map<String, Orchestra> orchestras = new HashMap<>();

  /** One orchestra of the test: its admin's calls and database, and a list of violists. */
  private record Orchestra(
      StaffingScenario scenario, int position, int list, List<Integer> musicians) {

    String admin() {
      return scenario.admin();
    }

    String id() {
      return scenario.id();
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
    // Threads of its own, so that a held send never holds up another.
    twilioThreads = Executors.newCachedThreadPool();
    twilio.setExecutor(twilioThreads);
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
      held.answer.complete(503);
      twilio.stop(0);
      twilioThreads.shutdownNow();
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

  // --- a send's outcome once its message is no longer as this instance took it ---

  @Test
  void aMessageCancelledWhileItsSendIsInFlightStaysCancelledWhenTheSendFails() throws Exception {
    Orchestra own = orchestras.get("egen");
    HeldMessage message = holdASend(own, "<held-fails.request.sms@ripieno>");
    queuedAgainByAnotherInstancesFailure(own, message);
    own.scenario().ok("POST", cancelPath(message), null, 200);
    assertThat(state(own, message)).isEqualTo("cancelled,2,-");

    String answeredAt = centralNow();
    held.answer.complete(503);

    assertThat(runResultAfter(own, answeredAt))
        .contains("0 delivered, 1 no longer this instance's");
    assertThat(state(own, message)).as("not queued again").isEqualTo("cancelled,2,-");
    awaitLogLine(message.messageId() + " not delivered, but it is no longer this");
  }

  @Test
  void aMessageCancelledWhileItsSendIsInFlightIsShownSentWhenTheSendWentOut() throws Exception {
    Orchestra own = orchestras.get("egen");
    HeldMessage message = holdASend(own, "<held-leaves.request.sms@ripieno>");
    queuedAgainByAnotherInstancesFailure(own, message);
    own.scenario().ok("POST", cancelPath(message), null, 200);
    assertThat(state(own, message)).isEqualTo("cancelled,2,-");

    String answeredAt = centralNow();
    held.answer.complete(201);

    assertThat(runResultAfter(own, answeredAt)).contains(" 1 delivered, ");
    assertThat(state(own, message)).isEqualTo("sent,2,sent");
    JsonObject shown =
        own
            .scenario()
            .ok("GET", "/messages?status=sent&size=500", null, 200)
            .getJsonArray("items")
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getInt("id") == message.id())
            .findFirst()
            .orElseThrow();
    assertThat(shown.getString("status")).isEqualTo("sent");
    assertThat(shown.getString("sentAt")).isNotBlank();
    assertThat(shown.getOrDefault("lastError", JsonValue.NULL))
        .as("the other instance's error no longer stands")
        .isEqualTo(JsonValue.NULL);
    assertThat(text(own, "select body from \"OutboxMessage\" where id = " + message.id()))
        .startsWith("Hej Egen0!");
    awaitLogLine(message.messageId() + " was cancelled while its send was in flight");
  }

  @Test
  void aSendWhoseLeaseRanOutLeavesTheStateOfTheInstanceThatTookItAgain() throws Exception {
    Orchestra own = orchestras.get("egen");
    HeldMessage message = holdASend(own, "<held-stale.request.sms@ripieno>");
    // Its lease ran out and another instance took it: its attempt counted, its own lease (an hour,
    // so that nothing here takes it once more).
    execute(
        own,
        "update \"OutboxMessage\" set attempts = 2, \"nextAttemptAt\" = (now() at time zone"
            + " 'UTC') + interval '1 hour' where id = "
            + message.id());

    String answeredAt = centralNow();
    held.answer.complete(201);

    assertThat(runResultAfter(own, answeredAt))
        .contains("0 delivered, 1 no longer this instance's");
    assertThat(state(own, message))
        .as("still the other instance's taking")
        .isEqualTo("sending,2,-");
    awaitLogLine(message.messageId() + " sent, but it is no longer this");
  }

  /** A request's SMS whose send the Twilio stand-in holds, taken by this instance. */
  private record HeldMessage(int id, String messageId, int project, int request) {}

  /**
   * Queues a request SMS to {@link #HELD_NUMBER} for a pending request of the orchestra and returns
   * once its send is in flight: taken ({@code sending}, one attempt) and held by the stand-in until
   * the test completes {@code held.answer}.
   */
  private HeldMessage holdASend(Orchestra orchestra, String messageId) throws Exception {
    int project = orchestra.scenario().projectInItsOwnWeek("Egen", LocalDate.of(2035, 1, 1));
    int need =
        orchestra
            .scenario()
            .need(project, orchestra.position(), orchestra.list(), 1, "sequential", "");
    String code = "REQ-HELD-" + need;
    int musician = orchestra.musicians().get(0);
    execute(
        orchestra,
        "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status)"
            + " values ('"
            + code
            + "', "
            + need
            + ", "
            + musician
            + ", 'pending')");
    int request =
        (int) count(orchestra, "select id from \"Request\" where \"requestId\" = '" + code + "'");
    held = new HeldSend();
    execute(
        orchestra,
        "insert into \"OutboxMessage\" (kind, channel, recipient, language, \"requestId\","
            + " \"musicianId\", \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\")"
            + " values ('request', 'sms', '"
            + HELD_NUMBER
            + "', 'sv', "
            + request
            + ", "
            + musician
            + ", '"
            + messageId
            + "', 'queued', 0, now() at time zone 'UTC', now() at time zone 'UTC')");
    int id =
        (int)
            count(
                orchestra,
                "select id from \"OutboxMessage\" where \"messageId\" = '" + messageId + "'");
    orchestra.scenario().dueNow();
    assertThat(held.arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the send in flight")
        .isTrue();
    HeldMessage message = new HeldMessage(id, messageId, project, request);
    assertThat(state(orchestra, message)).isEqualTo("sending,1,-");
    return message;
  }

  /**
   * What another instance leaves when the message's lease ran out, it took the message (a second
   * attempt) and its attempt failed: queued again, with its error, due only in an hour so that
   * nothing here takes it once more. A cancel withdraws only queued messages, so this is how a
   * message whose send is in flight comes to be cancelled.
   */
  private void queuedAgainByAnotherInstancesFailure(Orchestra orchestra, HeldMessage message)
      throws Exception {
    execute(
        orchestra,
        "update \"OutboxMessage\" set status = 'queued', attempts = 2, \"lastError\" = 'Read"
            + " timed out (another instance)', \"nextAttemptAt\" = (now() at time zone 'UTC') +"
            + " interval '1 hour' where id = "
            + message.id());
  }

  private static String cancelPath(HeldMessage message) {
    return "/projects/" + message.project() + "/requests/" + message.request() + "/cancel";
  }

  /** The message's status, attempts and whether it has a send time ({@code sent} or {@code -}). */
  private String state(Orchestra orchestra, HeldMessage message) throws Exception {
    return text(
        orchestra,
        "select status || ',' || attempts || ',' || case when \"sentAt\" is null then '-' else"
            + " 'sent' end from \"OutboxMessage\" where id = "
            + message.id());
  }

  /** The central database's clock, as the jobs' run times are written (UTC). */
  private String centralNow() throws Exception {
    return fixture
        .postgres()
        .queryText(fixture.central(), "select (now() at time zone 'UTC')::text");
  }

  /** The result of the orchestra's first run recorded after {@code after}, once there is one. */
  private String runResultAfter(Orchestra orchestra, String after) throws Exception {
    String recorded =
        "select count(*) from \"Orchestra\" where id = '"
            + orchestra.id()
            + "' and \"jobsLastRunAt\" > timestamp '"
            + after
            + "'";
    Poll.until(WAIT, () -> fixture.postgres().queryLong(fixture.central(), recorded) == 1);
    return fixture
        .postgres()
        .queryText(
            fixture.central(),
            "select \"jobsLastResult\" from \"Orchestra\" where id = '" + orchestra.id() + "'");
  }

  /** Waits for the one line of the application's log that holds {@code text}. */
  private void awaitLogLine(String text) throws Exception {
    Poll.until(WAIT, () -> logLinesWith(text) >= 1);
    assertThat(logLinesWith(text)).as(text).isOne();
  }

  private long logLinesWith(String text) throws Exception {
    try (var lines = Files.lines(ripieno.log(), StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  // --- the Twilio stand-in ---

  /** A send to {@link #HELD_NUMBER}: in flight from its arrival until the test answers it. */
  private static final class HeldSend {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CompletableFuture<Integer> answer = new CompletableFuture<>();

    /** The status to answer with, once the test gives it (503 if it never does). */
    int holdUntilAnswered() {
      arrived.countDown();
      try {
        // Within the REST client's 20-second read timeout: the test decides how the send ends.
        return answer.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        return 503;
      }
    }
  }

  /**
   * Answers like Twilio's Messages.json: 201 with a sid, 400 for the refused number, and for the
   * held number what the test answers.
   */
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
    int status = REFUSED_NUMBER.equals(form.get("To")) ? 400 : 201;
    if (HELD_NUMBER.equals(form.get("To"))) {
      status = held.holdUntilAnswered();
    }
    byte[] answer =
        (switch (status) {
              case 201 -> "{\"sid\":\"SM" + texts.size() + "\",\"status\":\"queued\"}";
              case 400 ->
                  "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone"
                      + " number.\",\"status\":400}";
              default -> "{\"message\":\"Service unavailable\",\"status\":" + status + "}";
            })
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
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

  private static void execute(Orchestra orchestra, String sql) throws Exception {
    orchestra.scenario().execute(sql);
  }

  private static long count(Orchestra orchestra, String sql) throws Exception {
    return orchestra.scenario().count(sql);
  }

  private static String text(Orchestra orchestra, String sql) throws Exception {
    return orchestra.scenario().text(sql);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
