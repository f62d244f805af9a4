package org.ripieno.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ripieno.testing.RunningRipieno;

/**
 * The README's run command on a machine with nothing configured: an embedded PostgreSQL in the data
 * directory, ready within 60 s, and the data still there after a restart.
 */
class EmbeddedRunIT {

  /** Unconfigured: a generated password in an owner-only file, never in the log, to be changed. */
  private static void assertFirstSuperadminCanLogInOnce(RunningRipieno ripieno, Path dataDir)
      throws Exception {
    Path file = dataDir.resolve("superadmin-password.txt");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String password = Files.readAllLines(file).get(1);
    assertThat(Files.readString(ripieno.log())).contains(file.toString()).doesNotContain(password);
    HttpResponse<String> login =
        ripieno.send(
            "POST",
            "/api/auth/login",
            null,
            "{\"username\":\"superadmin\",\"password\":\"" + password + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(login).getJsonObject("user").getBoolean("mustChangePassword"))
        .isTrue();
  }

  @Test
  void withNoDatabaseConfiguredItIsReadyWithinAMinuteAndKeepsItsDataAcrossRestarts()
      throws Exception {
    Path dataDir = Files.createTempDirectory("ripieno-embedded-run");
    try {
      Map<String, String> nothingConfigured = Map.of("RIPIENO_DATA_DIR", dataDir.toString());
      String firstInstall;
      try (RunningRipieno ripieno = RunningRipieno.start("embedded-first", nothingConfigured)) {
        ripieno.awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
        Duration ready = ripieno.uptime();
        System.out.printf("Embedded run: /health/ready UP %d ms after start%n", ready.toMillis());
        assertThat(ready).isLessThan(Duration.ofSeconds(60));
        firstInstall = Files.readString(dataDir.resolve("postgres/port"));
        assertFirstSuperadminCanLogInOnce(ripieno, dataDir);
      }
      assertThat(dataDir.resolve("postgres/data/PG_VERSION")).exists();

      try (RunningRipieno again = RunningRipieno.start("embedded-restart", nothingConfigured)) {
        again.awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
        assertThat(Files.readString(again.log())).contains("(0 migrations applied now)");
      }
      assertThat(Files.readString(dataDir.resolve("postgres/port"))).isEqualTo(firstInstall);
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
