package org.ripieno.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.testing.TestPostgres;

/**
 * The WAR that {@code mvn package} builds, deployed unchanged on stock WildFly and Payara Server
 * (distributions from Maven Central, unpacked into {@code target/servers}), configured by the
 * scripts in {@code server-config/}, answers as the runnable jar (Payara Micro) does: the same
 * login, orchestra creation to ACTIVE, orchestra read and refusal, compared field by field with the
 * runnable jar's answers to the same calls (field names, JSON types, ISO-8601 timestamps) and,
 * where nothing random is in them, value by value. One boot per server, one after the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServersDeploymentIT {

  private static final String SUBDOMAIN = "servers";
  private static final String ORCHESTRA =
      "{\"name\":\"Göteborgs Kammarorkester\",\"subdomain\":\""
          + SUBDOMAIN
          + "\",\"contactName\":\"Kontakt\",\"contactEmail\":\"servers@example.org\"}";

  /** Jackson would write these as numbers; JSON-B writes ISO-8601 instants. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

  /** Fields of an orchestra that differ between any two creations. */
  private static final Set<String> VARYING = Set.of("id", "createdAt", "updatedAt", "databaseName");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Answers runnableJar;

  /** The runnable jar's answers, from the application the other tests share (booted once). */
  private synchronized Answers runnableJar() throws Exception {
    if (runnableJar == null) {
      PlatformFixture jar = PlatformFixture.shared();
      runnableJar = Answers.collect(jar.ripieno()::uri, PlatformFixture.SUPERADMIN_PASSWORD);
    }
    return runnableJar;
  }

  @Nested
  class OnWildFly extends SameAnswers {
    @Override
    ServerProcess deploy(Map<String, String> environment, Path work) throws Exception {
      Path home = distribution("ripieno.test.wildflyHome", "bin/standalone.sh", "WildFly");
      return ServerProcess.wildFly(
          home,
          Path.of(System.getProperty("ripieno.test.eclipselinkJars")),
          war(),
          environment,
          work);
    }
  }

  @Nested
  class OnPayaraServer extends SameAnswers {
    @Override
    ServerProcess deploy(Map<String, String> environment, Path work) throws Exception {
      Path home = distribution("ripieno.test.payaraServerHome", "bin/asadmin", "Payara Server");
      return ServerProcess.payaraServer(home, war(), environment, work);
    }
  }

  /** One server: booted once for its checks, on a central database of its own. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class SameAnswers {

    private final TestPostgres postgres = new TestPostgres();
    private ServerProcess server;
    private Answers answers;

    abstract ServerProcess deploy(Map<String, String> environment, Path work) throws Exception;

    @BeforeAll
    void deployAndCall() throws Exception {
      String name = getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
      DatabaseLogin central = postgres.createEmpty(name + "central");
      Map<String, String> environment = new HashMap<>();
      environment.put("RIPIENO_CENTRAL_URL", central.address().jdbcUrl());
      environment.put("RIPIENO_CENTRAL_USER", central.user());
      Path work = Path.of("target", "it-data", name).toAbsolutePath();
      environment.put("RIPIENO_DATA_DIR", work.resolve("ripieno-data").toString());
      environment.put("RIPIENO_BOOTSTRAP_SUPERADMIN_PASSWORD", PlatformFixture.SUPERADMIN_PASSWORD);
      environment.put("RIPIENO_PROVISIONING_DATABASE_PREFIX", postgres.runPrefix());
      server = deploy(environment, work);
      System.out.printf(
          "%s: configured, started and ready with Ripieno in %d s%n",
          server.name(), server.bootTime().toSeconds());
      answers = Answers.collect(server::uri, PlatformFixture.SUPERADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        postgres.close();
      }
    }

    @Test
    void theSuperadminLogsInWithTheRunnableJarsAnswer() throws Exception {
      assertThat(answers.login.statusCode()).as(answers.login.body()).isEqualTo(200);
      assertThat(shape(answers.login)).isEqualTo(shape(runnableJar().login));
      assertThat(json(answers.login).getJsonObject("user").getString("username"))
          .isEqualTo("superadmin");
    }

    @Test
    void anOrchestraIsCreatedAsOnTheRunnableJar() throws Exception {
      assertThat(answers.created.statusCode()).as(answers.created.body()).isEqualTo(202);
      assertThat(shape(answers.created)).isEqualTo(shape(runnableJar().created));
      assertThat(json(answers.created).getJsonObject("admin").getString("username"))
          .isEqualTo(SUBDOMAIN + "-admin");
    }

    @Test
    void theActiveOrchestraReadsAsOnTheRunnableJar() throws Exception {
      assertThat(answers.read.statusCode()).as(answers.read.body()).isEqualTo(200);
      JsonObject orchestra = json(answers.read);
      assertThat(orchestra.getString("provisioningState")).isEqualTo("ACTIVE");
      assertThat(orchestra.getString("status")).isEqualTo("active");
      assertThat(shape(answers.read)).isEqualTo(shape(runnableJar().read));
      assertThat(withoutVarying(orchestra)).isEqualTo(withoutVarying(json(runnableJar().read)));
    }

    @Test
    void aRefusalIsTheSameProblemDocument() throws Exception {
      assertThat(answers.refused.statusCode()).isEqualTo(401);
      assertThat(answers.refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(json(answers.refused)).isEqualTo(json(runnableJar().refused));
    }

    /**
     * Where a server serves health and metrics elsewhere (WildFly: its management interface), the
     * web application's client-side routes must still not answer for those paths.
     */
    @Test
    void theServersAreasAreNeverTheWebApplication() throws Exception {
      for (String path : List.of("/health/ready", "/metrics", "/openapi", "/api/no-such-thing")) {
        HttpResponse<String> answer = get(server.uri(path));
        // WildFly's own 404 page for /health and /metrics (served on its management port) is
        // HTML too: what must never come is the web application's page.
        assertThat(answer.body()).as(path).doesNotContain("<script type=\"importmap\">");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).isEmpty();
        if (answer.statusCode() == 200) {
          assertThat(answer.headers().firstValue("Content-Type").orElse(""))
              .as(path)
              .doesNotStartWith("text/html");
        }
      }
    }

    @Test
    void noAnswerNamesTheServer() throws Exception {
      HttpResponse<String> page = get(server.uri("/"));
      assertThat(page.statusCode()).isEqualTo(200);
      for (HttpResponse<String> answer : List.of(page, answers.login, answers.read)) {
        assertThat(answer.headers().firstValue("Server")).as(answer.uri().toString()).isEmpty();
        assertThat(answer.headers().firstValue("X-Powered-By"))
            .as(answer.uri().toString())
            .isEmpty();
      }
    }
  }

  /** The answers to the same four calls, on one deployment. */
  private record Answers(
      HttpResponse<String> login,
      HttpResponse<String> created,
      HttpResponse<String> read,
      HttpResponse<String> refused) {

    static Answers collect(Function<String, URI> at, String password) throws Exception {
      HttpResponse<String> login =
          send(
              "POST",
              at.apply("/api/auth/login"),
              null,
              "{\"username\":\"superadmin\",\"password\":\"" + password + "\"}");
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      String token = json(login).getString("token");
      HttpResponse<String> created =
          send("POST", at.apply("/api/platform/orchestras"), token, ORCHESTRA);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      String id = json(created).getJsonObject("orchestra").getString("id");
      URI orchestra = at.apply("/api/platform/orchestras/" + id);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      HttpResponse<String> read = send("GET", orchestra, token, null);
      while (!"ACTIVE".equals(json(read).getString("provisioningState", ""))
          && System.nanoTime() < deadline) {
        assertThat(json(read).getString("provisioningState", "")).isNotEqualTo("FAILED");
        Thread.sleep(100);
        read = send("GET", orchestra, token, null);
      }
      HttpResponse<String> refused = send("GET", at.apply("/api/platform/orchestras"), null, null);
      return new Answers(login, created, read, refused);
    }
  }

  /**
   * The document's structure: field names (sorted), and for each value its JSON type, with ISO-8601
   * instants told apart from other strings and whole numbers from others.
   */
  static Object shape(HttpResponse<String> answer) {
    return shape(Json.createReader(new StringReader(answer.body())).readValue());
  }

  private static Object shape(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> {
        Map<String, Object> fields = new TreeMap<>();
        value.asJsonObject().forEach((name, field) -> fields.put(name, shape(field)));
        yield fields;
      }
      case ARRAY -> {
        List<Object> elements = new ArrayList<>();
        value.asJsonArray().forEach(element -> elements.add(shape(element)));
        yield elements;
      }
      case STRING ->
          TIMESTAMP.matcher(((jakarta.json.JsonString) value).getString()).matches()
              ? "timestamp"
              : "string";
      case NUMBER -> ((JsonNumber) value).isIntegral() ? "integer" : "decimal";
      case TRUE, FALSE -> "boolean";
      case NULL -> "null";
    };
  }

  private static JsonObject withoutVarying(JsonObject orchestra) {
    var kept = Json.createObjectBuilder(orchestra);
    VARYING.forEach(kept::remove);
    return kept.build();
  }

  private static JsonObject json(HttpResponse<String> answer) {
    return RunningRipieno.json(answer);
  }

  private static Path distribution(String property, String launcher, String name) {
    String home = System.getProperty(property);
    assumeTrue(
        home != null && Files.isRegularFile(Path.of(home, launcher)),
        name
            + " is not unpacked (system property "
            + property
            + " = "
            + home
            + "): mvn verify unpacks it into target/servers unless -Dservers.skip=true");
    return Path.of(home);
  }

  private static Path war() {
    Path war =
        Path.of(System.getProperty("ripieno.test.launcherJar", "target/ripieno.jar"))
            .resolveSibling("ripieno.war")
            .toAbsolutePath();
    assertThat(war).as("the WAR mvn package builds").isRegularFile();
    return war;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return send("GET", uri, null, null);
  }

  private static HttpResponse<String> send(String method, URI uri, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
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
    return RunningRipieno.withoutInternals(
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }
}
