package org.ripieno.bench;

import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.TestPostgres;

/**
 * Figure 6, the staffing engine: (a) the jobs' pass over many orchestras of which some have work
 * due, and (b) a musician's answer through the public link → the next musician's request in the
 * outbox.
 */
final class StaffingFigures {

  private static final int ANSWERS = Integer.getInteger("bench.answers", 50);
  private static final int WARM_UP_ANSWERS = 5;
  private static final Duration SWEEP_LIMIT = Duration.ofMinutes(10);

  /**
   * The sweep instance's {@code ripieno.mail.rate} per orchestra: the deployment's default, or e.g.
   * {@code 0} (unlimited) to see what the waits for a send slot cost.
   */
  private static final String SWEEP_MAIL_RATE = System.getProperty("bench.sweep-mail-rate", "2");

  private StaffingFigures() {}

  // ---- 6a: the jobs' pass over many orchestras, work due in one in ten ----

  /**
   * Work that falls due in one orchestra, inserted by SQL as if time had passed: a sequential need
   * whose musician was asked 25 hours ago and reminded 7 hours ago (its 24 hours are over: it times
   * out and the next musician is asked) and another whose musician was asked 20 hours ago (past 75
   * %: reminded). Codes outside the {@code REQ###} pattern, so the engine's own numbering does not
   * collide with them.
   */
  static final String DUE_WORK =
      """
      INSERT INTO "Instrument" ("instrumentId", "name", "displayOrder") VALUES ('INST-B1', 'Viola', 1);
      INSERT INTO "Position" ("positionId", "instrumentId", "name", "hierarchyLevel")
        SELECT 'POS-B1', id, 'Tutti', 1 FROM "Instrument" WHERE "instrumentId" = 'INST-B1';
      INSERT INTO "Musician" ("musicianId", "firstName", "lastName", "email", "updatedAt")
        SELECT 'MUS-B' || g, 'Viola' || g, 'Bänk', 'sweep-viola' || g || '@example.org',
               now() AT TIME ZONE 'UTC' FROM generate_series(1, 4) g;
      INSERT INTO "MusicianQualification" ("musicianId", "positionId")
        SELECT m.id, p.id FROM "Musician" m, "Position" p
        WHERE m."musicianId" LIKE 'MUS-B%' AND p."positionId" = 'POS-B1';
      INSERT INTO "RankingList" ("rankingListId", "positionId", "listType")
        SELECT 'RANK-B1', id, 'A' FROM "Position" WHERE "positionId" = 'POS-B1';
      INSERT INTO "Ranking" ("rankingId", "listId", "musicianId", "rank")
        SELECT 'RNK-' || m."musicianId", l.id, m.id, substring(m."musicianId" FROM 6)::int
        FROM "Musician" m, "RankingList" l
        WHERE m."musicianId" LIKE 'MUS-B%' AND l."rankingListId" = 'RANK-B1';
      INSERT INTO "Project" ("projectId", "name", "startDate", "weekNumber", "updatedAt")
        VALUES ('PROJ-B1', 'Svepet', (now() AT TIME ZONE 'UTC') + interval '6 weeks',
                extract(week FROM now() + interval '6 weeks')::int, now() AT TIME ZONE 'UTC');
      INSERT INTO "ProjectNeed" ("projectNeedId", "projectId", "positionId", "quantity",
                                 "rankingListId", "requestStrategy", "responseTimeHours")
        SELECT code, pr.id, po.id, 1, l.id, 'sequential', 24
        FROM (VALUES ('NEED-B1'), ('NEED-B2')) AS needs(code), "Project" pr, "Position" po,
             "RankingList" l
        WHERE pr."projectId" = 'PROJ-B1' AND po."positionId" = 'POS-B1'
          AND l."rankingListId" = 'RANK-B1';
      INSERT INTO "Request" ("requestId", "projectNeedId", "musicianId", "status", "sentAt",
                             "reminderSentAt")
        SELECT 'REQ-B1', n.id, m.id, 'pending', (now() AT TIME ZONE 'UTC') - interval '25 hours',
               (now() AT TIME ZONE 'UTC') - interval '7 hours'
        FROM "ProjectNeed" n, "Musician" m
        WHERE n."projectNeedId" = 'NEED-B1' AND m."musicianId" = 'MUS-B1';
      INSERT INTO "Request" ("requestId", "projectNeedId", "musicianId", "status", "sentAt")
        SELECT 'REQ-B2', n.id, m.id, 'pending', (now() AT TIME ZONE 'UTC') - interval '20 hours'
        FROM "ProjectNeed" n, "Musician" m
        WHERE n."projectNeedId" = 'NEED-B2' AND m."musicianId" = 'MUS-B4';
      INSERT INTO "RequestToken" ("token", "requestId", "expiresAt")
        SELECT 'bench.' || "requestId", id, "sentAt" + interval '24 hours' FROM "Request"
        WHERE "requestId" IN ('REQ-B1', 'REQ-B2');
      """;

