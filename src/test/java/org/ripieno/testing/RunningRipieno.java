package org.ripieno.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real application, started the way the README starts it ({@code java -jar target/ripieno.jar})
 * as a separate process, and called over HTTP. One boot per configuration. Every problem answer is
 * checked for internals ({@link ProblemLeaks}).
 */
public final class RunningRipieno implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Process process;
  private final int port;
  private final Path log;
  private final long startedAt = System.nanoTime();

  private RunningRipieno(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the launcher with exactly the given {@code RIPIENO_*} variables (inherited ones are
   * removed) and waits until {@code /health/live} answers.
   */
  public static RunningRipieno start(String name, Map<String, String> environment)
      throws IOException, InterruptedException {
    // Small and quick to start: the tests boot many, and none measures speed.
    return start(
        name, environment, List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1"));
  }

  /** The same with the given JVM options instead of the tests' (the benchmark's: full JIT). */
  public static RunningRipieno start(
      String name, Map<String, String> environment, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return start(name, environment, jvmOptions, Duration.ofSeconds(120));
  }

  /**
   * The same, waiting up to {@code bootLimit} for {@code /health/live} (the benchmark's boots, on a
   * machine other builds load, can take longer than the tests' two minutes).
   */
  public static RunningRipieno start(
      String name, Map<String, String> environment, List<String> jvmOptions, Duration bootLimit)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("ripieno.test.launcherJar", "target/ripieno.jar"));
    Path log = Path.of("target", "it-logs", name + ".log");
    Files.createDirectories(log.getParent());
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> key.startsWith("RIPIENO_"));
    builder.environment().putAll(environment);
    builder.environment().put("RIPIENO_HTTP_PORT", Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    RunningRipieno ripieno = new RunningRipieno(builder.start(), port, log);
    try {
      ripieno.awaitStatus("/health/live", 200, bootLimit);
    } catch (IOException | InterruptedException | RuntimeException e) {
      // Nobody else holds the process yet: left running, it would outlive the tests.
      ripieno.process.destroyForcibly();
      throw e;
    }
    return ripieno;
  }

  /** Polls until the path answers with the status; returns how long that took. */
  public Duration awaitStatus(String path, int status, Duration limit)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Ripieno exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (get(path).statusCode() == status) {
          return Duration.ofNanos(System.nanoTime() - started);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        path + " did not answer " + status + " within " + limit + "; see " + log);
  }

  /** Time since the process was started. */
  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedAt);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  /**
   * One call: the method, the path, a token (or null), a JSON body (or null) and further headers as
   * name, value pairs.
   */
  public HttpResponse<String> send(
      String method, String path, String token, String json, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return withoutInternals(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /**
   * Every problem answer any integration test receives is checked here: one that shows a class
   * name, SQL or a stack frame fails the test at once, whatever the test itself asserts.
   */
  public static HttpResponse<String> withoutInternals(HttpResponse<String> response) {
    boolean problem =
        response
            .headers()
            .firstValue("Content-Type")
            .filter(type -> type.startsWith("application/problem+json"))
            .isPresent();
    if (problem) {
      List<String> leaks = ProblemLeaks.in(response.body());
      if (!leaks.isEmpty()) {
        throw new AssertionError(
            response.request().method()
                + " "
                + response.uri().getPath()
                + " answered "
                + response.statusCode()
                + " with internals "
                + leaks
                + ": "
                + response.body());
      }
    }
    return response;
  }

  /**
   * One call that must be answered with the status, else the test fails showing the answer; the
   * answer's JSON body.
   */
  public JsonObject expect(int status, String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> answer = send(method, path, token, json);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    return json(answer);
  }

  public static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  public Path log() {
    return log;
  }

  /**
   * Kills the application at once (SIGKILL), as a crash or the kernel's OOM killer would: no
   * shutdown hook runs, nothing in flight is finished or rolled back by the application.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The application did not die within 30 s of SIGKILL");
    }
  }

  /** The application's process id (for {@code jcmd}). */
  public long pid() {
    return process.pid();
  }

  /** Stops the application the way an operator does (SIGTERM), so shutdown hooks run. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
