package org.ripieno.orchestra.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.orchestra.staffing.control.MessageLeases;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.Poll;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.StaffingScenario;

/**
 * The application killed (SIGKILL) in the middle of sending a project's requests, again in the
 * middle of delivering them, and again while its jobs time out twenty requests and ask the next
 * musicians; each time another instance starts on the same databases (as a restart would). Sending,
 * timeouts and delivery go on by themselves once the dead instance's claim and lease run out (short
 * ones here, from the environment; no row is touched for it), and each part ends by counting: every
 * musician asked once, every request with one outbox message, every message delivered, and only the
 * one in flight at the kill delivered twice, with the same Message-ID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillDrillIT {

  private static final String ORCHESTRA = "orch-kill";
  private static final String BASE = "/api/orchestras/killdrill";
  private static final int MUSICIANS = 6;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The dead instance's claim on the orchestra's jobs runs out after this. */
  private static final Duration CLAIM = Duration.ofSeconds(6);

  /**
   * Each SMTP step's timeout: a send ends within six of them, a message's lease five seconds on.
   */
  private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(2);

  /**
   * A restarted instance has resumed within the dead one's claim and message lease (both may have
   * run out while it started), a jobs interval and a few seconds of work.
   */
  private static final Duration RESUME =
      CLAIM.plus(MessageLeases.of(MAIL_TIMEOUT).mail()).plusSeconds(10);

  /** Sequential needs whose first requests all time out in one run of the jobs. */
  private static final int NEEDS = 20;

  private GreenMail smtp;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;

  /** The orchestra as its admin calls it on the instance running now; its database. */
  private StaffingScenario scenario;

  private String admin;
  private final Set<Integer> musicians = new HashSet<>();

  @BeforeAll
  void start() throws Exception {
    smtp = LocalMailServer.startOnAFreePort();
    // One mail a second: delivery takes long enough to be killed in the middle of it.
    Map<String, String> environment =
        LocalMailServer.environment(
            smtp, "staffing@ripieno.example.org", 1, "https://ripieno.example.org");
    // Short claims and leases, so the drill sees them run out by themselves within seconds.
    environment.put("RIPIENO_JOBS_CLAIM", CLAIM.toString());
    environment.put("RIPIENO_MAIL_TIMEOUT", MAIL_TIMEOUT.toString());
    environment.put("RIPIENO_MAIL_BACKOFF", "PT1S");
    // Instances started after a kill must accept the same tokens and read the same secrets.
    environment.putAll(PlatformFixture.sharedKeys());
    fixture = PlatformFixture.start("killdrill", environment);
    ripieno = fixture.ripieno();
    scenario =
        StaffingScenario.register(
            fixture, ORCHESTRA, "killdrill", "Avbrottsorkestern", "kill-admin");
    admin = scenario.admin();
  }

  @AfterAll
  void stop() throws Exception {
    LocalMailServer.stopAfterTheApplication(fixture, smtp);
  }

  @Test
  void killedWhileSendingAndWhileDeliveringEveryRequestOnceEveryMessageDeliveredNoneLost()
      throws Exception {
    int tutti =
        scenario.instrument("{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}").get(0);
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < MUSICIANS; i++) {
      ranked.add(
          scenario.musician(
              "{\"firstName\":\"Kill"
                  + i
                  + "\",\"lastName\":\"Drill\",\"email\":\"kill"
                  + i
                  + "@example.org\",\"qualificationIds\":["
                  + tutti
                  + "]}"));
    }
    musicians.addAll(ranked);
    int list = scenario.rankingList(tutti, "A", ranked);
    int project =
        scenario
            .ok("POST", "/projects", "{\"name\":\"Avbrott\",\"startDate\":\"2034-03-06\"}", 201)
            .getInt("id");
    int need = scenario.need(project, tutti, list, MUSICIANS, "parallel", "");

    // 1. Killed in the middle of sending: the send is under way when the process dies.
    CompletableFuture<Integer> sending =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ripieno
                    .send("POST", BASE + "/projects/" + project + "/send", admin, "{}")
                    .statusCode();
              } catch (Exception e) {
                return -1;
              }
            });
    Thread.sleep(20);
    ripieno.kill();
    Integer firstSend = sending.get();
    long afterKill = requests(need);
    System.out.printf(
        "Killed while sending: the send answered %d, %d requests committed%n",
        firstSend, afterKill);
    // One transaction: all of the send or nothing of it.
    assertThat(afterKill).isIn(0L, (long) MUSICIANS);

    ripieno = fixture.startAnotherInstance("killdrill-b", Map.of());
    scenario = scenario.on(ripieno);
    // The manager, who got no answer, sends again: only what is still missing goes.
    HttpResponse<String> again =
        ripieno.send("POST", BASE + "/projects/" + project + "/send", admin, "{}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(requests(need)).isEqualTo(MUSICIANS);
    assertEveryMusicianAskedOnceWithOneMessage(need);

    // 2. Killed in the middle of delivering: some mails out, the rest not yet.
    Poll.until(WAIT, Duration.ofMillis(100), () -> smtp.getReceivedMessages().length >= 2);
    ripieno.kill();
    int deliveredBeforeKill = smtp.getReceivedMessages().length;
    Set<String> inFlight =
        texts(
            "select \"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                + " o.\"requestId\" where r.\"projectNeedId\" = "
                + need
                + " and o.status = 'sending'");
    System.out.printf(
        "Killed while delivering: %d of %d delivered, in flight %s%n",
        deliveredBeforeKill, MUSICIANS, inFlight);
    assertThat(deliveredBeforeKill).as("killed in the middle").isLessThan(MUSICIANS);
    assertThat(inFlight).as("only the message in flight is held").hasSizeLessThanOrEqualTo(1);

    long killedAt = System.nanoTime();
    // The next instance mails faster: the third part has forty requests to deliver.
    ripieno = fixture.startAnotherInstance("killdrill-c", Map.of("RIPIENO_MAIL_RATE", "20"));
    scenario = scenario.on(ripieno);
    long readyAt = System.nanoTime();
    // The dead instance's claim on the orchestra's jobs and the lease of the message it had in
    // flight run out by themselves; nothing here moves them.
    Poll.until(WAIT, Duration.ofMillis(100), () -> outbox(need, "sent") == MUSICIANS);
    long resumed = System.nanoTime() - readyAt;
    System.out.printf(
        "Delivery resumed by itself: the new instance ready %d ms after the kill, all delivered %d"
            + " ms after that (claim %s, mail lease %s)%n",
        millis(readyAt - killedAt), millis(resumed), CLAIM, MessageLeases.of(MAIL_TIMEOUT).mail());
    assertThat(Duration.ofNanos(resumed)).as("within claim + lease").isLessThan(RESUME);

    // The count: every message enqueued once and delivered at least once; a repeat only of the
    // one in flight, with its Message-ID.
    assertEveryMusicianAskedOnceWithOneMessage(need);
    Set<String> enqueued =
        texts(
            "select \"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                + " o.\"requestId\" where r.\"projectNeedId\" = "
                + need);
    Map<String, Long> received = new HashMap<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      received.merge(mail.getHeader("Message-ID")[0], 1L, Long::sum);
    }
    assertThat(received.keySet()).isEqualTo(enqueued);
    Set<String> repeated =
        received.entrySet().stream()
            .filter(entry -> entry.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(received.values()).allSatisfy(times -> assertThat(times).isLessThanOrEqualTo(2));
    assertThat(inFlight).containsAll(repeated);

    killedWhileTimingOutEveryNeedsNextMusicianAskedOnce();
  }

  /**
   * 3. Killed while the jobs time out the first requests of twenty sequential needs and ask each
   * need's next musician, each timeout in a transaction of its own: some done, the rest not.
   */
  private void killedWhileTimingOutEveryNeedsNextMusicianAskedOnce() throws Exception {
    StringBuilder positions = new StringBuilder();
    for (int i = 0; i < NEEDS; i++) {
      positions.append(i == 0 ? "" : ",").append("{\"name\":\"Stämma ").append(i).append("\"}");
    }
    List<Integer> created =
        scenario.instrument("{\"name\":\"Violin\",\"positions\":[" + positions + "]}");
    int project =
        scenario
            .ok("POST", "/projects", "{\"name\":\"Tidsgräns\",\"startDate\":\"2034-04-10\"}", 201)
            .getInt("id");
    Map<Integer, List<Integer>> rankedPerNeed = new HashMap<>();
    for (int i = 0; i < NEEDS; i++) {
      int position = created.get(i);
      List<Integer> ranked = new ArrayList<>();
      for (int rank = 1; rank <= 2; rank++) {
        ranked.add(
            scenario.musician(
                "{\"firstName\":\"Tid"
                    + i
                    + "\",\"lastName\":\"Rank"
                    + rank
                    + "\",\"email\":\"time"
                    + i
                    + "-"
                    + rank
                    + "@example.org\",\"qualificationIds\":["
                    + position
                    + "]}"));
      }
      int list = scenario.rankingList(position, "A", ranked);
      int need =
          scenario.need(project, position, list, 1, "sequential", ",\"responseTimeHours\":1");
      rankedPerNeed.put(need, ranked);
    }
    String needs =
        rankedPerNeed.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
    scenario.ok("POST", "/projects/" + project + "/send", "{}", 200);
    Poll.until(WAIT, Duration.ofMillis(100), () -> messages(needs, "request", "sent") == NEEDS);

    // An hour passes for the twenty requests (their deadlines with them), and with it the
    // orchestra's due time, which was their reminders' time: the jobs' next pass times them out.
    scenario.execute(
        "update \"RequestToken\" set \"expiresAt\" = \"expiresAt\" - interval '1 hour' where"
            + " \"requestId\" in (select id from \"Request\" where \"projectNeedId\" in ("
            + needs
            + ")); update \"Request\" set \"sentAt\" = \"sentAt\" - interval '1 hour' where"
            + " \"projectNeedId\" in ("
            + needs
            + ")");
    fixture.onCentral(
        "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC' where id = '"
            + ORCHESTRA
            + "'");
    String timedOut =
        "select count(*) from \"Request\" where status = 'timed_out' and \"projectNeedId\" in ("
            + needs
            + ")";
    try (Connection connection = scenario.database().connect();
        Statement statement = connection.createStatement()) {
      Poll.until(WAIT, Duration.ofMillis(2), () -> single(statement, timedOut) > 0);
    }
    ripieno.kill();
    long killedAt = System.nanoTime();
    long timedOutAtKill = scenario.count(timedOut);
    Set<String> inFlight =
        texts(
            "select o.\"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                + " o.\"requestId\" where r.\"projectNeedId\" in ("
                + needs
                + ") and o.status = 'sending'");
    System.out.printf(
        "Killed while timing out: %d of %d timed out and replaced, in flight %s%n",
        timedOutAtKill, NEEDS, inFlight);
    assertThat(timedOutAtKill).as("killed in the middle of the timeouts").isLessThan(NEEDS);

    ripieno = fixture.startAnotherInstance("killdrill-d", Map.of("RIPIENO_MAIL_RATE", "20"));
    scenario = scenario.on(ripieno);
    long readyAt = System.nanoTime();
    Poll.until(
        WAIT, Duration.ofMillis(100), () -> messages(needs, "request", "sent") == 2L * NEEDS);
    long resumed = System.nanoTime() - readyAt;
    System.out.printf(
        "Timeouts and delivery resumed by themselves: the new instance ready %d ms after the kill,"
            + " every next musician asked and mailed %d ms after that%n",
        millis(readyAt - killedAt), millis(resumed));
    assertThat(Duration.ofNanos(resumed)).as("within claim + lease").isLessThan(RESUME);

    // The count: each need's first musician timed out once, its next asked once, one request mail
    // each, all delivered, a repeat only of what was in flight.
    for (Map.Entry<Integer, List<Integer>> need : rankedPerNeed.entrySet()) {
      Map<Integer, String> statuses = new HashMap<>();
      try (Connection connection = scenario.database().connect();
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "select \"musicianId\", status from \"Request\" where \"projectNeedId\" = "
                      + need.getKey())) {
        while (result.next()) {
          assertThat(statuses.put(result.getInt(1), result.getString(2)))
              .as("one request per musician")
              .isNull();
        }
      }
      assertThat(statuses)
          .as("need %d", need.getKey())
          .isEqualTo(
              Map.of(need.getValue().get(0), "timed_out", need.getValue().get(1), "pending"));
    }
    assertThat(
            scenario.count(
                "select count(*) from \"CommunicationLog\" l join \"Request\" r on r.id ="
                    + " l.\"requestId\" where l.type = 'request_timed_out' and r.\"projectNeedId\""
                    + " in ("
                    + needs
                    + ")"))
        .as("every timeout once")
        .isEqualTo(NEEDS);
    Map<Integer, Long> perRequest =
        grouped(
            "select r.id, count(o.id) from \"Request\" r left join \"OutboxMessage\" o on"
                + " o.\"requestId\" = r.id and o.kind = 'request' where r.\"projectNeedId\" in ("
                + needs
                + ") group by r.id");
    assertThat(perRequest).hasSize(2 * NEEDS);
    assertThat(perRequest.values()).as("one request mail per request").containsOnly(1L);
    Set<String> enqueued =
        texts(
            "select o.\"messageId\" from \"OutboxMessage\" o join \"Request\" r on r.id ="
                + " o.\"requestId\" where o.kind = 'request' and r.\"projectNeedId\" in ("
                + needs
                + ")");
    Map<String, Long> received = new HashMap<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      String id = mail.getHeader("Message-ID")[0];
      if (enqueued.contains(id)) {
        received.merge(id, 1L, Long::sum);
      }
    }
    assertThat(received.keySet()).isEqualTo(enqueued);
    received.forEach(
        (id, times) -> {
          if (times > 1) {
            assertThat(inFlight).as("repeated %s", id).contains(id);
          }
          assertThat(times).isLessThanOrEqualTo(2);
        });
  }

  private long messages(String needs, String kind, String status) throws Exception {
    return scenario.count(
        "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id = o.\"requestId\""
            + " where r.\"projectNeedId\" in ("
            + needs
            + ") and o.kind = '"
            + kind
            + "' and o.status = '"
            + status
            + "'");
  }

  private static long single(Statement statement, String sql) throws Exception {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  private void assertEveryMusicianAskedOnceWithOneMessage(int need) throws Exception {
    Map<Integer, Long> perMusician =
        grouped(
            "select \"musicianId\", count(*) from \"Request\" where \"projectNeedId\" = "
                + need
                + " group by \"musicianId\"");
    assertThat(perMusician.keySet()).isEqualTo(musicians);
    assertThat(perMusician.values()).containsOnly(1L);
    Map<Integer, Long> perRequest =
        grouped(
            "select r.id, count(o.id) from \"Request\" r left join \"OutboxMessage\" o on"
                + " o.\"requestId\" = r.id and o.kind = 'request' where r.\"projectNeedId\" = "
                + need
                + " group by r.id");
    assertThat(perRequest).hasSize(MUSICIANS);
    assertThat(perRequest.values()).containsOnly(1L);
  }

  private long requests(int need) throws Exception {
    return scenario.count("select count(*) from \"Request\" where \"projectNeedId\" = " + need);
  }

  private long outbox(int need, String status) throws Exception {
    return scenario.count(
        "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id = o.\"requestId\""
            + " where r.\"projectNeedId\" = "
            + need
            + " and o.kind = 'request' and o.status = '"
            + status
            + "'");
  }

  private Set<String> texts(String sql) throws Exception {
    Set<String> values = new HashSet<>();
    try (Connection connection = scenario.database().connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        values.add(result.getString(1));
      }
    }
    return values;
  }

  private Map<Integer, Long> grouped(String sql) throws Exception {
    Map<Integer, Long> values = new HashMap<>();
    try (Connection connection = scenario.database().connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        values.put(result.getInt(1), result.getLong(2));
      }
    }
    return values;
  }
}