  private static final Pattern RESULT =
      Pattern.compile("ok: \\d+ reminders, \\d+ timeouts, \\d+ delivered");

  /**
   * {@code orchestras} orchestra databases registered in central, clones of a migrated one; one in
   * ten a clone of one with {@link #DUE_WORK}. Their central due time is set to now in one update,
   * as the passing time would have made it due, and the pass (every second) is timed until the last
   * of them has recorded a run that left nothing due within the hour (a run whose second mail waits
   * for the orchestra's rate ends before it, and the orchestra runs again at its send slot); the
   * others must not have run at all. What was done is counted in the orchestras' databases, as an
   * orchestra's work may be spread over more than one run. The instance has the defaults of a
   * deployment (2 workers, a mail rate of 2 a second per orchestra) and delivers to a local SMTP
   * server, so each orchestra's reminder and replacement request are sent.
   */
  static void sweep(
      TestPostgres postgres, DatabaseAddress server, BenchReport report, int orchestras)
      throws Exception {
    int dueCount = Math.max(1, orchestras / 10);
    System.out.println(
        "Figure 6a: the jobs' pass over " + orchestras + " orchestras, work due in " + dueCount);
    String prefix = postgres.runPrefix() + "s_";
    GreenMail smtp = LocalMailServer.startOnAFreePort();
    try (BenchApp app =
        new BenchApp(
            postgres,
            "s",
            server,
            server,
            Map.of(
                "RIPIENO_PROVISIONING_DATABASE_PREFIX",
                prefix,
                "RIPIENO_JOBS_INTERVAL",
                "PT1S",
                "RIPIENO_MAIL_SMTP_HOST",
                "127.0.0.1",
                "RIPIENO_MAIL_SMTP_PORT",
                String.valueOf(smtp.getSmtp().getPort()),
                "RIPIENO_MAIL_FROM",
                "staffing@ripieno.example.org",
                "RIPIENO_MAIL_RATE",
                SWEEP_MAIL_RATE))) {
      DatabaseLogin idle = postgres.createEmpty("s_idle_template");
      Migrations.migrate(idle.dataSource(), DatabaseKind.ORCHESTRA);
      DatabaseLogin busy = postgres.createEmpty("s_busy_template");
      Migrations.migrate(busy.dataSource(), DatabaseKind.ORCHESTRA);
      postgres.execute(busy, DUE_WORK);
      List<String> due = new ArrayList<>();
      for (int i = 0; i < orchestras; i += orchestras / dueCount) {
        if (due.size() < dueCount) {
          due.add("sweep-" + i);
        }
      }
      Map<String, DatabaseLogin> dueDatabases = new java.util.concurrent.ConcurrentHashMap<>();
      long cloning = System.nanoTime();
      RipienoBenchmark.inParallel(
          orchestras,
          i -> {
            String id = "sweep-" + i;
            String subdomain = String.format("sweep%04d", i);
            String name = postgres.uniqueName("s_" + subdomain);
            DatabaseLogin template = due.contains(id) ? busy : idle;
            postgres.execute(
                "CREATE DATABASE \""
                    + name
                    + "\" TEMPLATE \""
                    + template.address().database()
                    + "\"");
            DatabaseLogin database = postgres.login(name);
            if (due.contains(id)) {
              dueDatabases.put(id, database);
            }
            try (Connection connection = database.connect()) {
              IdentityMarker.write(connection, id);
            }
            FleetTestDatabases.register(app.central, id, subdomain, "active", 0, database);
          });
      double cloneSeconds = (System.nanoTime() - cloning) / 1e9;
      smtp.purgeEmailFromAllMailboxes();

      Map<String, Long> counts;
      double seconds;
      try (Connection central = app.central.connect();
          PreparedStatement makeDue =
              central.prepareStatement(
                  "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC'"
                      + " where id = any(?)");
          PreparedStatement runs =
              central.prepareStatement(
                  "select count(*) filter (where id = any(?)),"
                      + " count(*) filter (where not id = any(?))"
                      + " from \"Orchestra\" where id like 'sweep-%' and \"jobsLastRunAt\" is not"
                      + " null and (\"jobsDueAt\" is null or \"jobsDueAt\" > (now() at time zone"
                      + " 'UTC') + interval '1 hour')")) {
        java.sql.Array dueIds = central.createArrayOf("text", due.toArray());
        makeDue.setArray(1, dueIds);
        runs.setArray(1, dueIds);
        runs.setArray(2, dueIds);
        long started = System.nanoTime();
        makeDue.executeUpdate();
        long ran;
        long others;
        while (true) {
          try (ResultSet row = runs.executeQuery()) {
            row.next();
            ran = row.getLong(1);
            others = row.getLong(2);
          }
          if (ran >= due.size()) {
            break;
          }
          if (System.nanoTime() - started > SWEEP_LIMIT.toNanos()) {
            throw new IllegalStateException(
                "Only " + ran + " of " + due.size() + " due orchestras ran in " + SWEEP_LIMIT);
          }
          Thread.sleep(50);
        }
        seconds = (System.nanoTime() - started) / 1e9;
        counts = results(central, dueIds, postgres, dueDatabases.values());
        counts.put("others run", others);
      }
      int mails = smtp.getReceivedMessages().length;
      report.check(
          "6",
          String.format(
              "jobs' pass over %,d orchestras with work due in %d (a reminder and a timeout with"
                  + " its replacement each; 2 workers, mail rate %s/s, GreenMail)",
              orchestras, due.size(), SWEEP_MAIL_RATE),
          String.format(
              "%.1f s from due to the last run recorded, nothing left due (%d runs ok, %d failed; %d reminders,"
                  + " %d timeouts, %d mails delivered, %d in GreenMail; %d of the %,d others"
                  + " opened)",
              seconds,
              counts.get("ok"),
              counts.get("failed"),
              counts.get("reminders"),
              counts.get("timeouts"),
              counts.get("delivered"),
              mails,
              counts.get("others run"),
              orchestras - due.size()),
          "≤ 30 s",
          seconds <= 30 && counts.get("failed") == 0);
      report.note(
          String.format(
              "Figure 6a: %,d clones (%d with due work) registered in %.1f s; the pass runs every"
                  + " second (ripieno.jobs.interval PT1S), so up to a second of the time is the"
                  + " wait for the next pass.",
              orchestras, due.size(), cloneSeconds));
    } finally {
      smtp.stop();
    }
    RipienoBenchmark.dropAll(postgres, "s_");
  }

