package org.ripieno.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * One instance of the real application jar for the benchmark: a fresh central database, the demo
 * orchestra (40 musicians), a known superadmin, the demo admin signed in. Full JIT and a larger
 * heap than the tests' boots; the staffing jobs and the provisioning resume pass pushed out of the
 * way so that they neither run during a measurement nor add SQL to a count.
 */
final class BenchApp implements AutoCloseable {

  static final String SUPERADMIN_PASSWORD = "bench-superadmin-password";
  static final String DEMO_PASSWORD = "bench-demo-admin-2027";

  final TestPostgres postgres;
  final DatabaseLogin central;
  final RunningRipieno ripieno;
  final String superadmin;
  final String demoAdmin;
  final Path dataDir;

  /**
   * @param centralServer where the application reaches central (the server itself or a relay)
   * @param orchestraServer where it creates and reaches orchestra databases
   */
  BenchApp(
      TestPostgres postgres,
      String name,
      DatabaseAddress centralServer,
      DatabaseAddress orchestraServer,
      Map<String, String> extra)
      throws Exception {
    this.postgres = postgres;
    this.central = postgres.createEmpty(name + "_central");
    this.dataDir = Path.of("target", "bench", "data", name);
    deleteRecursively(dataDir);
    Map<String, String> environment = new HashMap<>();
    environment.put(
        "RIPIENO_CENTRAL_URL",
        new DatabaseAddress(
                centralServer.host(), centralServer.port(), central.address().database())
            .jdbcUrl());
    environment.put("RIPIENO_CENTRAL_USER", central.user());
    environment.put("RIPIENO_ORCHESTRA_SERVER_URL", orchestraServer.jdbcUrl());
    environment.put("RIPIENO_ORCHESTRA_SERVER_USER", central.user());
    environment.put("RIPIENO_DATA_DIR", dataDir.toString());
    environment.put("RIPIENO_BOOTSTRAP_SUPERADMIN_PASSWORD", SUPERADMIN_PASSWORD);
    environment.put("RIPIENO_PROVISIONING_DATABASE_PREFIX", postgres.runPrefix());
    environment.put("RIPIENO_DEMO", "true");
    environment.put("RIPIENO_JOBS_INTERVAL", "PT1H");
    environment.put("RIPIENO_PROVISIONING_RESUME_EVERY", "PT1H");
    environment.putAll(extra);
    String heap = System.getProperty("bench.heap", "768m");
    List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx" + heap));
    if (Boolean.getBoolean("bench.jfr")) {
      jvm.addAll(flightRecording(name));
    }
    // A boot on the shared machine took more than the tests' two minutes at a load average of 30.
    Duration boot = Duration.ofSeconds(Integer.getInteger("bench.boot-seconds", 300));
    this.ripieno = RunningRipieno.start("bench-" + name, environment, jvm, boot);
    ripieno.awaitStatus("/health/ready", 200, boot);
    this.superadmin = login("superadmin", SUPERADMIN_PASSWORD);
    this.demoAdmin = demoAdmin();
  }

  /**
   * With {@code -Dbench.jfr=true}: a JDK Flight Recording of the whole life of this instance, with
   * the {@code profile} settings (execution samples every 10 ms, allocation samples), dumped to
   * {@code target/bench/<name>.jfr} when it exits; stacks up to 256 frames deep (the default 64
   * cuts Jersey's stacks before the resource). Read it with {@link JfrTopFrames} or {@code jfr
   * print --events jdk.ExecutionSample}.
   */
  private static List<String> flightRecording(String name) throws java.io.IOException {
    Path file = Path.of("target", "bench", name + ".jfr").toAbsolutePath();
    Files.createDirectories(file.getParent());
    return List.of(
        "-XX:FlightRecorderOptions:stackdepth=256",
        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
  }

  /** Waits for the demo orchestra to be filled, then signs its admin in with a chosen password. */
  private String demoAdmin() throws Exception {
    Path file = dataDir.resolve("demo-admin-password.txt");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      if (Files.exists(file)) {
        HttpResponse<String> project =
            ripieno.send("GET", "/api/orchestras/demo/projects", superadmin, null);
        if (project.statusCode() == 200 && RunningRipieno.json(project).getInt("total", 0) >= 1) {
          break;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The demo orchestra was not ready; see " + ripieno.log());
      }
      Thread.sleep(200);
    }
    List<String> lines = Files.readAllLines(file);
    String token = login(lines.get(0), lines.get(1));
    HttpResponse<String> changed =
        ripieno.send(
            "PUT",
            "/api/auth/password",
            token,
            "{\"currentPassword\":\""
                + lines.get(1)
                + "\",\"newPassword\":\""
                + DEMO_PASSWORD
                + "\"}");
    if (changed.statusCode() / 100 != 2) {
      throw new IllegalStateException("Changing the demo password: " + changed.body());
    }
    return login(lines.get(0), DEMO_PASSWORD);
  }

  String login(String username, String password) throws Exception {
    HttpResponse<String> answer =
        ripieno.send(
            "POST",
            "/api/auth/login",
            null,
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Login of " + username + ": " + answer.body());
    }
    return RunningRipieno.json(answer).getString("token");
  }

  /** The database of an orchestra, as central records it. */
  DatabaseLogin orchestraDatabase(String subdomain) throws Exception {
    try (var connection = central.connect();
        var query =
            connection.prepareStatement(
                "select \"databaseName\" from \"Orchestra\" where \"subdomain\" = ?")) {
      query.setString(1, subdomain);
      try (var rows = query.executeQuery()) {
        rows.next();
        return postgres.login(rows.getString(1));
      }
    }
  }

  @Override
  public void close() throws Exception {
    ripieno.close();
  }

  static void deleteRecursively(Path path) throws java.io.IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }
}
