package org.ripieno.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ripieno.testing.LocalMailServer;

class SmtpMailerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopWatchdog() {
    watchdog.shutdownNow();
  }

  @Test
  void aWholeSendMayTakeSixTimeouts() {
    assertThat(SmtpMailer.sendLimit(SmtpMailer.TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
    assertThat(SmtpMailer.sendLimit(TIMEOUT)).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void aMailerWithAWatchdogStillSendsAnOrdinaryMail() throws Exception {
    GreenMail smtp = LocalMailServer.startOnAFreePort();
    try {
      new SmtpMailer(settings(smtp.getSmtp().getPort()), TIMEOUT, watchdog)
          .send(new OutgoingMail("a@example.org", "Hej", "text", "<p>text</p>", "<id-1@ripieno>"));

      assertThat(smtp.getReceivedMessages()).hasSize(1);
      assertThat(smtp.getReceivedMessages()[0].getHeader("Message-ID")[0])
          .isEqualTo("<id-1@ripieno>");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aServerAnsweringEveryStepJustInTimeIsCutAtTheSendLimit() throws Exception {
    // Every line of its EHLO answer comes just within the read timeout, a hundred of them: each
    // read is in time, the send as a whole never would be.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread trickle =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(
                              client.getInputStream(), StandardCharsets.US_ASCII));
                  out.write("220 slow.example.org ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  in.readLine();
                  for (int line = 0; line < 100; line++) {
                    Thread.sleep(TIMEOUT.toMillis() * 7 / 10);
                    out.write("250-slow\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  }
                } catch (Exception e) {
                  // The mailer closed the connection: what the test waits for.
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      SmtpMailer mailer = new SmtpMailer(settings(server.getLocalPort()), TIMEOUT, watchdog);
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  mailer.send(
                      new OutgoingMail("a@example.org", "Hej", "t", "<p>t</p>", "<id-2@ripieno>")))
          .isInstanceOf(MessagingException.class)
          .hasMessageContaining("took longer than 6 s");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(9));
    }
  }

  @Test
  void aMailerForImplicitTlsSpeaksTlsToItsOwnServer() {
    // GreenMail's certificate is its own, so the handshake is where it ends: proof enough that the
    // send went over TLS to the configured port (it once went to smtp://localhost:25).
    GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    smtps.start();
    try {
      MailSettings tls =
          new MailSettings(
              "127.0.0.1",
              smtps.getSmtps().getPort(),
              null,
              null,
              "tls",
              "staffing@example.org",
              null,
              null,
              "platform");

      assertThatThrownBy(
              () ->
                  new SmtpMailer(tls, TIMEOUT, watchdog)
                      .send(new OutgoingMail("a@example.org", "Hej", "t", "<p>t</p>", "<id-3@r>")))
          .isInstanceOf(MessagingException.class)
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining(String.valueOf(smtps.getSmtps().getPort()));
    } finally {
      smtps.stop();
    }
  }

  @Test
  void aConnectionSendsARunsMailsOverOneSmtpConnection() throws Exception {
    GreenMail smtp = LocalMailServer.startOnAFreePort();
    try (CountingProxy proxy = new CountingProxy(smtp.getSmtp().getPort());
        SmtpMailer.Connection connection =
            new SmtpMailer(settings(proxy.port()), TIMEOUT, watchdog).connection()) {
      for (int i = 1; i <= 3; i++) {
        connection.send(mail(i));
      }

      assertThat(smtp.getReceivedMessages()).hasSize(3);
      assertThat(proxy.connections()).isOne();
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aConnectionTheServerDroppedIsOpenedAgainForTheNextMail() throws Exception {
    GreenMail smtp = LocalMailServer.startOnAFreePort();
    try (CountingProxy proxy = new CountingProxy(smtp.getSmtp().getPort());
        SmtpMailer.Connection connection =
            new SmtpMailer(settings(proxy.port()), TIMEOUT, watchdog).connection()) {
      connection.send(mail(1));
      proxy.dropAll();

      connection.send(mail(2));

      assertThat(smtp.getReceivedMessages()).hasSize(2);
      assertThat(proxy.connections()).isEqualTo(2);
    } finally {
      smtp.stop();
    }
  }

  private static OutgoingMail mail(int i) {
    return new OutgoingMail(
        "a" + i + "@example.org", "Hej", "text", "<p>text</p>", "<run-" + i + "@ripieno>");
  }

  /** Passes connections on to a server, counting them; drops them all on demand. */
  private static final class CountingProxy implements AutoCloseable {

    private final ServerSocket listening =
        new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    CountingProxy(int target) throws IOException {
      Thread accepting =
          new Thread(
              () -> {
                while (!listening.isClosed()) {
                  try {
                    Socket client = listening.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    connections.incrementAndGet();
                    open.add(client);
                    open.add(server);
                    pipe(client, server);
                    pipe(server, client);
                  } catch (IOException e) {
                    // Closed: the test is over.
                  }
                }
              });
      accepting.setDaemon(true);
      accepting.start();
    }

    int port() {
      return listening.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    void dropAll() throws IOException {
      for (Socket socket : open) {
        socket.close();
      }
      open.clear();
    }

    private static void pipe(Socket from, Socket to) {
      Thread copying =
          new Thread(
              () -> {
                try {
                  from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                  // One side closed.
                } finally {
                  try {
                    to.close();
                  } catch (IOException e) {
                    // Closing is all that is wanted.
                  }
                }
              });
      copying.setDaemon(true);
      copying.start();
    }

    @Override
    public void close() throws IOException {
      listening.close();
      dropAll();
    }
  }

  private static MailSettings settings(int port) {
    return new MailSettings(
        "127.0.0.1", port, null, null, "none", "staffing@example.org", null, null, "platform");
  }
}
