package org.ripieno.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.launcher.EmbeddedDatabase;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Fault drills through the running application (one boot of its own, since it closes its central
 * database): an orchestra on a second database server (the embedded PostgreSQL, registered as
 * orchestra server {@code second}) whose server stops, and central refusing connections. Each call
 * that needs the missing database answers 503 with what is unavailable and a Retry-After within 5
 * s, later ones at once; everything else is served; both recover without a restart.
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

  private final Path embeddedHome = Path.of("target/it-data/fault-drills-pg");
  private EmbeddedDatabase.Started embedded;
  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private String onMachine;
  private String onSecond;
  private String adminOnSecond;
  private DatabaseLogin secondDatabase;
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

    fixture.registerOrchestra("orch-mach", "drillmach", "På maskinen");
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
  void anOrchestraWhoseServerStopsIsRefusedFastTheOthersAreServedAndItRecoversByItself()
      throws Exception {
    assertThat(projects("drillsecond", onSecond).statusCode()).isEqualTo(200);
    assertThat(projects("drillmach", onMachine).statusCode()).isEqualTo(200);

    // A request sent and delivered on the second server, and a message for it that falls due
    // while the server is down.
    int request = sendOneRequestOnSecond();
    assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
    onSecondDatabase(
        "insert into \"OutboxMessage\" (kind, recipient, language, \"requestId\","
            + " \"messageId\", status, attempts, \"nextAttemptAt\", \"createdAt\") values"
            + " ('reminder', 'drill0@example.org', 'sv', "
            + request
            + ", '<due.during.outage@ripieno>', 'queued', 0, now() at time zone 'UTC' + interval"
            + " '2 seconds', now() at time zone 'UTC')");
    fixture.onCentral(
        "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC' + interval '2"
            + " seconds' where id = 'orch-second'");

    embedded.close();
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
    assertThat(smtp.getReceivedMessages()).hasSize(1);

    embedded = EmbeddedDatabase.open(embeddedHome);
    awaitStatus(() -> projects("drillsecond", onSecond), 200, Duration.ofSeconds(30));
    assertThat(projects("drillmach", onMachine).statusCode()).isEqualTo(200);

    // The message catches up by itself, once.
    awaitTrue(
        () ->
            fixture
                    .postgres()
                    .queryLong(
                        secondDatabase,
                        "select count(*) from \"OutboxMessage\" where \"messageId\" ="
                            + " '<due.during.outage@ripieno>' and status = 'sent' and attempts ="
                            + " 1")
                == 1);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(
            Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> messageId(mail).equals("<due.during.outage@ripieno>")))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void whileCentralRefusesConnectionsReadinessIsDownCallsAre503AndItRecoversWithoutRestart()
      throws Exception {
    allowCentral(false);
    try {
      awaitStatus(() -> ripieno.get("/health/ready"), 503, FIRST_ANSWER.multipliedBy(2));
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
    } finally {
      allowCentral(true);
    }
    awaitStatus(() -> ripieno.get("/health/ready"), 200, Duration.ofSeconds(30));
    awaitStatus(() -> projects("drillmach", onMachine), 200, Duration.ofSeconds(10));
    assertThat(projects("drillsecond", onSecond).statusCode()).isEqualTo(200);
  }

  /** One musician, one need of one, sent: returns the request's id. */
  private int sendOneRequestOnSecond() throws Exception {
    int tutti =
        onSecond(
                "POST", "/instruments", "{\"name\":\"Viola\",\"positions\":[{\"name\":\"Tutti\"}]}")
            .getJsonArray("positions")
            .getJsonObject(0)
            .getInt("id");
    int musician =
        onSecond(
                "POST",
                "/musicians",
                "{\"firstName\":\"Drill\",\"lastName\":\"Zero\",\"email\":\"drill0@example.org\","
                    + "\"qualificationIds\":["
                    + tutti
                    + "]}")
            .getInt("id");
    int list =
        onSecond("POST", "/ranking-lists", "{\"positionId\":" + tutti + ",\"listType\":\"A\"}")
            .getInt("id");
    onSecond("POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}");
    int project =
        onSecond("POST", "/projects", "{\"name\":\"Avbrott\",\"startDate\":\"2034-03-06\"}")
            .getInt("id");
    onSecond(
        "POST",
        "/projects/" + project + "/needs",
        "{\"positionId\":"
            + tutti
            + ",\"quantity\":1,\"rankingListId\":"
            + list
            + ",\"requestStrategy\":\"sequential\"}");
    HttpResponse<String> sent =
        ripieno.send(
            "POST",
            "/api/orchestras/drillsecond/projects/" + project + "/send",
            adminOnSecond,
            "{}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    return RunningRipieno.json(sent).getJsonArray("requests").getJsonObject(0).getInt("id");
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
