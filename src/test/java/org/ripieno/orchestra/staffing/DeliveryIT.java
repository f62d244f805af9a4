package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.Poll;
import org.ripieno.testing.RunningRipieno;

/**
 * The outbox delivered over SMTP: the application booted once against a GreenMail server this test
 * starts, with a one-second job interval. Mails are read back from GreenMail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryIT {

  private static final String ORCHESTRA = "orch-delivery";
  private static final String BASE = "/api/orchestras/delivery";
  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private GreenMail smtp;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private DatabaseLogin database;
  private String admin;
  private int tutti;
  private int list;
  private final List<Integer> musicians = new ArrayList<>();
  private int weeks;

  @BeforeAll
  void start() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    fixture =
        PlatformFixture.start(
            "delivery",
            Map.of(
                "RIPIENO_MAIL_SMTP_HOST", "127.0.0.1",
                "RIPIENO_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "RIPIENO_MAIL_FROM", "staffing@ripieno.example.org",
                "RIPIENO_MAIL_RATE", "100",
                "RIPIENO_JOBS_INTERVAL", "PT1S",
                "RIPIENO_PUBLIC_URL", PUBLIC_URL));
    ripieno = fixture.ripieno();
    database = fixture.registerOrchestra(ORCHESTRA, "delivery", "Leveransorkestern");
    fixture.createUser("delivery-admin", "admin", ORCHESTRA, "delivery-admin-password");
    admin = fixture.login("delivery-admin", "delivery-admin-password");
    tutti =
        ok("POST", "/instruments", "{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}", 201)
            .getJsonArray("positions")
            .getJsonObject(0)
            .getInt("id");
    for (int i = 0; i < 4; i++) {
      musicians.add(
          ok(
                  "POST",
                  "/musicians",
                  "{\"firstName\":\"Vio"
                      + i
                      + "\",\"lastName\":\"La\",\"email\":\"vio"
                      + i
                      + "@example.org\",\"preferredLanguage\":\""
                      + (i == 1 ? "en" : "sv")
                      + "\",\"qualificationIds\":["
                      + tutti
                      + "]}",
                  201)
              .getInt("id"));
    }
    list =
        ok("POST", "/ranking-lists", "{\"positionId\":" + tutti + ",\"listType\":\"A\"}", 201)
            .getInt("id");
    for (int musician : musicians) {
      ok("POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}", 201);
    }
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
  class Delivering {

    @Test
    void eachRequestArrivesInItsMusiciansLanguageWithTheLinkBothPartsAndTheOutboxMessageId()
        throws Exception {
      int project = project();
      int need = need(project, 2, "parallel");

      send(project, need);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
      MimeMessage swedish = to("vio0@example.org");
      MimeMessage english = to("vio1@example.org");
      String swedishText = part(swedish, "text/plain");
      String englishText = part(english, "text/plain");
      assertThat(swedishText).contains("Vio0", "Tutti", PUBLIC_URL + "/respond/" + ORCHESTRA + ".");
      assertThat(englishText).contains("Vio1", PUBLIC_URL + "/respond/" + ORCHESTRA + ".");
      assertThat(part(swedish, "text/html")).contains("<p style=\"margin:8px 0\">");
      assertThat(swedish.getSubject()).isNotEqualTo(english.getSubject());
      assertThat(swedish.getFrom()[0].toString()).isEqualTo("staffing@ripieno.example.org");
      assertThat(swedish.getHeader("Message-ID")[0])
          .isEqualTo(
              text(
                  "select \"messageId\" from \"OutboxMessage\" where recipient = 'vio0@example.org'"
                      + " and kind = 'request' order by id desc limit 1"));
      Poll.until(
          WAIT,
          () ->
              count(
                      "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id ="
                          + " o.\"requestId\" where r.\"projectNeedId\" = "
                          + need
                          + " and o.status = 'sent' and o.\"sentAt\" is not null"
                          + " and o.attempts = 1")
                  == 2);
      // The link in the mail answers; the confirmation follows by mail.
      String link = swedishText.substring(swedishText.indexOf(PUBLIC_URL)).split("\\s")[0];
      String token = link.substring(link.lastIndexOf('/') + 1);
      smtp.purgeEmailFromAllMailboxes();
      HttpResponse<String> accepted =
          ripieno.send(
              "POST", "/api/public/responses/" + token, null, "{\"response\":\"accepted\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio0@example.org").getSubject()).isNotEqualTo(swedish.getSubject());
    }

    @Test
    void aMessageWhoseInstanceDiedMidDeliveryGoesAgainWithTheSameMessageId() throws Exception {
      int request = requestOf(project());
      execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'vio3@example.org', 'sv', "
              + request
              + ", '<crashed.request@ripieno>', 'sending', 1,"
              + " now() at time zone 'UTC' - interval '1 minute', now() at time zone 'UTC')");
      dueNow(ORCHESTRA);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();

      assertThat(
              Arrays.stream(smtp.getReceivedMessages())
                  .filter(m -> header(m, "Message-ID").equals("<crashed.request@ripieno>")))
          .hasSize(1);
      Poll.until(
          WAIT,
          () ->
              count(
                      "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                          + " '<crashed.request@ripieno>' and status = 'sent' and attempts = 2")
                  == 1);
    }

    @Test
    void aRecipientThatIsNoAddressFailsForGoodAtOnceWithTheErrorKept() throws Exception {
      int request = requestOf(project());
      execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'not an address', 'sv', "
              + request
              + ", '<broken.request@ripieno>', 'queued', 0, now() at time zone 'UTC',"
              + " now() at time zone 'UTC')");
      dueNow(ORCHESTRA);

      Poll.until(
          WAIT,
          () ->
              count(
                      "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                          + " '<broken.request@ripieno>' and status = 'failed' and attempts = 1"
                          + " and \"lastError\" is not null")
                  == 1);
    }

    @Test
    void aSuspendedOrchestrasMessagesStayQueuedUntilItIsActiveAgain() throws Exception {
      int request = requestOf(project());
      fixture.onCentral(
          "update \"Orchestra\" set status = 'suspended' where id = '" + ORCHESTRA + "'");
      try {
        execute(
            "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
                + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
                + " ('reminder', 'vio2@example.org', 'sv', "
                + request
                + ", '<held.reminder@ripieno>', 'queued', 0, now() at time zone 'UTC',"
                + " now() at time zone 'UTC')");
        dueNow(ORCHESTRA);
        Thread.sleep(3000);
        assertThat(
                count(
                    "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                        + " '<held.reminder@ripieno>' and status = 'queued' and attempts = 0"))
            .isOne();
      } finally {
        fixture.onCentral(
            "update \"Orchestra\" set status = 'active' where id = '" + ORCHESTRA + "'");
      }

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(header(smtp.getReceivedMessages()[0], "Message-ID"))
          .isEqualTo("<held.reminder@ripieno>");
    }
  }

  @Nested
  class Timers {

    @Test
    void aRequestPastTheReminderShareOfItsTimeGetsOneReminderWithTheSameLink() throws Exception {
      int project = project();
      int need = need(project, 1, "sequential");
      send(project, need);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String link = link(part(to("vio0@example.org"), "text/plain"));
      smtp.purgeEmailFromAllMailboxes();

      // 19 of 24 hours have passed: past the default 75 %.
      execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '19 hours'"
              + " where \"projectNeedId\" = "
              + need);
      // Time moved behind Ripieno's back: as if the reminder's due time had come.
      dueNow(ORCHESTRA);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(link(part(to("vio0@example.org"), "text/plain"))).isEqualTo(link);
      Thread.sleep(2500);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
      assertThat(
              count(
                  "select count(*) from \"CommunicationLog\" c join \"Request\" r on r.id ="
                      + " c.\"requestId\" where r.\"projectNeedId\" = "
                      + need
                      + " and c.type = 'reminder_sent' and r.\"reminderSentAt\" is not null"))
          .isOne();
    }

    @Test
    void aRequestPastItsResponseTimeTimesOutOnceAndTheNextIsAsked() throws Exception {
      int project = project();
      int need = need(project, 1, "sequential");
      send(project, need);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String token = token(link(part(to("vio0@example.org"), "text/plain")));
      smtp.purgeEmailFromAllMailboxes();

      execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '25 hours',"
              + " \"reminderSentAt\" = now() where \"projectNeedId\" = "
              + need
              + "; update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '25"
              + " hours' where token = '"
              + token
              + "'");
      dueNow(ORCHESTRA);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio1@example.org").getSubject()).isNotBlank();
      assertThat(
              text(
                  "select string_agg(status, ',' order by id) from \"Request\" where"
                      + " \"projectNeedId\" = "
                      + need))
          .isEqualTo("timed_out,pending");
      assertThat(
              count(
                  "select count(*) from \"CommunicationLog\" c join \"Request\" r on r.id ="
                      + " c.\"requestId\" where r.\"projectNeedId\" = "
                      + need
                      + " and c.type = 'request_timed_out'"))
          .isOne();
      HttpResponse<String> late =
          ripieno.send(
              "POST", "/api/public/responses/" + token, null, "{\"response\":\"accepted\"}");
      assertThat(late.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(late).getString("detail"))
          .isEqualTo("Denna förfrågan är inte längre aktiv.");
    }
  }

  @Nested
  class Scheduling {

    @Test
    void sendingBringsTheJobsForwardAndTheRunRecordsItselfAndTheNextDueTime() throws Exception {
      int project = project();
      int need = need(project, 1, "sequential");
      // Nothing due for a day: only the send itself can make the jobs come now.
      fixture.onCentral(
          "update \"Orchestra\" set \"jobsDueAt\" = (now() at time zone 'UTC') + interval '1"
              + " day' where id = '"
              + ORCHESTRA
              + "'");
      Instant sentAround = Instant.now().minusSeconds(1);

      send(project, need);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio0@example.org").getSubject()).isNotBlank();
      Poll.until(
          WAIT,
          () ->
              centralCount(
                      "select count(*) from \"Orchestra\" where id = '"
                          + ORCHESTRA
                          + "' and \"jobsLastResult\" like 'ok:%' and \"jobsLastRunAt\" >"
                          + " (now() at time zone 'UTC') - interval '10 seconds'"
                          + " and \"jobsDueAt\" > \"jobsLastRunAt\"")
                  == 1);
      JsonObject jobs = healthOf(ORCHESTRA).getJsonObject("jobs");
      assertThat(Instant.parse(jobs.getString("lastRunAt"))).isAfter(sentAround);
      assertThat(jobs.getString("lastResult")).startsWith("ok:");
      assertThat(jobs.getInt("failures")).isZero();
      assertThat(Instant.parse(jobs.getString("nextDueAt"))).isAfter(Instant.now());
    }

    @Test
    void aMessageWhoseSendSlotIsAheadStaysQueuedWhileTheRunEndsAndGoesAtTheSlot() throws Exception {
      int request = requestOf(project());
      // The orchestra's next mail slot 6 s ahead, as after sends at a slow rate: a run that slept
      // for it would hold its worker those 6 s and record itself only after the send.
      execute(
          "insert into \"MessageRate\" (channel, \"nextSlotAt\") values ('email',"
              + " (now() at time zone 'UTC') + interval '6 seconds') on conflict (channel) do"
              + " update set \"nextSlotAt\" = excluded.\"nextSlotAt\"");
      String slot =
          text("select \"nextSlotAt\"::text from \"MessageRate\" where channel = 'email'");
      execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'vio2@example.org', 'sv', "
              + request
              + ", '<slot.request@ripieno>', 'queued', 0,"
              + " now() at time zone 'UTC', now() at time zone 'UTC')");
      dueNow(ORCHESTRA);

      // The run ends before the slot, and says why it left the message.
      Poll.until(
          WAIT,
          () ->
              centralCount(
                      "select count(*) from \"Orchestra\" where id = '"
                          + ORCHESTRA
                          + "' and \"jobsLastResult\" like 'ok:%next slot%'")
                  == 1);
      assertThat(
              centralCount(
                  "select count(*) from \"Orchestra\" where id = '"
                      + ORCHESTRA
                      + "' and \"jobsLastRunAt\" < timestamp '"
                      + slot
                      + "' and abs(extract(epoch from \"jobsDueAt\" - timestamp '"
                      + slot
                      + "')) < 0.25"))
          .as("recorded before the slot, due again at the slot (not at once, not a pass later)")
          .isOne();
      assertThat(
              count(
                  "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                      + " '<slot.request@ripieno>' and status = 'queued' and attempts = 0"))
          .as("left queued, never taken")
          .isOne();

      // At the slot it goes, once, and not before.
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      Poll.until(
          WAIT,
          () ->
              count(
                      "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                          + " '<slot.request@ripieno>' and status = 'sent' and attempts = 1"
                          + " and \"sentAt\" >= timestamp '"
                          + slot
                          + "'")
                  == 1);
      assertThat(
              Arrays.stream(smtp.getReceivedMessages())
                  .filter(m -> header(m, "Message-ID").equals("<slot.request@ripieno>")))
          .hasSize(1);
    }

    @Test
    void anOrchestraWithNothingDueIsNotOpenedAndOneThatFailsNeverStopsTheOthers() throws Exception {
      String idle = "orch-idle";
      DatabaseLogin idleDatabase = fixture.registerOrchestra(idle, "idle", "Vilande orkestern");
      String refuse =
          "alter database \"" + idleDatabase.address().database() + "\" allow_connections ";
      fixture.postgres().execute(refuse + "false");
      try {
        // Three passes: the jobs never tried its database, so nothing failed.
        Thread.sleep(3500);
        assertThat(
                centralCount(
                    "select count(*) from \"Orchestra\" where id = '"
                        + idle
                        + "' and \"jobsLastRunAt\" is null and \"jobsLastResult\" is null"))
            .isOne();

        // Now something is due there: the run fails, is recorded, and backs off.
        dueNow(idle);
        Poll.until(
            WAIT,
            () ->
                centralCount(
                        "select count(*) from \"Orchestra\" where id = '"
                            + idle
                            + "' and \"jobsLastResult\" like 'failed:%'"
                            + " and \"jobsFailures\" >= 1 and \"jobsDueAt\" is not null")
                    == 1);
        JsonObject failing = healthOf(idle).getJsonObject("jobs");
        assertThat(failing.getString("lastResult")).startsWith("failed:");
        assertThat(failing.containsKey("nextDueAt")).isTrue();

        // Meanwhile the other orchestra's mails go out.
        int project = project();
        send(project, need(project, 1, "sequential"));
        assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      } finally {
        fixture.onCentral("update \"Orchestra\" set status = 'inactive' where id = '" + idle + "'");
        fixture.postgres().execute(refuse + "true");
      }
    }
  }

  @Nested
  class HandActions {

    @Test
    void theWithdrawalOfAnAcceptedMusicianRefillsTheNeedAndTheNextOneGetsTheRequest()
        throws Exception {
      int project = project();
      int need = need(project, 1, "sequential");
      send(project, need);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String token = token(link(part(to("vio0@example.org"), "text/plain")));
      HttpResponse<String> accepted =
          ripieno.send(
              "POST", "/api/public/responses/" + token, null, "{\"response\":\"accepted\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).as("the confirmation").isTrue();
      smtp.purgeEmailFromAllMailboxes();

      ok(
          "POST",
          "/projects/" + project + "/requests/" + requestOf(need, 0) + "/withdraw",
          null,
          200);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String text = part(to("vio1@example.org"), "text/plain");
      assertThat(text).contains("Vio1", PUBLIC_URL + "/respond/" + ORCHESTRA + ".");
      assertThat(
              text(
                  "select string_agg(status, ',' order by id) from \"Request\" where"
                      + " \"projectNeedId\" = "
                      + need))
          .isEqualTo("declined,pending");
    }

    @Test
    void aCancelledProjectTellsEachPendingMusicianInTheirLanguageWithoutALink() throws Exception {
      int project = project();
      int need = need(project, 2, "parallel");
      send(project, need);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
      smtp.purgeEmailFromAllMailboxes();

      ok("POST", "/projects/" + project + "/cancel", null, 200);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
      MimeMessage swedish = to("vio0@example.org");
      MimeMessage english = to("vio1@example.org");
      assertThat(swedish.getSubject()).startsWith("Förfrågan återkallad");
      assertThat(english.getSubject()).startsWith("Request withdrawn");
      assertThat(part(swedish, "text/plain")).contains("Hej Vio0!", "Leveransorkestern");
      assertThat(part(english, "text/plain")).contains("Hi Vio1,").doesNotContain(PUBLIC_URL);
      Poll.until(
          WAIT,
          () ->
              count(
                      "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id ="
                          + " o.\"requestId\" where r.\"projectNeedId\" = "
                          + need
                          + " and o.kind = 'request_cancelled' and o.status = 'sent'")
                  == 2);
    }

    @Test
    void aPausedNeedsRequestIsRemindedAndTimesOutButItsReplacementWaitsForTheResume()
        throws Exception {
      int project = project();
      int need = need(project, 1, "sequential");
      send(project, need);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String token = token(link(part(to("vio0@example.org"), "text/plain")));
      smtp.purgeEmailFromAllMailboxes();
      ok("POST", "/projects/" + project + "/pause", "{\"pause\":true}", 200);

      // 19 of 24 hours have passed: the reminder is due although the need is paused.
      execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '19 hours'"
              + " where \"projectNeedId\" = "
              + need);
      dueNow(ORCHESTRA);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio0@example.org").getSubject()).isNotBlank();
      smtp.purgeEmailFromAllMailboxes();

      // 25 hours: it times out, and no replacement goes while the need is paused.
      execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '6 hours'"
              + " where \"projectNeedId\" = "
              + need
              + "; update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '25"
              + " hours' where token = '"
              + token
              + "'");
      dueNow(ORCHESTRA);
      Poll.until(
          WAIT,
          () ->
              "timed_out"
                  .equals(
                      text(
                          "select string_agg(status, ',' order by id) from \"Request\" where"
                              + " \"projectNeedId\" = "
                              + need)));
      assertThat(smtp.getReceivedMessages()).isEmpty();

      JsonObject resumed = ok("POST", "/projects/" + project + "/pause", "{\"pause\":false}", 200);

      assertThat(resumed.getJsonArray("requests")).hasSize(1);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(part(to("vio1@example.org"), "text/plain")).contains("Vio1");
    }
  }

  // --- helpers ---

  /** Makes the orchestra's jobs due now, as its work would after a change Ripieno made. */
  private void dueNow(String orchestra) throws Exception {
    fixture.onCentral(
        "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC' where id = '"
            + orchestra
            + "'");
  }

  private long centralCount(String sql) throws Exception {
    return fixture.postgres().queryLong(fixture.central(), sql);
  }

  /** The orchestra's entry in {@code GET /api/platform/health}. */
  private JsonObject healthOf(String orchestra) throws Exception {
    HttpResponse<String> health =
        ripieno.send("GET", "/api/platform/health", fixture.superadmin(), null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    return RunningRipieno.json(health).getJsonArray("orchestras").stream()
        .map(JsonValue::asJsonObject)
        .filter(entry -> entry.getString("id").equals(orchestra))
        .findFirst()
        .orElseThrow();
  }

  private static String link(String text) {
    return text.substring(text.indexOf(PUBLIC_URL)).split("\\s")[0];
  }

  private static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  /** The id of the need's request to the i-th musician. */
  private int requestOf(int need, int musician) throws Exception {
    return (int)
        count(
            "select id from \"Request\" where \"projectNeedId\" = "
                + need
                + " and \"musicianId\" = "
                + musicians.get(musician));
  }

  private int requestOf(int project) throws Exception {
    int need = need(project, 1, "sequential");
    execute(
        "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status)"
            + " values ('REQ-DEL-"
            + need
            + "', "
            + need
            + ", "
            + musicians.get(3)
            + ", 'pending')");
    return (int) count("select id from \"Request\" where \"requestId\" = 'REQ-DEL-" + need + "'");
  }

  private MimeMessage to(String address) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        return message;
      }
    }
    throw new AssertionError("No mail to " + address);
  }

  private static String part(MimeMessage message, String type) throws Exception {
    Multipart alternative = (Multipart) message.getContent();
    for (int i = 0; i < alternative.getCount(); i++) {
      if (alternative.getBodyPart(i).isMimeType(type)) {
        return String.valueOf(alternative.getBodyPart(i).getContent());
      }
    }
    throw new AssertionError("No " + type + " part in " + GreenMailUtil.getWholeMessage(message));
  }

  private static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name)[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void send(int project, int need) throws Exception {
    ok("POST", "/projects/" + project + "/send", "{\"needId\":" + need + "}", 200);
  }

  private int project() throws Exception {
    int week = ++weeks;
    String start = LocalDate.of(2033, 1, 3).plusWeeks(week).toString();
    return ok(
            "POST",
            "/projects",
            "{\"name\":\"Leverans " + week + "\",\"startDate\":\"" + start + "\"}",
            201)
        .getInt("id");
  }

  private int need(int project, int quantity, String strategy) throws Exception {
    return ok(
            "POST",
            "/projects/" + project + "/needs",
            "{\"positionId\":"
                + tutti
                + ",\"quantity\":"
                + quantity
                + ",\"rankingListId\":"
                + list
                + ",\"requestStrategy\":\""
                + strategy
                + "\"}",
            201)
        .getInt("id");
  }

  private JsonObject ok(String method, String path, String body, int status) throws Exception {
    return ripieno.expect(status, method, BASE + path, admin, body);
  }

  private void execute(String sql) throws Exception {
    fixture.postgres().execute(database, sql);
  }

  private long count(String sql) throws Exception {
    return fixture.postgres().queryLong(database, sql);
  }

  private String text(String sql) throws Exception {
    return fixture.postgres().queryText(database, sql);
  }
}