  /**
   * How the due orchestras' last runs ended (in central) and what their runs did, added up from
   * their databases: reminders sent within the hour, requests timed out, messages sent.
   */
  private static Map<String, Long> results(
      Connection central,
      java.sql.Array ids,
      TestPostgres postgres,
      java.util.Collection<DatabaseLogin> databases)
      throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (String key : List.of("ok", "failed", "reminders", "timeouts", "delivered")) {
      counts.put(key, 0L);
    }
    try (PreparedStatement query =
        central.prepareStatement(
            "select \"jobsLastResult\" from \"Orchestra\" where id = any(?)")) {
      query.setArray(1, ids);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String result = rows.getString(1);
          Matcher ok = RESULT.matcher(result == null ? "" : result);
          if (ok.find()) {
            counts.merge("ok", 1L, Long::sum);
          } else {
            counts.merge("failed", 1L, Long::sum);
            System.out.println("  a run did not succeed: " + result);
          }
        }
      }
    }
    for (DatabaseLogin database : databases) {
      counts.merge(
          "reminders",
          postgres.queryLong(
              database,
              "select count(*) from \"Request\" where \"reminderSentAt\" > (now() at time zone"
                  + " 'UTC') - interval '1 hour'"),
          Long::sum);
      counts.merge(
          "timeouts",
          postgres.queryLong(
              database, "select count(*) from \"Request\" where status = 'timed_out'"),
          Long::sum);
      counts.merge(
          "delivered",
          postgres.queryLong(
              database, "select count(*) from \"OutboxMessage\" where status = 'sent'"),
          Long::sum);
    }
    return counts;
  }

  // ---- 6b: decline → the next musician's request in the outbox ----

  /**
   * A sequential need asks one musician at a time; each declines through the public answer endpoint
   * and the next one's request mail must be in the outbox. (An accept never sends a replacement:
   * for a sequential need it completes the need; a decline or a timeout is what asks the next.) The
   * engine writes the replacement in the answer's own transaction ({@code Answers.answer} → {@code
   * take} → {@code Dispatch.refill}), so it is committed when the answer's response arrives: each
   * sample runs from sending the answer until the harness has seen the new request row in the
   * outbox by SQL, read once right after the response (and polled, would it not be there yet). The
   * link's page data ({@code GET}) is timed beside it, as the musician opens it first.
   */
  static void answerToReplacement(BenchApp app, BenchReport report) throws Exception {
    System.out.println(
        "Figure 6b: "
            + ANSWERS
            + " declines through the public link → the next musician's request in the outbox...");
    StaffingScene scene = StaffingScene.create(app, "svar", ANSWERS + WARM_UP_ANSWERS + 2);
    scene.send();
    long[] replaced = new long[ANSWERS];
    long[] opened = new long[ANSWERS];
    int atResponse = 0;
    long measuring = 0;
    try (Connection connection = scene.database.connect();
        PreparedStatement token =
            connection.prepareStatement(
                "select t.token from \"RequestToken\" t join \"Request\" r on r.id ="
                    + " t.\"requestId\" where r.\"projectNeedId\" = ? and r.status = 'pending'");
        PreparedStatement requests =
            connection.prepareStatement(
                "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id ="
                    + " o.\"requestId\" where r.\"projectNeedId\" = ? and o.kind = 'request'")) {
      token.setInt(1, scene.need);
      requests.setInt(1, scene.need);
      for (int i = 0; i < WARM_UP_ANSWERS + ANSWERS; i++) {
        if (i == WARM_UP_ANSWERS) {
          measuring = System.nanoTime();
        }
        String link = single(token);
        long before = count(requests);
        long opening = System.nanoTime();
        HttpResponse<String> details =
            app.ripieno.send("GET", "/api/public/responses/" + link, null, null);
        long shown = System.nanoTime();
        if (details.statusCode() != 200) {
          throw new IllegalStateException("The link answered " + details.body());
        }
        long answering = System.nanoTime();
        HttpResponse<String> answer =
            app.ripieno.send(
                "POST", "/api/public/responses/" + link, null, "{\"response\":\"declined\"}");
        if (answer.statusCode() != 200) {
          throw new IllegalStateException("The decline answered " + answer.body());
        }
        boolean there = count(requests) > before;
        if (i >= WARM_UP_ANSWERS) {
          atResponse += there ? 1 : 0;
        }
        while (!there) {
          if (System.nanoTime() - answering > Duration.ofSeconds(10).toNanos()) {
            throw new IllegalStateException("No replacement request in the outbox after 10 s");
          }
          there = count(requests) > before;
        }
        long inOutbox = System.nanoTime();
        if (i >= WARM_UP_ANSWERS) {
          replaced[i - WARM_UP_ANSWERS] = inOutbox - answering;
          opened[i - WARM_UP_ANSWERS] = shown - opening;
        }
      }
    }
    double seconds = (System.nanoTime() - measuring) / 1e9;
    Latencies replacement = Latencies.of(replaced, ANSWERS, seconds, 0);
    Latencies page = Latencies.of(opened, ANSWERS, seconds, 0);
    report.add(
        new BenchReport.Line(
            "6",
            "decline through the public link → next musician's request in the outbox (sequential"
                + " need, one answer at a time; "
                + ANSWERS
                + " after "
                + WARM_UP_ANSWERS
                + " warm-up)",
            String.format(
                "p50 %.1f ms, p99 %.1f ms (in the outbox when the answer's response came: %d of"
                    + " %d)",
                replacement.p50(), replacement.p99(), atResponse, ANSWERS),
            String.format(
                "the link's GET before it: p50 %.1f ms, p99 %.1f ms", page.p50(), page.p99()),
            replacement.p50() / page.p50(),
            "p50 ≤ 100 ms",
            replacement.p50() <= 100));
  }

  private static String single(PreparedStatement query) throws Exception {
    try (ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("No pending request");
      }
      return row.getString(1);
    }
  }

  private static long count(PreparedStatement query) throws Exception {
    try (ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
