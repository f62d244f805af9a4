package org.ripieno.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.launcher.EmbeddedDatabase;
import org.ripieno.orchestra.staffing.control.StaffingTimers;
import org.ripieno.security.control.SecurityComponents;
import org.ripieno.tenancy.CircuitBreaker;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.tenancy.RegistrySettings;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Fault drills through the running application (one boot of its own, since it closes its central
 * database): an orchestra on a second database server (the embedded PostgreSQL, registered as
 * orchestra server {@code second}) whose server stops, then restarts under load; an orchestra whose
 * pool is exhausted; and central refusing connections. Each call that needs the missing database
 * answers 503 with what is unavailable and a Retry-After within 5 s, later ones at once; everything
 * else is served; all recover without a restart, the work that fell due meanwhile catches up once,
 * and the log has one line per failure, not a stack trace per call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultDrillsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration FIRST_ANSWER = Duration.ofSeconds(5);
  private static final Duration LATER_ANSWER = Duration.ofSeconds(1);
  private static final String ORCHESTRA_UNAVAILABLE =
      "The orchestra's database is unavailable right now; please try again later.";
  private static final String PLATFORM_UNAVAILABLE =
      "The platform database is unavailable right now; please try again later.";
  private static final String BUSY =
      "The database is busy right now; please try again in a moment.";

  /** The excess calls of an exhausted pool are answered after the pool's wait, with a margin. */
  private static final Duration BUSY_ANSWER =
      RegistrySettings.DEFAULTS.maxWait().plus(Duration.ofSeconds(2));

  /**
   * How long after a server is back its orchestra may still be refused: the breaker's open time
   * after its last failed trial, and before that a trial that started while the server was still
   * down may have waited the pool's whole timeout. Every call started later must be served.
   */
  private static final Duration SETTLING =
      CircuitBreaker.OPEN_FOR.plus(RegistrySettings.DEFAULTS.maxWait());

  /** When the outage drill's work falls due: after the server is down, before the first checks. */
  private static final Duration DUE_IN = Duration.ofSeconds(6);

  private static final String DUE_IN_SQL = " interval '" + DUE_IN.toSeconds() + " seconds'";

  /** The reminder goes at this share of the response time (the default; the database has none). */
  private static final int REMINDER_PERCENTAGE = 75;

  private static final String ZERO = "drill0@example.org";
  private static final String ONE = "drill1@example.org";
  private static final String TWO = "drill2@example.org";
  private static final String QUEUED_MESSAGE_ID = "<due.during.outage@ripieno>";

  private static final Pattern STACK_FRAME =
      Pattern.compile("^\\s+at [\\w.$/]+\\(", Pattern.MULTILINE);

  /** Each record of the application's log (Payara's format) starts with its time. */
  private static final Pattern LOG_RECORD_START = Pattern.compile("\\n(?=\\[\\d{4}-)");

  private static final String HIKARI_BROKEN_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection";

  /**
   * pgjdbc's own record of a connection attempt that failed on its connection thread (the login
   * timeout's), written by the driver itself when the restart catches an attempt half-way.
   */
  private static final String PGJDBC_FAILED_ATTEMPT = "org.postgresql.core.ConnectionFactory";

  /** How ProblemMapper logs an unavailable database it answered for, when the log lacks it. */
  private static final String ANSWERED_LOG = "Answered 503:";

  private final Path embeddedHome = Path.of("target/it-data/fault-drills-pg");
  private EmbeddedDatabase.Started embedded;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private String onMachine;
  private String onSecond;
  private String adminOnSecond;
  private DatabaseLogin secondDatabase;
  private DatabaseLogin machineDatabase;
  private GreenMail smtp;

  @BeforeAll
  void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Files.createDirectories(embeddedHome);
    embedded = EmbeddedDatabase.open(embeddedHome);
    DatabaseLogin second =
        new DatabaseLogin(
            DatabaseAddress.parse(embedded.url()).withDatabase("postgres"),
            EmbeddedDatabase.USER,
            null,
            "ripieno:drill");
    fixture =
        PlatformFixture.start(
            "faultdrills",
            Map.of(
                "RIPIENO_ORCHESTRA_SERVERS_SECOND_URL",
                second.address().jdbcUrl(),
                "RIPIENO_ORCHESTRA_SERVERS_SECOND_USER",
                EmbeddedDatabase.USER,
                "RIPIENO_MAIL_SMTP_HOST",
                "127.0.0.1",
                "RIPIENO_MAIL_SMTP_PORT",
                String.valueOf(smtp.getSmtp().getPort()),
                "RIPIENO_MAIL_FROM",
                "staffing@ripieno.example.org",
                "RIPIENO_MAIL_RATE",
                "100",
                "RIPIENO_JOBS_INTERVAL",
                "PT1S",
                "RIPIENO_PUBLIC_URL",
                "https://ripieno.example.org"));
    ripieno = fixture.ripieno();

    machineDatabase = fixture.registerOrchestra("orch-mach", "drillmach", "På maskinen");
    String database = fixture.postgres().uniqueName("second");
    DatabaseLogin created = OrchestraDatabases.create(second, database, "orch-second");
    secondDatabase = created;
    try (Connection connection = fixture.central().connect()) {
      CentralOrchestraRows.on(connection)
          .register(
              new CentralOrchestraRows.Registration(
                  "orch-second",
                  "drillsecond",
                  "På andra servern",
                  "Contact",
                  "contact@example.org",
                  null,
                  "second",
                  created.address(),
                  null,
                  null,
                  null,
                  false));
    }
    fixture.createUser("drill-mach", "user", "orch-mach", "drill-mach-password");
    fixture.createUser("drill-second", "user", "orch-second", "drill-second-password");
    onMachine = fixture.login("drill-mach", "drill-mach-password");
    onSecond = fixture.login("drill-second", "drill-second-password");
    fixture.createUser("drill-second-admin", "admin", "orch-second", "drill-second-admin-pw");
    adminOnSecond = fixture.login("drill-second-admin", "drill-second-admin-pw");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (fixture != null) {
        allowCentral(true);
        fixture.close();
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      if (smtp != null) {
        smtp.stop();
      }
    }
  }

  @Test
  @Order(1)
  void anOrchestraWhoseServerStopsIsRefusedFastTheOthersAreServedAndItsDueWorkCatchesUpOnce()
      throws Exception {
    assertThat(projects("drillsecond", onSecond).statusCode()).isEqualTo(200);
    assertThat(projects("drillmach", onMachine).statusCode()).isEqualTo(200);

    // Two requests sent and delivered on the second server: Zero's (Viola, Zero then One on its
    // list) and Two's (Cello), each with a response time of one hour.
    Scenario scenario = sendTwoRequestsOnSecond();
    assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
    assertThat(mailsTo(ZERO)).isEqualTo(1);
    assertThat(mailsTo(TWO)).isEqualTo(1);

    // Set up by SQL before the outage (nothing is touched after it): Zero's request was sent an
    // hour ago less a few seconds, so it times out during the outage (its reminder went earlier
    // and is queued again for then); Two's was sent so that its reminder falls due then. The jobs
    // are told to look at that time, as a send does for its own due times.
    long setUp = System.nanoTime();
    onSecondDatabase(
        "update \"Request\" set \"sentAt\" = now() at time zone 'UTC' - interval '1 hour' +"
            + DUE_IN_SQL
            + ", \"reminderSentAt\" = now() at time zone 'UTC' - interval '15 minutes' where id = "
            + scenario.timingOut());
    onSecondDatabase(
        "update \"Request\" set \"sentAt\" = now() at time zone 'UTC' - interval '1 hour' * "
            + REMINDER_PERCENTAGE
            + " / 100 +"
            + DUE_IN_SQL
            + " where id = "
            + scenario.reminded());
    onSecondDatabase(
        "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
            + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
            + " ('reminder', '"
            + ZERO
            + "', 'sv', "
            + scenario.timingOut()
            + ", '"
            + QUEUED_MESSAGE_ID
            + "', 'queued', 0, now() at time zone 'UTC' +"
            + DUE_IN_SQL
            + ", now() at time zone 'UTC')");
    fixture.onCentral(
        "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC' +"
            + DUE_IN_SQL
            + " where id = 'orch-second'");

    long logBefore = Files.size(ripieno.log());
    embedded.close();
    Instant down = Instant.now();
    assertThat(Duration.ofNanos(System.nanoTime() - setUp))
        .as("the server stopped before the work fell due")
        .isLessThan(DUE_IN);
    Timed first = timed(() -> projects("drillsecond", onSecond));
    assertUnavailable(first, ORCHESTRA_UNAVAILABLE, FIRST_ANSWER);
    Timed later = timed(() -> projects("drillsecond", onSecond));
    assertUnavailable(later, ORCHESTRA_UNAVAILABLE, LATER_ANSWER);
    for (int i = 0; i < 3; i++) {
      assertThat(projects("drillmach", onMachine).statusCode()).isEqualTo(200);
    }

    // The job run that fell due meanwhile failed, and nothing was delivered.
    awaitTrue(
        () ->
            fixture
                    .postgres()
                    .queryLong(
                        fixture.central(),
                        "select count(*) from \"Orchestra\" where id = 'orch-second' and"
                            + " \"jobsLastResult\" like 'failed%'")
                == 1);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    // The failed attempt is one line in the log; refused calls and failed runs add no trace.
    assertOneLinePerFailureSince(logBefore, "The database of orchestra drillsecond on");

    embedded = EmbeddedDatabase.open(embeddedHome);
    Instant up = Instant.now();
    awaitStatus(() -> projects("drillsecond", onSecond), 200, Duration.ofSeconds(30));
    assertThat(projects("drillmach", onMachine).statusCode()).isEqualTo(200);

    // Everything catches up by itself (the jobs' backoff after the failed runs is at most about as
    // long as the outage was): Two's reminder enqueued once, after the outage, and delivered once;
    // Zero's request timed out once and One asked once in its place; the queued message sent once.
    awaitTrue(
        () ->
            mailsTo(TWO) == 2
                && mailsTo(ONE) == 1
                && messageIds().contains(QUEUED_MESSAGE_ID)
                && queryLong(
                        "select count(*) from \"Request\" where id = "
                            + scenario.timingOut()
                            + " and status = 'timed_out'")
                    == 1);
    System.out.printf(
        "Server down for %d ms; its work caught up %d ms after it was back%n",
        Duration.between(down, up).toMillis(), Duration.between(up, Instant.now()).toMillis());
    String remindedAt =
        fixture
            .postgres()
            .queryText(
                secondDatabase,
                "select to_char(\"reminderSentAt\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from"
                    + " \"Request\" where id = "
                    + scenario.reminded());
    assertThat(Instant.parse(remindedAt)).as("reminded after the outage began").isAfter(down);
    assertThat(
            queryLong(
                "select count(*) from \"OutboxMessage\" where kind = 'reminder' and"
                    + " \"requestId\" = "
                    + scenario.reminded()))
        .isEqualTo(1);
    assertThat(
            queryLong(
                "select count(*) from \"CommunicationLog\" where \"requestId\" = "
                    + scenario.timingOut()
                    + " and type = '"
                    + StaffingTimers.TIMED_OUT
                    + "'"))
        .isEqualTo(1);
    assertThat(
            queryLong(
                "select count(*) from \"Request\" where \"musicianId\" = "
                    + scenario.one()
                    + " and status = 'pending'"))
        .isEqualTo(1);
    assertThat(
            queryLong(
                "select count(*) from \"OutboxMessage\" where \"messageId\" = '"
                    + QUEUED_MESSAGE_ID
                    + "' and status = 'sent' and attempts = 1"))
        .isEqualTo(1);
    // A moment later still nothing more: no reminder, timeout or message twice.
    Thread.sleep(3_000);
    assertThat(mailsTo(ZERO)).as("Zero's request and the queued message").isEqualTo(2);
    assertThat(mailsTo(ONE)).isEqualTo(1);
    assertThat(mailsTo(TWO)).isEqualTo(2);
    assertThat(smtp.getReceivedMessages()).hasSize(5);
    assertThat(new HashSet<>(messageIds())).hasSize(5);
    assertThat(queryLong("select count(*) from \"Request\"")).isEqualTo(3);
  }

  @Test
  @Order(2)
  void aRestartUnderLoadFailsOnlyCallsDuringTheOutageAndEachFailureIsAClear503() throws Exception {
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    CountDownLatch warmedUp = new CountDownLatch(workers);
    List<Future<?>> loads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      loads.add(
          pool.submit(
              () -> {
                boolean served = false;
                while (running.get()) {
                  long at = System.nanoTime();
                  HttpResponse<String> answer = projects("drillsecond", onSecond);
                  outcomes.add(new Outcome(at, System.nanoTime(), answer));
                  if (answer.statusCode() == 200 && !served) {
                    served = true;
                    warmedUp.countDown();
                  } else if (answer.statusCode() != 200) {
                    Thread.sleep(50);
                  }
                }
                return null;
              }));
    }
    try {
      assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
      long logBefore = Files.size(ripieno.log());
      long down = System.nanoTime();
      embedded.close();
      // Down long enough for every worker to meet it, as a restart of a loaded server would be.
      Thread.sleep(2_000);
      embedded = EmbeddedDatabase.open(embeddedHome);
      long up = System.nanoTime();
      Thread.sleep(SETTLING.plusSeconds(4).toMillis());
      running.set(false);
      for (Future<?> load : loads) {
        load.get(30, TimeUnit.SECONDS);
      }

      List<Outcome> failures =
          outcomes.stream().filter(outcome -> outcome.answer().statusCode() != 200).toList();
      long settled = up + SETTLING.toNanos();
      long lastFailure = failures.stream().mapToLong(Outcome::at).max().orElse(down);
      System.out.printf(
          "Restart under load: down for %d ms, %d calls, %d refused, the last refusal started %d ms"
              + " after the server was back, %d served after the settling allowance%n",
          (up - down) / 1_000_000,
          outcomes.size(),
          failures.size(),
          (lastFailure - up) / 1_000_000,
          outcomes.stream()
              .filter(outcome -> outcome.at() > settled && outcome.answer().statusCode() == 200)
              .count());
      assertThat(failures).as("the outage was noticed").isNotEmpty();
      for (Outcome failure : failures) {
        assertUnavailable(new Timed(failure.answer(), Duration.ZERO), ORCHESTRA_UNAVAILABLE, WAIT);
        // A call in flight as the server stopped may fail with it; none failed before.
        assertThat(failure.end()).as("a refusal before the outage").isGreaterThan(down);
      }
      assertThat(failures)
          .as("refusals of calls started after the server was back and settled")
          .allSatisfy(failure -> assertThat(failure.at()).isLessThan(settled));
      assertThat(outcomes.stream().filter(outcome -> outcome.at() > settled))
          .as("calls after the server was back")
          .isNotEmpty()
          .allSatisfy(outcome -> assertThat(outcome.answer().statusCode()).isEqualTo(200));
      assertOneLinePerFailureSince(logBefore, "The database of orchestra drillsecond on");
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void anExhaustedPoolAnswersTheExcessBusyNeverHangsAndTheRestIsServed() throws Exception {
    int poolSize = RegistrySettings.DEFAULTS.maxPerOrchestra(); // the boot keeps the default
    int excess = 3;
    ExecutorService callers = Executors.newFixedThreadPool(poolSize + excess);
    try (Connection holder = machineDatabase.connect()) {
      // Every read of the orchestra's musicians now waits for the lock, holding its connection.
      holder.setAutoCommit(false);
      try (Statement lock = holder.createStatement()) {
        lock.execute("LOCK TABLE \"Musician\" IN ACCESS EXCLUSIVE MODE");
      }
      List<Future<Timed>> calls = new ArrayList<>();
      for (int i = 0; i < poolSize + excess; i++) {
        calls.add(callers.submit(() -> timed(() -> musicians("drillmach", onMachine))));
      }
      // The excess is refused as busy within the pool's wait, never left hanging.
      long deadline = System.nanoTime() + BUSY_ANSWER.toNanos();
      List<Timed> refused = new ArrayList<>();
      while (refused.size() < excess && System.nanoTime() < deadline) {
        Thread.sleep(100);
        refused = done(calls);
      }
      assertThat(refused).as("answered while the pool is held").hasSize(excess);
      for (Timed busy : refused) {
        assertThat(busy.response().statusCode()).as(busy.response().body()).isEqualTo(503);
        assertThat(RunningRipieno.json(busy.response()).getString("detail")).isEqualTo(BUSY);
        assertThat(busy.response().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(busy.took()).isLessThan(BUSY_ANSWER);
      }
      // Another orchestra is served meanwhile; this one's next call is refused as busy too.
      assertThat(musicians("drillsecond", onSecond).statusCode()).isEqualTo(200);
      Timed stillBusy = timed(() -> musicians("drillmach", onMachine));
      assertThat(stillBusy.response().statusCode()).isEqualTo(503);
      assertThat(RunningRipieno.json(stillBusy.response()).getString("detail")).isEqualTo(BUSY);
      assertThat(stillBusy.took()).isLessThan(BUSY_ANSWER);
      assertThat(calls.stream().filter(Future::isDone))
          .as("still waiting for the lock")
          .hasSize(excess);

      holder.rollback();
      for (Future<Timed> call : calls) {
        Timed answer = call.get(30, TimeUnit.SECONDS);
        if (!refused.contains(answer)) {
          assertThat(answer.response().statusCode()).as(answer.response().body()).isEqualTo(200);
        }
      }
    }
    List<Future<Timed>> after = new ArrayList<>();
    for (int i = 0; i < poolSize + excess; i++) {
      after.add(callers.submit(() -> timed(() -> musicians("drillmach", onMachine))));
    }
    for (Future<Timed> call : after) {
      Timed answer = call.get(30, TimeUnit.SECONDS);
      assertThat(answer.response().statusCode()).as(answer.response().body()).isEqualTo(200);
    }
    callers.shutdown();
  }

  @Test
  @Order(4)
  void whileCentralRefusesConnectionsReadinessIsDownCallsAre503AndItRecoversWithoutRestart()
      throws Exception {
    long logBefore = Files.size(ripieno.log());
    allowCentral(false);
    try {
      awaitStatus(() -> ripieno.get("/health/ready"), 503, FIRST_ANSWER.multipliedBy(2));
      // The account the last call read may still admit the next for ripieno.token.account-cache.
      Thread.sleep(SecurityComponents.DEFAULT_ACCOUNT_CACHE.toMillis());
      Timed call = timed(() -> projects("drillmach", onMachine));
      assertUnavailable(call, PLATFORM_UNAVAILABLE, FIRST_ANSWER);
      Timed again = timed(() -> projects("drillmach", onMachine));
      assertUnavailable(again, PLATFORM_UNAVAILABLE, LATER_ANSWER);
      // A public call (no token) that needs central says the same.
      Timed login =
          timed(
              () ->
                  ripieno.send(
                      "POST",
                      "/api/auth/login",
                      null,
                      "{\"username\":\"drill-mach\",\"password\":\"drill-mach-password\"}"));
      assertUnavailable(login, PLATFORM_UNAVAILABLE, FIRST_ANSWER);
      assertOneLinePerFailureSince(logBefore, "The central database");
    } finally {
      allowCentral(true);
    }
    awaitStatus(() -> ripieno.get("/health/ready"), 200, Duration.ofSeconds(30));
    awaitStatus(() -> projects("drillmach", onMachine), 200, Duration.ofSeconds(10));
    assertThat(projects("drillsecond", onSecond).statusCode()).isEqualTo(200);
  }

  /** The requests of the outage drill, and One, who is asked when Zero's request times out. */
  private record Scenario(int timingOut, int reminded, int one) {}

  /**
   * Viola (Zero, then One, on its list) and Cello (Two), a need of one each with a response time of
   * an hour, sent: Zero and Two are asked.
   */
  private Scenario sendTwoRequestsOnSecond() throws Exception {
    int viola = position("Viola");
    int cello = position("Cello");
    int zero = musician("Zero", ZERO, viola);
    int one = musician("One", ONE, viola);
    int two = musician("Two", TWO, cello);
    int violaList = rankingList(viola, zero, one);
    int celloList = rankingList(cello, two);
    int project =
        onSecond("POST", "/projects", "{\"name\":\"Avbrott\",\"startDate\":\"2034-03-06\"}")
            .getInt("id");
    for (int[] need : new int[][] {{viola, violaList}, {cello, celloList}}) {
      onSecond(
          "POST",
          "/projects/" + project + "/needs",
          "{\"positionId\":"
              + need[0]
              + ",\"quantity\":1,\"rankingListId\":"
              + need[1]
              + ",\"requestStrategy\":\"sequential\",\"responseTimeHours\":1}");
    }
    HttpResponse<String> sent =
        ripieno.send(
            "POST",
            "/api/orchestras/drillsecond/projects/" + project + "/send",
            adminOnSecond,
            "{}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(queryLong("select count(*) from \"Request\"")).isEqualTo(2);
    return new Scenario(requestOf(zero), requestOf(two), one);
  }

  private int position(String instrument) throws Exception {
    return onSecond(
            "POST",
            "/instruments",
            "{\"name\":\"" + instrument + "\",\"positions\":[{\"name\":\"Tutti\"}]}")
        .getJsonArray("positions")
        .getJsonObject(0)
        .getInt("id");
  }

  private int musician(String lastName, String email, int position) throws Exception {
    return onSecond(
            "POST",
            "/musicians",
            "{\"firstName\":\"Drill\",\"lastName\":\""
                + lastName
                + "\",\"email\":\""
                + email
                + "\",\"qualificationIds\":["
                + position
                + "]}")
        .getInt("id");
  }

  private int rankingList(int position, int... musicians) throws Exception {
    int list =
        onSecond("POST", "/ranking-lists", "{\"positionId\":" + position + ",\"listType\":\"A\"}")
            .getInt("id");
    for (int musician : musicians) {
      onSecond(
          "POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}");
    }
    return list;
  }

  private int requestOf(int musician) throws Exception {
    return (int) queryLong("select id from \"Request\" where \"musicianId\" = " + musician);
  }

  private long queryLong(String sql) throws Exception {
    return fixture.postgres().queryLong(secondDatabase, sql);
  }

  private int mailsTo(String address) throws Exception {
    int count = 0;
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      for (Address recipient : mail.getAllRecipients()) {
        if (recipient.toString().contains(address)) {
          count++;
        }
      }
    }
    return count;
  }

  private List<String> messageIds() {
    return Arrays.stream(smtp.getReceivedMessages()).map(DatabaseFaultDrillsIT::messageId).toList();
  }

  private JsonObject onSecond(String method, String path, String body) throws Exception {
    HttpResponse<String> answer =
        ripieno.send(method, "/api/orchestras/drillsecond" + path, adminOnSecond, body);
    assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(201);
    return RunningRipieno.json(answer);
  }

  private void onSecondDatabase(String sql) throws Exception {
    fixture.postgres().execute(secondDatabase, sql);
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getHeader("Message-ID")[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Condition condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT);
      }
      Thread.sleep(200);
    }
  }

  private void allowCentral(boolean allow) throws Exception {
    String name = fixture.central().address().database();
    fixture.postgres().execute("ALTER DATABASE \"" + name + "\" WITH ALLOW_CONNECTIONS " + allow);
    if (!allow) {
      fixture
          .postgres()
          .execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                  + name
                  + "' AND pid <> pg_backend_pid()");
    }
  }

  private HttpResponse<String> projects(String subdomain, String token) throws Exception {
    return ripieno.send("GET", "/api/orchestras/" + subdomain + "/projects", token, null);
  }

  private HttpResponse<String> musicians(String subdomain, String token) throws Exception {
    return ripieno.send("GET", "/api/orchestras/" + subdomain + "/musicians", token, null);
  }

  /** One call of the load: when it started and ended, and its answer. */
  private record Outcome(long at, long end, HttpResponse<String> answer) {}

  private static List<Timed> done(List<Future<Timed>> calls) throws Exception {
    List<Timed> done = new ArrayList<>();
    for (Future<Timed> call : calls) {
      if (call.isDone()) {
        done.add(call.get());
      }
    }
    return done;
  }

  /**
   * The application's log since {@code offset} says that the database cannot be reached ({@code
   * detected}, the one line per failed attempt) and holds no stack trace and no line per answered
   * call: neither EclipseLink, nor the answers, nor the jobs repeat the chain of causes for every
   * call or run that meets the outage. The drivers' own records keep their traces: HikariCP's of a
   * connection that broke as the server went away (at most one per pooled connection, once), and
   * pgjdbc's of an attempt the restart caught half-way.
   */
  private void assertOneLinePerFailureSince(long offset, String detected) throws Exception {
    String written;
    try (var log = Files.newInputStream(ripieno.log())) {
      log.skipNBytes(offset);
      written = new String(log.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> records = List.of(LOG_RECORD_START.split(written));
    assertThat(records).anySatisfy(record -> assertThat(record).contains(detected));
    assertThat(
            records.stream()
                .filter(record -> STACK_FRAME.matcher(record).find())
                .filter(record -> !loggedBy(record, HIKARI_BROKEN_CONNECTION))
                .filter(record -> !loggedBy(record, PGJDBC_FAILED_ATTEMPT))
                .map(record -> record.lines().limit(3).collect(Collectors.joining("\n"))))
        .as("records with a stack trace in " + ripieno.log())
        .isEmpty();
    assertThat(records.stream().filter(record -> record.contains(ANSWERED_LOG)))
        .as("a line per answered call")
        .isEmpty();
  }

  /**
   * Whether the record was written by that logger: its name in the logger field of the record's
   * first line ({@code [logger]}, colour codes allowed), not merely a frame of its stack trace.
   */
  private static boolean loggedBy(String record, String logger) {
    String firstLine = record.lines().findFirst().orElse("");
    return Pattern.compile(
            "\\[(?:\\e\\[[0-9;]*m)?" + Pattern.quote(logger) + "(?:\\e\\[[0-9;]*m)?\\]")
        .matcher(firstLine)
        .find();
  }

  private static void assertUnavailable(Timed call, String detail, Duration within) {
    assertThat(call.response().statusCode()).as(call.response().body()).isEqualTo(503);
    assertThat(call.response().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(RunningRipieno.json(call.response()).getString("detail")).isEqualTo(detail);
    assertThat(call.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(call.took()).isLessThan(within);
  }

  private interface Call {
    HttpResponse<String> send() throws Exception;
  }

  private record Timed(HttpResponse<String> response, Duration took) {}

  private static Timed timed(Call call) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = call.send();
    return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void awaitStatus(Call call, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = call.send();
    while (last.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = call.send();
    }
    assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
  }
}
