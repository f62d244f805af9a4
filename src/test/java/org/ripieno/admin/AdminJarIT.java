package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.launcher.EmbeddedDatabase;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.TestPostgres;

/**
 * The built {@code target/ripieno-admin.jar} run as the operator runs it: configured through the
 * environment, or with nothing configured on the embedded run's data directory, connecting to the
 * embedded PostgreSQL while it runs and starting it itself while it does not.
 */
class AdminJarIT {

  private static final TestPostgres POSTGRES = new TestPostgres();

  @TempDir static Path work;

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    POSTGRES.close();
  }

  private static Run admin(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("ripieno.test.adminJar", "target/ripieno-admin.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("RIPIENO_"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("ripieno-admin did not end within 120 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void configuredByTheEnvironmentItNamesItsTargetFirstAndExitsByTheConventions() throws Exception {
    DatabaseLogin central = POSTGRES.createEmpty("jar_central");
    Map<String, String> environment = new HashMap<>();
    environment.put("RIPIENO_CENTRAL_URL", central.address().jdbcUrl());
    environment.put("RIPIENO_CENTRAL_USER", central.user());
    environment.put("RIPIENO_DATA_DIR", work.resolve("jar-data").toString());

    Run check = admin(environment, "schema", "check", "--central");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.out().lines().findFirst().orElse(""))
        .isEqualTo("target: central database " + AdminSession.describe(central));
    assertThat(check.out()).contains("missing tables: Customer, Orchestra, SystemLog, User");

    Run json = admin(environment, "schema", "check", "--central", "--json");
    assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
    assertThat(JsonDocuments.parseObject(json.out()).getJsonArray("targets").getString(0))
        .startsWith("central database " + central.address().database());

    Run usage = admin(environment, "schema", "clean", "--confirm", "x");
    assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(2);
    assertThat(usage.err()).contains("--central | --orchestra");

    Map<String, String> unreachable = new HashMap<>(environment);
    unreachable.put("RIPIENO_CENTRAL_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");
    Run down = admin(unreachable, "orchestras", "verify", "--all");
    assertThat(down.exitCode()).as(down.toString()).isEqualTo(2);
    assertThat(down.err()).contains("cannot be reached");
    // The read-only checks created nothing in the empty database.
    try (var connection = central.connect();
        var statement = connection.createStatement();
        var tables =
            statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
      tables.next();
      assertThat(tables.getLong(1)).isZero();
    }
  }

  @Test
  void theJarAdoptsALegacyCentralDatabaseInPlace() throws Exception {
    DatabaseLogin legacy = LegacyCentralFixture.create(POSTGRES, "jar_legacy_central");
    String name = legacy.address().database();
    Map<String, String> environment =
        Map.of(
            "RIPIENO_CENTRAL_URL", legacy.address().jdbcUrl(),
            "RIPIENO_CENTRAL_USER", legacy.user(),
            "RIPIENO_SECRET_KEY", AdminCli.SECRET_KEY,
            "RIPIENO_DATA_DIR", work.resolve("jar-legacy-data").toString());

    Run adopted = admin(environment, "central", "adopt", "--confirm", name, "--json");

    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(adopted.err()).startsWith("target: central database " + name);
    var report = JsonDocuments.parseObject(adopted.out());
    assertThat(report.getString("outcome")).isEqualTo("ADOPTED");
    assertThat(report.getJsonObject("rowsAfter"))
        .containsAllEntriesOf(report.getJsonObject("rowsBefore"))
        .containsKeys("Customer", "SystemLog");
    assertThat(report.getString("backupDirectory")).contains("jar-legacy-data");
  }

  @Test
  void withNoCentralConfiguredItUsesTheEmbeddedDatabaseRunningOrNot() throws Exception {
    Path dataDir = work.resolve("embedded-data");
    Map<String, String> environment = Map.of("RIPIENO_DATA_DIR", dataDir.toString());

    // Nothing there yet: a read-only command does not create a database.
    Run nothing = admin(environment, "schema", "check", "--central");
    assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
    assertThat(nothing.err()).contains("holds no embedded database");
    assertThat(dataDir.resolve("postgres")).doesNotExist();

    Path legacy = work.resolve("main-tables-export-1751554354027.json");
    Files.writeString(
        legacy,
        "{\"exportDate\":\"2025-07-03T14:52:34.025Z\",\"orchestras\":[],\"users\":[{\"id\":\"u1\","
            + "\"username\":\"superadmin\",\"email\":\"s@example.org\",\"passwordHash\":\"$2b$10$x\","
            + "\"role\":\"superadmin\",\"orchestraId\":null,\"active\":true,\"lastLogin\":null,"
            + "\"createdAt\":\"2025-06-30T10:00:00.000Z\",\"updatedAt\":\"2025-06-30T10:00:00.000Z\"}]}");

    // A dry run of a writing command does not create one either.
    Run dryRun =
        admin(
            Map.of(
                "RIPIENO_DATA_DIR", dataDir.toString(), "RIPIENO_SECRET_KEY", AdminCli.SECRET_KEY),
            "central",
            "restore",
            legacy.toString(),
            "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(2);
    assertThat(dryRun.err()).contains("holds no embedded database");
    assertThat(dataDir.resolve("postgres")).doesNotExist();

    // Disaster recovery onto a fresh machine: the restore starts it and creates the schema.
    Run restore =
        admin(
            Map.of(
                "RIPIENO_DATA_DIR", dataDir.toString(), "RIPIENO_SECRET_KEY", AdminCli.SECRET_KEY),
            "central",
            "restore",
            legacy.toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out())
        .contains("started the embedded PostgreSQL", "created the central schema")
        .contains("User (users): 1 in the file, 1 written");

    // While the application runs (here: this test holds the server), the command connects to it.
    try (EmbeddedDatabase.Started running = EmbeddedDatabase.open(dataDir)) {
      Run connected = admin(environment, "schema", "check", "--central");
      assertThat(connected.exitCode()).as(connected.toString()).isZero();
      assertThat(connected.out())
          .startsWith("target: central database ripieno at localhost:")
          .doesNotContain("started the embedded PostgreSQL");
      assertThat(running.url())
          .contains(
              connected
                  .out()
                  .lines()
                  .findFirst()
                  .orElseThrow()
                  .replaceAll(".* at (localhost:\\d+).*", "$1"));
    }

    // Stopped again: it starts it for itself.
    Run started = admin(environment, "schema", "check", "--central");
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(started.out()).contains("started the embedded PostgreSQL");
  }
}
