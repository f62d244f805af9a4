package org.ripieno.bench;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.testing.LocalMailServer;
import org.ripieno.testing.TestPostgres;

/**
 * Figure 7: how fast the jobs deliver an orchestra's outbox to a local SMTP server (GreenMail, in
 * the harness's JVM), beside how fast that server takes the same mail from plain Jakarta Mail.
 */
final class OutboxFigure {

  private static final int MAILS = Integer.getInteger("bench.mails", 500);

  /** The jobs' pass interval of this instance: short, so that the passes follow each other. */
  static final String INTERVAL = "PT0.2S";

  private static final Duration LIMIT = Duration.ofMinutes(10);

  private OutboxFigure() {}

  /**
   * One request sent through the API and delivered, so that its mail is a real one; then {@code
   * bench.mails} copies of its outbox row (each with a Message-ID of its own) inserted by SQL, held
   * back, and released at once with the orchestra's jobs made due; timed until every copy is {@code
   * sent}. The reference sends the same number of that mail's bytes with {@code Transport.send}
   * from one thread, a connection per mail as {@code SmtpMailer} does.
   */
  static void throughput(TestPostgres postgres, DatabaseAddress server, BenchReport report)
      throws Exception {
    System.out.println(
        "Figure 7: outbox delivery of " + MAILS + " mails to a local SMTP server...");
    GreenMail smtp = LocalMailServer.startOnAFreePort();
    int port = smtp.getSmtp().getPort();
    try (BenchApp app =
        new BenchApp(
            postgres,
            "m",
            server,
            server,
            Map.of(
                "RIPIENO_PROVISIONING_DATABASE_PREFIX",
                postgres.runPrefix() + "m_",
                "RIPIENO_JOBS_INTERVAL",
                INTERVAL,
                "RIPIENO_MAIL_RATE",
                "0",
                "RIPIENO_MAIL_SMTP_HOST",
                "127.0.0.1",
                "RIPIENO_MAIL_SMTP_PORT",
                String.valueOf(port),
                "RIPIENO_MAIL_FROM",
                "staffing@ripieno.example.org"))) {
      StaffingScene scene = StaffingScene.create(app, "post", 2);
      scene.send();
      if (!smtp.waitForIncomingEmail(LIMIT.toMillis(), 1)) {
        throw new IllegalStateException("The request mail never arrived; see " + app.ripieno.log());
      }
      byte[] sample = bytes(smtp.getReceivedMessages()[0]);
      double seconds;
      try (Connection connection = scene.database.connect()) {
        awaitNone(connection, "status <> 'sent'", 1, LIMIT);
        try (PreparedStatement copies =
            connection.prepareStatement(
                "insert into \"OutboxMessage\" (kind, channel, recipient, language,"
                    + " \"requestId\", \"musicianId\", \"messageId\", status, attempts,"
                    + " \"nextAttemptAt\", \"createdAt\") select o.kind, o.channel, o.recipient,"
                    + " o.language, o.\"requestId\", o.\"musicianId\", '<bench-' || g || '-' ||"
                    + " md5(random()::text) || '@ripieno.example.org>', 'queued', 0,"
                    + " (now() at time zone 'UTC') + interval '1 day', now() at time zone 'UTC'"
                    + " from \"OutboxMessage\" o, generate_series(1, ?) g"
                    + " where o.id = (select min(id) from \"OutboxMessage\")")) {
          copies.setInt(1, MAILS);
          copies.executeUpdate();
        }
        smtp.purgeEmailFromAllMailboxes();
        long started = System.nanoTime();
        try (var release = connection.createStatement()) {
          release.executeUpdate(
              "update \"OutboxMessage\" set \"nextAttemptAt\" = now() at time zone 'UTC'"
                  + " where \"messageId\" like '<bench-%'");
        }
        app.postgres.execute(
            app.central,
            "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC'"
                + " where subdomain = 'demo'");
        awaitNone(connection, "\"messageId\" like '<bench-%' and status <> 'sent'", 20, LIMIT);
        seconds = (System.nanoTime() - started) / 1e9;
      }
      int received = smtp.getReceivedMessages().length;
      smtp.purgeEmailFromAllMailboxes();
      double reference = plainTransport(port, sample, false);
      double oneConnection = plainTransport(port, sample, true);
      double rate = MAILS / seconds;
      report.add(
          new BenchReport.Line(
              "7",
              String.format(
                  "outbox delivery to a local SMTP server: %d mails of %,d bytes queued in one"
                      + " orchestra, released at once (ripieno.mail.rate 0, jobs every %s, 50 a"
                      + " run) ÷ the same mail by plain Jakarta Mail",
                  MAILS, sample.length, Duration.parse(INTERVAL).toMillis() + " ms"),
              String.format(
                  "%.0f mails/s (all sent in %.1f s; %d in GreenMail)", rate, seconds, received),
              String.format(
                  "Transport.send from one thread, a connection per mail: %.0f mails/s", reference),
              rate / reference,
              null,
              null));
      report.add(
          new BenchReport.Line(
              "7",
              "the same delivery ÷ plain Jakarta Mail over one connection for all mails (as a"
                  + " delivery run sends its batch)",
              String.format("%.0f mails/s", rate),
              String.format("one Transport, sendMessage for each: %.0f mails/s", oneConnection),
              rate / oneConnection,
              null,
              null));
    } finally {
      smtp.stop();
    }
  }

  /** Waits until none of the orchestra's outbox rows matches, polling every {@code every} ms. */
  private static void awaitNone(Connection connection, String where, long every, Duration limit)
      throws Exception {
    long started = System.nanoTime();
    try (PreparedStatement count =
        connection.prepareStatement("select count(*) from \"OutboxMessage\" where " + where)) {
      while (true) {
        try (ResultSet row = count.executeQuery()) {
          row.next();
          if (row.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() - started > limit.toNanos()) {
          throw new IllegalStateException("Outbox rows still " + where + " after " + limit);
        }
        Thread.sleep(every);
      }
    }
  }

  /** The received mail as it went over the wire. */
  private static byte[] bytes(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  /**
   * Mails per second GreenMail takes from plain Jakarta Mail in one thread: a connection per mail
   * ({@code Transport.send}), or one connection for all (as a delivery run sends its batch).
   */
  private static double plainTransport(int port, byte[] mail, boolean oneConnection)
      throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(port));
    Session session = Session.getInstance(properties);
    try (Transport transport = session.getTransport("smtp")) {
      if (oneConnection) {
        transport.connect();
      }
      long started = 0;
      for (int i = -20; i < MAILS; i++) {
        if (i == 0) {
          started = System.nanoTime();
        }
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mail));
        if (oneConnection) {
          message.saveChanges();
          transport.sendMessage(message, message.getAllRecipients());
        } else {
          Transport.send(message);
        }
      }
      return MAILS / ((System.nanoTime() - started) / 1e9);
    }
  }
}
