package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ripieno.testing.LocalMailServer.header;
import static org.ripieno.testing.LocalMailServer.part;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.ripieno.testing.StaffingScenario;

/**
 * The outbox delivered over SMTP: the application booted once against a GreenMail server this test
 * starts, with a one-second job interval. Mails are read back from GreenMail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryIT {

  private static final String ORCHESTRA = "orch-delivery";
  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private GreenMail smtp;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private StaffingScenario scenario;
  private int tutti;
  private int list;
  private final List<Integer> musicians = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    fixture =
        PlatformFixture.start(
            "delivery",
            LocalMailServer.environment(smtp, "staffing@ripieno.example.org", 100, PUBLIC_URL));
    ripieno = fixture.ripieno();
    scenario =
        StaffingScenario.register(
            fixture, ORCHESTRA, "delivery", "Leveransorkestern", "delivery-admin");
    tutti = scenario.instrument("{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}").get(0);
    for (int i = 0; i < 4; i++) {
      musicians.add(
          scenario.musician(
              "{\"firstName\":\"Vio"
                  + i
                  + "\",\"lastName\":\"La\",\"email\":\"vio"
                  + i
                  + "@example.org\",\"preferredLanguage\":\""
                  + (i == 1 ? "en" : "sv")
                  + "\",\"qualificationIds\":["
                  + tutti
                  + "]}"));
    }
    list = scenario.rankingList(tutti, "A", musicians);
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
              scenario.text(
                  "select \"messageId\" from \"OutboxMessage\" where recipient = 'vio0@example.org'"
                      + " and kind = 'request' order by id desc limit 1"));
      Poll.until(
          WAIT,
          () ->
              scenario.count(
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
      scenario.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'vio3@example.org', 'sv', "
              + request
              + ", '<crashed.request@ripieno>', 'sending', 1,"
              + " now() at time zone 'UTC' - interval '1 minute', now() at time zone 'UTC')");
      scenario.dueNow();

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();

      assertThat(
              Arrays.stream(smtp.getReceivedMessages())
                  .filter(m -> header(m, "Message-ID").equals("<crashed.request@ripieno>")))
          .hasSize(1);
      Poll.until(
          WAIT,
          () ->
              scenario.count(
                      "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                          + " '<crashed.request@ripieno>' and status = 'sent' and attempts = 2")
                  == 1);
    }

    @Test
    void aRecipientThatIsNoAddressFailsForGoodAtOnceWithTheErrorKept() throws Exception {
      int request = requestOf(project());
      scenario.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'not an address', 'sv', "
              + request
              + ", '<broken.request@ripieno>', 'queued', 0, now() at time zone 'UTC',"
              + " now() at time zone 'UTC')");
      scenario.dueNow();

      Poll.until(
          WAIT,
          () ->
              scenario.count(
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
        scenario.execute(
            "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
                + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
                + " ('reminder', 'vio2@example.org', 'sv', "
                + request
                + ", '<held.reminder@ripieno>', 'queued', 0, now() at time zone 'UTC',"
                + " now() at time zone 'UTC')");
        scenario.dueNow();
        Thread.sleep(3000);
        assertThat(
                scenario.count(
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
      scenario.execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '19 hours'"
              + " where \"projectNeedId\" = "
              + need);
      // Time moved behind Ripieno's back: as if the reminder's due time had come.
      scenario.dueNow();

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(link(part(to("vio0@example.org"), "text/plain"))).isEqualTo(link);
      Thread.sleep(2500);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
      assertThat(
              scenario.count(
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

      scenario.execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '25 hours',"
              + " \"reminderSentAt\" = now() where \"projectNeedId\" = "
              + need
              + "; update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '25"
              + " hours' where token = '"
              + token
              + "'");
      scenario.dueNow();

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio1@example.org").getSubject()).isNotBlank();
      assertThat(
              scenario.text(
                  "select string_agg(status, ',' order by id) from \"Request\" where"
                      + " \"projectNeedId\" = "
                      + need))
          .isEqualTo("timed_out,pending");
      assertThat(
              scenario.count(
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
      scenario.execute(
          "insert into \"MessageRate\" (channel, \"nextSlotAt\") values ('email',"
              + " (now() at time zone 'UTC') + interval '6 seconds') on conflict (channel) do"
              + " update set \"nextSlotAt\" = excluded.\"nextSlotAt\"");
      String slot =
          scenario.text("select \"nextSlotAt\"::text from \"MessageRate\" where channel = 'email'");
      scenario.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\", \"messageId\","
              + " status, attempts, \"nextAttemptAt\", \"createdAt\") values ('request',"
              + " 'vio2@example.org', 'sv', "
              + request
              + ", '<slot.request@ripieno>', 'queued', 0,"
              + " now() at time zone 'UTC', now() at time zone 'UTC')");
      scenario.dueNow();

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
              scenario.count(
                  "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                      + " '<slot.request@ripieno>' and status = 'queued' and attempts = 0"))
          .as("left queued, never taken")
          .isOne();

      // At the slot it goes, once, and not before.
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      Poll.until(
          WAIT,
          () ->
              scenario.count(
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
        fixture.jobsDueNow(idle);
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

      scenario.ok(
          "POST",
          "/projects/" + project + "/requests/" + requestOf(need, 0) + "/withdraw",
          null,
          200);

      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      String text = part(to("vio1@example.org"), "text/plain");
      assertThat(text).contains("Vio1", PUBLIC_URL + "/respond/" + ORCHESTRA + ".");
      assertThat(
              scenario.text(
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

      scenario.ok("POST", "/projects/" + project + "/cancel", null, 200);

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
              scenario.count(
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
      scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":true}", 200);

      // 19 of 24 hours have passed: the reminder is due although the need is paused.
      scenario.execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '19 hours'"
              + " where \"projectNeedId\" = "
              + need);
      scenario.dueNow();
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(to("vio0@example.org").getSubject()).isNotBlank();
      smtp.purgeEmailFromAllMailboxes();

      // 25 hours: it times out, and no replacement goes while the need is paused.
      scenario.execute(
          "update \"Request\" set \"sentAt\" = \"sentAt\" - interval '6 hours'"
              + " where \"projectNeedId\" = "
              + need
              + "; update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '25"
              + " hours' where token = '"
              + token
              + "'");
      scenario.dueNow();
      Poll.until(
          WAIT,
          () ->
              "timed_out"
                  .equals(
                      scenario.text(
                          "select string_agg(status, ',' order by id) from \"Request\" where"
                              + " \"projectNeedId\" = "
                              + need)));
      assertThat(smtp.getReceivedMessages()).isEmpty();

      JsonObject resumed =
          scenario.ok("POST", "/projects/" + project + "/pause", "{\"pause\":false}", 200);

      assertThat(resumed.getJsonArray("requests")).hasSize(1);
      assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
      assertThat(part(to("vio1@example.org"), "text/plain")).contains("Vio1");
    }
  }

  // --- helpers ---

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
        scenario.count(
            "select id from \"Request\" where \"projectNeedId\" = "
                + need
                + " and \"musicianId\" = "
                + musicians.get(musician));
  }

  private int requestOf(int project) throws Exception {
    int need = need(project, 1, "sequential");
    scenario.execute(
        "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status)"
            + " values ('REQ-DEL-"
            + need
            + "', "
            + need
            + ", "
            + musicians.get(3)
            + ", 'pending')");
    return (int)
        scenario.count("select id from \"Request\" where \"requestId\" = 'REQ-DEL-" + need + "'");
  }

  private MimeMessage to(String address) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        return message;
      }
    }
    throw new AssertionError("No mail to " + address);
  }

  private void send(int project, int need) throws Exception {
    scenario.send(project, need);
  }

  private int project() throws Exception {
    return scenario.projectInItsOwnWeek("Leverans", LocalDate.of(2033, 1, 3));
  }

  private int need(int project, int quantity, String strategy) throws Exception {
    return scenario.need(project, tutti, list, quantity, strategy, "");
  }
}
