package org.ripieno.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Login protection in the default configuration, where every test client is the one address
 * 127.0.0.1 and no proxy is trusted: like one office, or everyone behind an untrusted proxy. The
 * per-address rule itself is tested in {@code LoginThrottleTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginProtectionIT {

  private PlatformFixture platform;
  private RunningRipieno ripieno;

  @BeforeAll
  void start() throws Exception {
    platform = PlatformFixture.shared();
    ripieno = platform.ripieno();
    platform.registerOrchestra("orch-lockout", "lockout", "Lockout Kammarensemble");
    platform.createUser("lockout-guessed", "user", "orch-lockout", "guessed-right-password");
    platform.createUser("lockout-colleague", "user", "orch-lockout", "colleague-password");
    platform.createUser("lockout-raw", "user", "orch-lockout", "raw-right-password");
  }

  @Nested
  class OneAddress {

    @Test
    void sixWrongPasswordsHoldBackThatUserWhileAColleagueAtTheSameAddressSignsIn()
        throws Exception {
      for (int attempt = 1; attempt <= 5; attempt++) {
        assertThat(login("lockout-guessed", "wrong-password").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> sixth = login("lockout-guessed", "wrong-password");
      assertThat(sixth.statusCode()).isEqualTo(429);
      assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
      assertThat(login("lockout-guessed", "guessed-right-password").statusCode()).isEqualTo(429);

      assertThat(login("lockout-colleague", "colleague-password").statusCode()).isEqualTo(200);
      assertThat(login("superadmin", PlatformFixture.SUPERADMIN_PASSWORD).statusCode())
          .isEqualTo(200);
    }

    @Test
    void aBurstOfFailuresForManyNamesFromOneAddressLocksNobodyOut() throws Exception {
      for (int name = 1; name <= 12; name++) {
        assertThat(login("lockout-nobody-" + name, "malformed").statusCode()).isEqualTo(401);
      }
      assertThat(login("lockout-colleague", "colleague-password").statusCode()).isEqualTo(200);
      assertThat(login("superadmin", PlatformFixture.SUPERADMIN_PASSWORD).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theStatusLineOfA429CarriesItsStandardReasonPhrase() throws Exception {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(login("lockout-raw", "wrong-password").statusCode()).isEqualTo(401);
    }
    assertThat(rawStatusLine("lockout-raw", "wrong-password"))
        .isEqualTo("HTTP/1.1 429 Too Many Requests");
    assertThat(rawStatusLine("lockout-raw-unknown", "wrong-password"))
        .isEqualTo("HTTP/1.1 401 Unauthorized");
  }

  @Test
  void forwardedForFromAPeerThatIsNotTrustedIsReportedOnceInTheLog() throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    for (int i = 0; i < 3; i++) {
      ripieno.send(
          "POST",
          "/api/auth/login",
          null,
          "{\"username\":\"lockout-colleague\",\"password\":\"colleague-password\"}",
          "X-Forwarded-For",
          "203.0.113." + (i + 1));
    }
    long reports = 0;
    while (reports == 0 && Instant.now().isBefore(deadline)) {
      reports = countInLog("which is not in ripieno.login.trusted-proxies");
      Thread.sleep(200);
    }
    Thread.sleep(Duration.ofSeconds(1).toMillis());
    assertThat(countInLog("which is not in ripieno.login.trusted-proxies")).isEqualTo(1);
  }

  private long countInLog(String text) throws Exception {
    try (var lines = Files.lines(ripieno.log(), StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  private HttpResponse<String> login(String username, String password) throws Exception {
    return ripieno.send("POST", "/api/auth/login", null, body(username, password));
  }

  private static String body(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  /** The first line of the answer exactly as the server wrote it. */
  private String rawStatusLine(String username, String password) throws Exception {
    byte[] json = body(username, password).getBytes(StandardCharsets.UTF_8);
    int port = ripieno.uri("/").getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + json.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
          .readLine();
    }
  }
}
