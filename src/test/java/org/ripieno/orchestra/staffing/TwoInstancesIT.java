package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ripieno.testing.LocalMailServer.header;
import static org.ripieno.testing.LocalMailServer.part;
import static org.ripieno.testing.StaffingScenario.ints;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.Poll;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.StaffingScenario;

/**
 * Two application instances over the same central and orchestra databases, sharing one GreenMail
 * server, each running the staffing jobs every second: the installation several servers make.
 *
 * <p>Each strategy lives through a scripted week of legacy-system.md §3.4: every action a person
 * takes goes through the API (the admin on one instance, the musicians through the link in the mail
 * they received, on either instance by turns), mail is read back from GreenMail, and time moves by
 * back-dating rows with SQL (no endpoint moves it). Then the jobs under two instances: every
 * reminder, every timeout and every message exactly once.
 *
 * <p>Each instance sends from an address of its own, so a mail says which instance delivered it.
 *
 * <p>Besides the staffing, what the instances keep of an account: a deactivation through one
 * reaches the other within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

  private static final String ORCHESTRA = "orch-twice";
  private static final String PUBLIC_URL = "https://ripieno.example.org";
  private static final String FROM_A = "staffing-a@ripieno.example.org";
  private static final String FROM_B = "staffing-b@ripieno.example.org";
  private static final Duration WAIT = Duration.ofSeconds(40);

  private GreenMail smtp;
  private PlatformFixture fixture;
  private RunningRipieno first;
  private RunningRipieno second;

  /** The orchestra as its admin calls it on the first instance; its database. */
  private StaffingScenario scenario;

  /** The same, on the second instance. */
  private StaffingScenario onSecond;

  private int tutti;
  private int list;
  private int answersGiven;

  /** Twelve violists, ranked 1–12 on the list (index 0 is #1); #3 and #8 prefer English. */
  private final List<Integer> musicians = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    Map<String, String> environment = LocalMailServer.environment(smtp, FROM_A, 50, PUBLIC_URL);
    // Several instances share their keys (security.md): a token of one is good on the other.
    environment.putAll(PlatformFixture.sharedKeys());
    fixture = PlatformFixture.start("twice", environment);
    first = fixture.ripieno();
    second = fixture.startAnotherInstance("twice-b", Map.of("RIPIENO_MAIL_FROM", FROM_B));
    scenario =
        StaffingScenario.register(fixture, ORCHESTRA, "twice", "Dubbelorkestern", "twice-admin");
    onSecond = scenario.on(second);
    scenario.allowManyProjects();

    tutti = scenario.instrument("{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}").get(0);
    for (int i = 0; i < 12; i++) {
      musicians.add(
          (i % 2 == 0 ? scenario : onSecond)
              .musician(
                  "{\"firstName\":\"Vla"
                      + (i + 1)
                      + "\",\"lastName\":\"Ist\",\"email\":\""
                      + address(i)
                      + "\",\"preferredLanguage\":\""
                      + (i == 2 || i == 7 ? "en" : "sv")
                      + "\",\"qualificationIds\":["
                      + tutti
                      + "]}"));
    }
    list = onSecond.rankingList(tutti, "A", musicians);
  }

  @AfterAll
  void stop() throws Exception {
    LocalMailServer.stopAfterTheApplication(fixture, smtp);
  }

  @Nested
  class AWeekOfEachStrategy {

    @Test
    void parallelFiveNeededADeclineAsksTheSixthAnAcceptAsksNobodyAndFiveAcceptsComplete()
        throws Exception {
      int project = project();
      int need = need(project, 5, "parallel", "");

      // Monday: the admin looks at the preview on one instance and sends on the other.
      List<Integer> previewed = ints(preview(second, project, need), "recipients");
      List<Integer> sent = send(first, project, need);
      assertThat(previewed).isEqualTo(ranks(1, 5)).isEqualTo(sent);
      Map<Integer, String> tokens = new HashMap<>();
      for (int rank = 1; rank <= 5; rank++) {
        tokens.put(rank, token(awaitMail(need, rank, "request")));
      }

      // Tuesday: #2 declines; #6, first in the queue, is asked at once.
      assertThat(ints(preview(second, project, need), "nextInQueue")).startsWith(musician(6));
      JsonObject declined = answer(tokens.get(2), "declined");
      assertThat(declined.getString("message"))
          .isEqualTo("Tack för ditt svar. Vi hör av oss vid nästa tillfälle.");
      tokens.put(6, token(awaitMail(need, 6, "request")));

      // #1 accepts: nothing is sent, four are pending beside the one accepted.
      answer(tokens.get(1), "accepted");
      awaitMail(need, 1, "confirmation");
      assertThat(board(project, need)).hasSize(6);
      assertThat(preview(first, project, need).getString("nothingToSendBecause"))
          .isEqualTo("awaiting_answers");

      // Thursday: three quarters of their time has passed; each of the four is reminded once,
      // with the same link.
      backDate(need, "19 hours", "status = 'pending'");
      for (int rank = 3; rank <= 6; rank++) {
        assertThat(token(awaitMail(need, rank, "reminder"))).isEqualTo(tokens.get(rank));
      }

      // Friday: the four accept; the fifth accept completes the need.
      for (int rank = 3; rank <= 6; rank++) {
        answer(tokens.get(rank), "accepted");
      }

      Map<Integer, String> expected = new LinkedHashMap<>();
      expected.put(musician(1), "accepted");
      expected.put(musician(2), "declined");
      for (int rank = 3; rank <= 6; rank++) {
        expected.put(musician(rank), "accepted");
      }
      assertThat(board(project, need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("completed");
      for (int rank = 3; rank <= 6; rank++) {
        awaitMail(need, rank, "confirmation");
      }
      assertDeliveredOnce(need, Map.of("request", 6, "reminder", 4, "confirmation", 5));
    }

    @Test
    void firstComeThreeOfFiveASecondWaveAfterAllDeclineAndTheThirdAcceptFillsIt() throws Exception {
      int project = project();
      int need = need(project, 3, "first_come", ",\"maxRecipients\":5");

      List<Integer> previewed = ints(preview(second, project, need), "recipients");
      List<Integer> sent = send(first, project, need);
      assertThat(previewed).isEqualTo(ranks(1, 5)).isEqualTo(sent);
      Map<Integer, String> tokens = new HashMap<>();
      for (int rank = 1; rank <= 5; rank++) {
        tokens.put(rank, token(awaitMail(need, rank, "request")));
      }

      // While anyone of the wave has not answered, a decline sends nothing.
      for (int rank = 1; rank <= 4; rank++) {
        answer(tokens.get(rank), "declined");
        assertThat(board(project, need)).as("the wave is still open").hasSize(5);
      }
      List<Integer> queued = ints(preview(first, project, need), "nextInQueue");
      assertThat(queued).isEqualTo(ranks(6, 10));

      // The last of the wave declines: the second wave goes to the five the queue showed.
      answer(tokens.get(5), "declined");
      assertThat(board(project, need).keySet()).containsExactlyInAnyOrderElementsOf(ranks(1, 10));
      for (int rank = 6; rank <= 10; rank++) {
        tokens.put(rank, token(awaitMail(need, rank, "request")));
      }

      // The first three to accept fill it; the two still pending are told the place is filled.
      for (int rank = 6; rank <= 8; rank++) {
        answer(tokens.get(rank), "accepted");
      }
      awaitMail(need, 9, "position_filled");
      awaitMail(need, 10, "position_filled");
      HttpResponse<String> late = post(second, tokens.get(9), "accepted");
      assertThat(late.statusCode()).isEqualTo(410);
      assertThat(RunningRipieno.json(late).getString("detail"))
          .isEqualTo("Platsen hann tillsättas innan ditt svar kom. Tack för ditt intresse!");

      Map<Integer, String> expected = new LinkedHashMap<>();
      for (int rank = 1; rank <= 5; rank++) {
        expected.put(musician(rank), "declined");
      }
      for (int rank = 6; rank <= 8; rank++) {
        expected.put(musician(rank), "accepted");
      }
      expected.put(musician(9), "cancelled");
      expected.put(musician(10), "cancelled");
      assertThat(board(project, need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("completed");
      for (int rank = 6; rank <= 8; rank++) {
        awaitMail(need, rank, "confirmation");
      }
      assertDeliveredOnce(need, Map.of("request", 10, "confirmation", 3, "position_filled", 2));
    }

    @Test
    void sequentialThroughThreeDeclinesAReminderAndATimeoutToTheFifthWhoAccepts() throws Exception {
      int project = project();
      int need = need(project, 1, "sequential", ",\"responseTimeHours\":48");

      List<Integer> previewed = ints(preview(second, project, need), "recipients");
      List<Integer> sent = send(first, project, need);
      assertThat(previewed).isEqualTo(ranks(1, 1)).isEqualTo(sent);

      // Each decline asks the one the preview showed next.
      for (int rank = 1; rank <= 3; rank++) {
        String token = token(awaitMail(need, rank, "request"));
        assertThat(ints(preview(rank % 2 == 0 ? first : second, project, need), "nextInQueue"))
            .startsWith(musician(rank + 1));
        answer(token, "declined");
      }
      String fourth = token(awaitMail(need, 4, "request"));

      // #4 keeps silent: reminded after 36 of 48 hours, with the same link ...
      backDate(need, "37 hours", "\"musicianId\" = " + musician(4));
      assertThat(token(awaitMail(need, 4, "reminder"))).isEqualTo(fourth);
      // ... and timed out after 48: the next is asked, and the link no longer takes an answer.
      backDate(need, "12 hours", "\"musicianId\" = " + musician(4));
      String fifth = token(awaitMail(need, 5, "request"));
      HttpResponse<String> tooLate = post(first, fourth, "accepted");
      assertThat(tooLate.statusCode()).isEqualTo(410);

      answer(fifth, "accepted");
      awaitMail(need, 5, "confirmation");

      Map<Integer, String> expected = new LinkedHashMap<>();
      for (int rank = 1; rank <= 3; rank++) {
        expected.put(musician(rank), "declined");
      }
      expected.put(musician(4), "timed_out");
      expected.put(musician(5), "accepted");
      assertThat(board(project, need)).isEqualTo(expected);
      assertThat(needStatus(project, need)).isEqualTo("completed");
      assertThat(scenario.logs(need, "request_timed_out")).isOne();
      assertDeliveredOnce(need, Map.of("request", 5, "reminder", 1, "confirmation", 1));
    }
  }

  @Nested
  class AccountsOnTwoInstances {

    // Each instance may reuse an account's read for ripieno.token.account-cache; the one that
    // made the change forgets at once, the other within that time (half a second).
    @Test
    void aDeactivationThroughOneInstanceEndsTheTokenThereAtOnceAndOnTheOtherWithinASecond()
        throws Exception {
      String id = fixture.createUser("twice-leaving", "admin", ORCHESTRA, "leaving-password-1");
      String token = fixture.login("twice-leaving", "leaving-password-1");
      String overview = "/api/orchestras/twice";
      assertThat(first.send("GET", overview, token, null).statusCode()).isEqualTo(200);
      assertThat(second.send("GET", overview, token, null).statusCode()).isEqualTo(200);

      HttpResponse<String> deactivated =
          first.send(
              "PUT", "/api/platform/users/" + id, fixture.superadmin(), "{\"active\":false}");
      long changed = System.nanoTime();
      assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);

      assertThat(first.send("GET", overview, token, null).statusCode()).isEqualTo(401);
      int onSecond = 200;
      while (onSecond == 200 && System.nanoTime() - changed < 2_000_000_000L) {
        onSecond = second.send("GET", overview, token, null).statusCode();
      }
      long tookMillis = (System.nanoTime() - changed) / 1_000_000;
      assertThat(onSecond).isEqualTo(401);
      assertThat(tookMillis).isLessThan(1000);
    }
  }

  @Nested
  class JobsOnTwoInstances {

    @Test
    void everyReminderEveryTimeoutAndEveryMessageHappensOnceWhileBothInstancesRunTheJobs()
        throws Exception {
      int project = project();
      int need = need(project, 8, "parallel", "");
      // Both instances are kept claiming the orchestra's runs: its due time is set back to now
      // every 100 ms, so while one instance runs, the other's next pass runs beside it.
      AtomicBoolean hammering = new AtomicBoolean(true);
      Thread dueNow =
          new Thread(
              () -> {
                while (hammering.get()) {
                  try {
                    scenario.dueNow();
                    Thread.sleep(100);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      dueNow.start();
      try {
        assertThat(send(first, project, need)).isEqualTo(ranks(1, 8));
        for (int rank = 1; rank <= 8; rank++) {
          awaitMail(need, rank, "request");
        }

        // All eight past 75 %: eight reminders.
        backDate(need, "19 hours", "status = 'pending'");
        for (int rank = 1; rank <= 8; rank++) {
          awaitMail(need, rank, "reminder");
        }

        // Four past their time: four timeouts, four replacements (#9–12).
        backDate(need, "6 hours", "\"musicianId\" in (" + joined(ranks(1, 4)) + ")");
        for (int rank = 9; rank <= 12; rank++) {
          awaitMail(need, rank, "request");
        }
        // More passes of both instances find nothing more to do.
        Thread.sleep(3000);
      } finally {
        hammering.set(false);
        dueNow.join();
      }
      Poll.until(
          WAIT,
          () ->
              scenario.count(
                      "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id ="
                          + " o.\"requestId\" where r.\"projectNeedId\" = "
                          + need
                          + " and o.status <> 'sent'")
                  == 0);

      assertDeliveredOnce(need, Map.of("request", 12, "reminder", 8));
      assertThat(scenario.logs(need, "request_sent")).isEqualTo(12);
      assertThat(scenario.logs(need, "reminder_sent")).isEqualTo(8);
      assertThat(scenario.logs(need, "request_timed_out")).isEqualTo(4);
      assertThat(
              scenario.count(
                  "select count(*) from \"Request\" where \"reminderSentAt\" is not null and"
                      + " \"projectNeedId\" = "
                      + need))
          .isEqualTo(8);
      Map<Integer, String> expected = new LinkedHashMap<>();
      for (int rank = 1; rank <= 12; rank++) {
        expected.put(musician(rank), rank <= 4 ? "timed_out" : "pending");
      }
      assertThat(board(project, need)).isEqualTo(expected);
      System.out.println(
          "TwoInstancesIT: mails delivered by instance A "
              + fromCount(FROM_A)
              + ", by instance B "
              + fromCount(FROM_B));
    }

    @Test
    void aMessageLeftInFlightByAnInstanceThatDiedGoesOnceMoreWithItsMessageIdFromOneInstance()
        throws Exception {
      int project = project();
      int need = need(project, 1, "sequential", "");
      send(first, project, need);
      awaitMail(need, 1, "request");
      int request =
          (int)
              scenario.count(
                  "select id from \"Request\" where \"projectNeedId\" = " + need + " limit 1");
      // Taken by an instance (its first attempt) whose lease ran out: it died while sending.
      scenario.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
              + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
              + " ('reminder', '"
              + address(0)
              + "', 'sv', "
              + request
              + ", '<in-flight.twice@ripieno>', 'sending', 1,"
              + " now() at time zone 'UTC' - interval '1 minute', now() at time zone 'UTC')");

      for (int pass = 0; pass < 4; pass++) {
        scenario.dueNow();
        Thread.sleep(1000);
      }

      Poll.until(
          WAIT,
          () ->
              scenario.count(
                      "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                          + " '<in-flight.twice@ripieno>' and status = 'sent' and attempts = 2")
                  == 1);
      long copies = 0;
      for (MimeMessage message : smtp.getReceivedMessages()) {
        copies += header(message, "Message-ID").equals("<in-flight.twice@ripieno>") ? 1 : 0;
      }
      assertThat(copies).isOne();
    }

    @Test
    void twoHundredMessagesArriveOnceEachUnderTheOrchestrasRate() throws Exception {
      int project = project();
      int need = need(project, 1, "sequential", "");
      send(first, project, need);
      awaitMail(need, 1, "request");
      int request =
          (int)
              scenario.count(
                  "select id from \"Request\" where \"projectNeedId\" = " + need + " limit 1");
      scenario.execute(
          "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
              + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\")"
              + " select 'confirmation', 'bulk' || n || '@example.org', 'sv', "
              + request
              + ", '<bulk-' || n || '.twice@ripieno>', 'queued', 0,"
              + " now() at time zone 'UTC', now() at time zone 'UTC'"
              + " from generate_series(1, 200) n");

      Poll.until(
          WAIT,
          () -> {
            scenario.dueNow();
            return scenario.count(
                    "select count(*) from \"OutboxMessage\" where \"messageId\" like"
                        + " '<bulk-%' and status = 'sent'")
                == 200;
          });

      Map<String, Integer> copies = new HashMap<>();
      for (MimeMessage message : smtp.getReceivedMessages()) {
        String id = header(message, "Message-ID");
        if (id.startsWith("<bulk-")) {
          copies.merge(id, 1, Integer::sum);
        }
      }
      assertThat(copies).hasSize(200);
      assertThat(copies.values()).containsOnly(1);
      assertThat(
              scenario.count(
                  "select count(*) from \"OutboxMessage\" where \"messageId\" like '<bulk-%'"
                      + " and attempts = 1"))
          .isEqualTo(200);
      // The orchestra's rate (50 a second here): 50 sends further on is a second later at least.
      List<String> sentAt =
          texts(
              "select (extract(epoch from \"sentAt\") * 1000)::bigint from \"OutboxMessage\""
                  + " where \"messageId\" like '<bulk-%' order by \"sentAt\"");
      for (int i = 0; i + 50 < sentAt.size(); i++) {
        long apart = Long.parseLong(sentAt.get(i + 50)) - Long.parseLong(sentAt.get(i));
        assertThat(apart).as("sends %d and %d", i, i + 50).isGreaterThanOrEqualTo(950);
      }
    }
  }

  // --- mail ---

  /**
   * Waits for the need's message of the kind to the musician of the rank to arrive, and returns it:
   * found by the Message-ID its outbox row holds.
   */
  private MimeMessage awaitMail(int need, int rank, String kind) throws Exception {
    Instant end = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(end)) {
      List<String> ids =
          texts(
              "select o.\"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                  + " o.\"requestId\" where r.\"projectNeedId\" = "
                  + need
                  + " and r.\"musicianId\" = "
                  + musician(rank)
                  + " and o.kind = '"
                  + kind
                  + "'");
      for (MimeMessage message : smtp.getReceivedMessages()) {
        if (ids.contains(header(message, "Message-ID"))) {
          assertThat(message.getAllRecipients()[0].toString()).isEqualTo(address(rank - 1));
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No " + kind + " mail to #" + rank + " within " + WAIT);
  }

  /**
   * Every message of the need was delivered exactly once (one mail per Message-ID in GreenMail,
   * sent after one attempt in the outbox), and of each kind there are as many as expected.
   */
  private void assertDeliveredOnce(int need, Map<String, Integer> expected) throws Exception {
    Poll.until(
        WAIT,
        () ->
            scenario.count(
                    "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id ="
                        + " o.\"requestId\" where r.\"projectNeedId\" = "
                        + need
                        + " and o.status <> 'sent'")
                == 0);
    Map<String, Integer> inOutbox = new HashMap<>();
    Map<String, Integer> inMailbox = new HashMap<>();
    Map<String, String> kindOf = new HashMap<>();
    for (String[] row :
        scenario.rows(
            "select o.\"messageId\", o.kind, o.attempts from \"OutboxMessage\" o join"
                + " \"Request\" r on r.id = o.\"requestId\" where r.\"projectNeedId\" = "
                + need)) {
      kindOf.put(row[0], row[1]);
      inOutbox.merge(row[1], 1, Integer::sum);
      assertThat(row[2]).as("attempts of " + row[0]).isEqualTo("1");
    }
    Set<String> seen = new HashSet<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String id = header(message, "Message-ID");
      if (kindOf.containsKey(id)) {
        assertThat(seen.add(id)).as(id + " delivered more than once").isTrue();
        inMailbox.merge(kindOf.get(id), 1, Integer::sum);
      }
    }
    assertThat(inOutbox).isEqualTo(expected);
    assertThat(inMailbox).isEqualTo(expected);
    assertThat(scenario.logs(need, "request_sent"))
        .isEqualTo((long) expected.getOrDefault("request", 0));
    assertThat(scenario.logs(need, "reminder_sent"))
        .isEqualTo((long) expected.getOrDefault("reminder", 0));
    assertThat(scenario.logs(need, "confirmation_sent"))
        .isEqualTo((long) expected.getOrDefault("confirmation", 0));
    assertThat(scenario.logs(need, "position_filled_sent"))
        .isEqualTo((long) expected.getOrDefault("position_filled", 0));
  }

  /** The token in the link of the mail's plain-text part. */
  private static String token(MimeMessage message) throws Exception {
    String text = part(message, "text/plain");
    String link = text.substring(text.indexOf(PUBLIC_URL + "/respond/")).split("\\s")[0];
    return link.substring(link.lastIndexOf('/') + 1);
  }

  private long fromCount(String from) {
    long count = 0;
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        if (message.getFrom()[0].toString().equals(from)) {
          count++;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return count;
  }

  // --- the musicians' answers ---

  /** Answers through the link, on the two instances by turns. */
  private JsonObject answer(String token, String response) throws Exception {
    RunningRipieno instance = answersGiven++ % 2 == 0 ? first : second;
    HttpResponse<String> answer = post(instance, token, response);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject body = RunningRipieno.json(answer);
    assertThat(body.getString("status")).isEqualTo(response);
    return body;
  }

  private static HttpResponse<String> post(RunningRipieno instance, String token, String response)
      throws Exception {
    return instance.send(
        "POST", "/api/public/responses/" + token, null, "{\"response\":\"" + response + "\"}");
  }

  // --- time ---

  /**
   * Moves the need's matching requests back in time (their tokens' deadlines with them), as the
   * passing of the interval would, and makes the orchestra's jobs due now, as that time would.
   */
  private void backDate(int need, String interval, String which) throws Exception {
    scenario.execute(
        "update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '"
            + interval
            + "' where \"requestId\" in (select id from \"Request\" where \"projectNeedId\" = "
            + need
            + " and "
            + which
            + "); update \"Request\" set \"sentAt\" = \"sentAt\" - interval '"
            + interval
            + "' where \"projectNeedId\" = "
            + need
            + " and "
            + which);
    scenario.dueNow();
  }

  // --- the admin ---

  private JsonObject preview(RunningRipieno instance, int project, int need) throws Exception {
    return scenario
        .on(instance)
        .ok("GET", "/projects/" + project + "/needs/" + need + "/preview", null, 200);
  }

  /** Sends the need; the musicians asked, in the order of the answer. */
  private List<Integer> send(RunningRipieno instance, int project, int need) throws Exception {
    return scenario
        .on(instance)
        .send(project, need)
        .getJsonArray("requests")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(r -> r.getInt("musicianId"))
        .toList();
  }

  /** Musician → status of the need's requests, from the request board. */
  private Map<Integer, String> board(int project, int need) throws Exception {
    Map<Integer, String> statuses = new LinkedHashMap<>();
    for (JsonObject entry :
        onSecond
            .ok("GET", "/projects/" + project + "/requests", null, 200)
            .getJsonArray("needs")
            .getValuesAs(JsonObject.class)) {
      if (entry.getJsonObject("need").getInt("id") == need) {
        for (JsonObject request : entry.getJsonArray("requests").getValuesAs(JsonObject.class)) {
          JsonObject row = request.getJsonObject("request");
          statuses.put(row.getInt("musicianId"), row.getString("status"));
        }
      }
    }
    return statuses;
  }

  private String needStatus(int project, int need) throws Exception {
    return scenario
        .ok("GET", "/projects/" + project + "/needs/" + need, null, 200)
        .getString("status");
  }

  /** A project in a week of its own. */
  private int project() throws Exception {
    return scenario.projectInItsOwnWeek("Dubbelvecka", LocalDate.of(2034, 1, 2));
  }

  private int need(int project, int quantity, String strategy, String extra) throws Exception {
    return onSecond.need(project, tutti, list, quantity, strategy, extra);
  }

  // --- helpers ---

  /** The musician at the rank (1-based) on the list. */
  private int musician(int rank) {
    return musicians.get(rank - 1);
  }

  /** The musicians of the ranks from–to, in rank order. */
  private List<Integer> ranks(int from, int to) {
    return musicians.subList(from - 1, to);
  }

  private static String address(int index) {
    return "vla" + (index + 1) + "@example.org";
  }

  private static String joined(List<Integer> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }

  private List<String> texts(String sql) throws Exception {
    return scenario.rows(sql).stream().map(row -> row[0]).toList();
  }
}
