package org.ripieno.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock Keycloak (the {@code keycloak-quarkus-dist} that Maven unpacks into {@code
 * target/keycloak}) started in development mode with an in-memory database and one realm imported
 * from the test resources, on a free port of 127.0.0.1. Keycloak 26 needs Java 21 or newer, which
 * the build itself does not: {@link #javaHome()} finds one.
 */
public final class RunningKeycloak implements AutoCloseable {

  /** The master realm's administrator, created at start from the bootstrap variables. */
  private static final String ADMIN = "kc-test-admin";

  private static final String ADMIN_PASSWORD = "kc-test-admin-password";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final long startedAt = System.nanoTime();

  private RunningKeycloak(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Where Maven unpacked Keycloak (system property {@code ripieno.test.keycloakHome}). */
  public static Optional<Path> home() {
    return Optional.ofNullable(System.getProperty("ripieno.test.keycloakHome"))
        .map(Path::of)
        .filter(home -> Files.isRegularFile(home.resolve("bin/kc.sh")));
  }

  /**
   * A Java 21+ installation: {@code -Dripieno.test.keycloakJavaHome}, the {@code
   * KEYCLOAK_JAVA_HOME} variable, the JVM running the tests, or the newest one under {@code
   * /usr/lib/jvm}.
   */
  public static Optional<Path> javaHome() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("ripieno.test.keycloakJavaHome"))
        .ifPresent(home -> candidates.add(Path.of(home)));
    Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME"))
        .ifPresent(home -> candidates.add(Path.of(home)));
    candidates.add(Path.of(System.getProperty("java.home")));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> installed = Files.list(jvms)) {
        candidates.addAll(
            installed
                .sorted((a, b) -> Integer.compare(featureVersion(b), featureVersion(a)))
                .toList());
      } catch (IOException e) {
        // No listing: only the named candidates.
      }
    }
    return candidates.stream()
        .filter(home -> Files.isExecutable(home.resolve("bin/java")))
        .filter(home -> featureVersion(home) >= 21)
        .findFirst();
  }

  /** The feature version in the installation's {@code release} file, 0 when unknown. */
  private static int featureVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    try (var reader = Files.newBufferedReader(release)) {
      Properties properties = new Properties();
      properties.load(reader);
      String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
      return Integer.parseInt(version.split("[.+-]")[0]);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Starts Keycloak with the realm file imported; returns at once: {@link #awaitReady} waits, so
   * that the caller can start something else meanwhile.
   */
  public static RunningKeycloak start(Path home, Path javaHome, Path realmFile) throws IOException {
    Path imports = home.resolve("data/import");
    Files.createDirectories(imports);
    try (Stream<Path> old = Files.list(imports)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    Files.copy(realmFile, imports.resolve(realmFile.getFileName()));
    int port = RunningRipieno.freePort();
    Path log = Path.of("target", "it-logs", "keycloak.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
            home.resolve("bin/kc.sh").toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--http-management-port=" + RunningRipieno.freePort(),
            "--db=dev-mem",
            "--import-realm");
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.startsWith("KC_") || key.startsWith("JAVA_OPTS"));
    environment.put("JAVA_HOME", javaHome.toString());
    // The client compiler only: Keycloak lives for a few requests here, and on two cores the
    // optimising compiler's work at start-up costs more than it ever saves.
    environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new RunningKeycloak(builder.start(), port, log);
  }

  /** Waits until the realm publishes its discovery document; returns the time since the start. */
  public Duration awaitReady(String realm, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> discovery =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (discovery.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - startedAt);
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Keycloak not ready within " + limit + "; see " + log);
  }

  /** The {@code iss} of the realm's tokens. */
  public String issuer(String realm) {
    return "http://127.0.0.1:" + port + "/realms/" + realm;
  }

  /** The realm's JWK set. */
  public String jwksUrl(String realm) {
    return issuer(realm) + "/protocol/openid-connect/certs";
  }

  /** An access token by the password grant (the client must allow direct access grants). */
  public String passwordGrant(String realm, String client, String username, String password)
      throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of(
                                "grant_type", "password",
                                "client_id", client,
                                "username", username,
                                "password", password)))));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Password grant refused: " + answer.body());
    }
    return RunningRipieno.json(answer).getString("access_token");
  }

  /** An access token of the master realm's administrator, for the admin REST API. */
  public String adminToken() throws Exception {
    return passwordGrant("master", "admin-cli", ADMIN, ADMIN_PASSWORD);
  }

  /** Calls Keycloak with a bearer token and a JSON body (or none). */
  public HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Stops Keycloak (kc.sh and the JVM it started). */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }
}
