package org.ripieno.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.Endpoints;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Every operation of {@code /openapi}, called with an input generated from its schema and then with
 * that input broken (wrong types, missing, extra and null fields, huge and unicode strings, SQL
 * text, path parameters with {@code ..} and {@code %00}, another orchestra's ids). Whatever comes
 * in: never a 5xx, a refusal is problem+json, and nothing changes in central or in either orchestra
 * database unless the answer is a 2xx. A fixed seed makes every run send the same calls.
 *
 * <p>Its own application: the fingerprints compare whole databases before and after each call, so
 * no other test class may write to central meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedInputIT {

  private static final long SEED = 15L;
  private static final int BROKEN_PER_OPERATION = 24;

  /**
   * Operations the loop never calls, with the reason; everything else in the document is called.
   * None today: the two that could do harm with a valid input are safe here, since nothing the
   * generator makes is valid for them (central restore needs a whole central export; orchestra
   * removal needs confirm set to the orchestra's subdomain), and a fleet migration of the two
   * orchestra databases takes a moment.
   */
  private static final Map<String, String> NOT_CALLED = Map.of();

  private static final String A = "orch-fuzz";
  private static final String A_SUBDOMAIN = "fuzz";
  private static final String B = "orch-fuzz-other";
  private static final String B_SUBDOMAIN = "fuzzother";

  private static final String HUGE = "x".repeat(100_000);
  private static final String UNICODE = "Ωmega \u202Eevil\u202C 😀 e\u0301 \uFEFF 漢字 \u2028";
  private static final String NUL = "nul\u0000byte";
  private static final String SQL = "x'); drop table \"Musician\"; --";

  /** Path parameter values as they go on the wire (already encoded where they need to be). */
  private static final List<String> BROKEN_PATH_VALUES =
      List.of(
          "..",
          "%2e%2e",
          "..%2f..%2fplatform",
          "%00",
          "1%00",
          enc(SQL),
          enc("1 OR 1=1"),
          "-1",
          "0",
          "2147483648",
          "99999999999999999999",
          "1.5",
          enc(UNICODE),
          "x".repeat(3000),
          "%ff%fe",
          "%2F");

  private static final List<String> BROKEN_QUERY_VALUES =
      List.of(
          "abc",
          "-1",
          "0",
          "2147483648",
          "1.5",
          "",
          enc(SQL),
          enc(UNICODE),
          "%00",
          "x".repeat(3000),
          "1e400",
          "true");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PlatformFixture fixture;
  private RunningRipieno ripieno;
  private JsonObject openapi;
  private JsonObject schemas;
  private Fingerprints fingerprints;
  private String superadmin;
  private String admin;

  /** Path parameter values that exist: of orchestra A, and of orchestra B (the other one). */
  private final Map<String, String> idsOfA = new TreeMap<>();

  private final Map<String, String> idsOfB = new TreeMap<>();

  private final Map<Integer, Integer> statuses = new TreeMap<>();

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.start("fuzz");
    ripieno = fixture.ripieno();
    superadmin = fixture.superadmin();
    DatabaseLogin databaseA = fixture.registerOrchestra(A, A_SUBDOMAIN, "Fuzzorkestern");
    DatabaseLogin databaseB = fixture.registerOrchestra(B, B_SUBDOMAIN, "Andra orkestern");
    fixture.createUser("fuzz-admin", "admin", A, "fuzz-admin-password");
    String adminB = fixture.createUser("fuzz-admin-b", "admin", B, "fuzz-admin-b-password");
    admin = fixture.login("fuzz-admin", "fuzz-admin-password");
    register(idsOfA, admin, A_SUBDOMAIN, fixture.createUser("fuzz-target", "user", A, null));
    register(
        idsOfB,
        fixture.login("fuzz-admin-b", "fuzz-admin-b-password"),
        B_SUBDOMAIN,
        fixture.createUser("fuzz-target-b", "user", B, null));
    idsOfB.put("adminUser", adminB);
    idsOfA.put("platformOrchestra", B);
    idsOfB.put("platformOrchestra", A);
    idsOfA.put("platformUser", fixture.createUser("fuzz-platform-target", "user", B, null));
    idsOfB.put("platformUser", adminB);

    HttpResponse<String> document =
        ripieno.send("GET", "/openapi", null, null, "Accept", "application/json");
    assertThat(document.statusCode()).isEqualTo(200);
    openapi = Json.createReader(new StringReader(document.body())).readObject();
    schemas = openapi.getJsonObject("components").getJsonObject("schemas");
    fingerprints = new Fingerprints(fixture.central(), databaseA, databaseB);
  }

  @AfterAll
  void stop() throws Exception {
    if (fingerprints != null) {
      fingerprints.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /** An instrument with a position, a musician, a ranking list, a project, a need and so on. */
  private void register(Map<String, String> ids, String token, String subdomain, String user)
      throws Exception {
    String base = "/api/orchestras/" + subdomain;
    JsonObject instrument =
        created(
            token,
            base + "/instruments",
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Tutti\"}]}");
    String position = id(instrument.getJsonArray("positions").getJsonObject(0));
    String musician =
        id(
            created(
                token,
                base + "/musicians",
                "{\"firstName\":\"Vi\",\"lastName\":\"Olin\",\"email\":\"vi@example.org\","
                    + "\"qualificationIds\":["
                    + position
                    + "]}"));
    String list =
        id(
            created(
                token,
                base + "/ranking-lists",
                "{\"positionId\":" + position + ",\"listType\":\"A\"}"));
    created(
        token, base + "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}");
    String project =
        id(
            created(
                token, base + "/projects", "{\"name\":\"Projekt\",\"startDate\":\"2031-02-03\"}"));
    String custom =
        id(
            created(
                token,
                base + "/projects/" + project + "/custom-lists",
                "{\"positionId\":" + position + ",\"musicianIds\":[" + musician + "]}"));
    String need =
        id(
            created(
                token,
                base + "/projects/" + project + "/needs",
                "{\"positionId\":"
                    + position
                    + ",\"quantity\":1,\"rankingListId\":"
                    + list
                    + ",\"requestStrategy\":\"sequential\"}"));
    HttpResponse<String> templates = ripieno.send("GET", base + "/templates", token, null);
    JsonArray items = RunningRipieno.json(templates).getJsonArray("items");
    ids.put("subdomain", subdomain);
    ids.put("instruments", id(instrument));
    ids.put("positions", position);
    ids.put("musicians", musician);
    ids.put("musicianId", musician);
    ids.put("positionId", position);
    ids.put("ranking-lists", list);
    ids.put("rankingListId", list);
    ids.put("projects", project);
    ids.put("projectId", project);
    ids.put("custom-lists", custom);
    ids.put("customRankingListId", custom);
    ids.put("needs", need);
    ids.put("needId", need);
    ids.put("templates", items.isEmpty() ? "1" : id(items.getJsonObject(0)));
    ids.put("users", user);
  }

  private JsonObject created(String token, String path, String body) throws Exception {
    HttpResponse<String> answer = ripieno.send("POST", path, token, body);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(201);
    return RunningRipieno.json(answer);
  }

  private static String id(JsonObject object) {
    JsonValue id = object.get("id");
    return id instanceof JsonString text ? text.getString() : id.toString();
  }

  @Test
  void noGeneratedOrBrokenInputGetsA5xxOrChangesAnythingWithoutA2xx() throws Exception {
    long started = System.nanoTime();
    List<Operation> operations = operations();
    List<String> failures = new ArrayList<>();
    List<Call> valid = new ArrayList<>();
    int calls = 0;
    for (Operation operation : operations) {
      if (NOT_CALLED.containsKey(operation.toString())) {
        continue;
      }
      Random random = new Random(SEED ^ operation.toString().hashCode());
      List<Call> broken = broken(operation, random);
      Collections.shuffle(broken, random);
      for (int i = 0; i < broken.size(); i++) {
        // A sample of each operation's breakages, and every reach into the other orchestra.
        if (i < BROKEN_PER_OPERATION || broken.get(i).what().contains("other orchestra")) {
          calls++;
          check(broken.get(i), failures);
        }
      }
      valid.add(validCall(operation, "generated"));
    }
    // The generated inputs last, removals at the very end: they may change or remove the records
    // that the broken ones aim at.
    valid.sort((a, b) -> Boolean.compare(a.removes(), b.removes()));
    for (Call call : valid) {
      calls++;
      check(call, failures);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "Generated input: %d operations, %d calls in %d s (seed %d), answers by status %s;"
            + " not called: %s%n",
        operations.size(), calls, took.toSeconds(), SEED, statuses, new TreeMap<>(NOT_CALLED));
    assertThat(failures).as("%d calls, of which these failed", calls).isEmpty();
  }

  @Test
  void theDocumentDescribesEveryOperationItsBodyAndItsAnswers() throws Exception {
    List<String> gaps = new ArrayList<>();
    JsonObject paths = openapi.getJsonObject("paths");
    for (Endpoints.Endpoint endpoint : Endpoints.all()) {
      String path = "/api/" + endpoint.template();
      String method = endpoint.method().toLowerCase(java.util.Locale.ROOT);
      if (!paths.containsKey(path) || !paths.getJsonObject(path).containsKey(method)) {
        gaps.add(endpoint + ": not in the document");
        continue;
      }
      JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
      if (endpoint.takesBody()) {
        JsonObject content =
            operation.containsKey("requestBody")
                ? operation.getJsonObject("requestBody").getJsonObject("content")
                : JsonValue.EMPTY_JSON_OBJECT;
        if (content.isEmpty()
            || content.values().stream()
                .anyMatch(type -> !described(type.asJsonObject().getJsonObject("schema")))) {
          gaps.add(endpoint + ": its request body has no schema: " + content);
        }
      }
      JsonObject responses = operation.getJsonObject("responses");
      boolean success = false;
      boolean refusal = false;
      for (Map.Entry<String, JsonValue> response : responses.entrySet()) {
        String code = response.getKey();
        JsonObject content = response.getValue().asJsonObject().getJsonObject("content");
        if (code.startsWith("2")) {
          success = true;
          if (content == null && !code.equals("204")) {
            gaps.add(endpoint + ": answer " + code + " does not say what it holds");
          }
          if (content != null) {
            content.forEach(
                (type, media) -> {
                  if (!described(media.asJsonObject().getJsonObject("schema"))) {
                    gaps.add(endpoint + ": answer " + code + " " + type + " has no schema");
                  }
                });
          }
        }
        if (code.startsWith("4")) {
          refusal = true;
          JsonObject problem = content == null ? null : content.getJsonObject(Problem.MEDIA_TYPE);
          if (problem == null || !described(problem.getJsonObject("schema"))) {
            gaps.add(endpoint + ": refusal " + code + " is not described as problem+json");
          }
        }
      }
      if (endpoint.isPublic() == responses.containsKey("401")) {
        gaps.add(endpoint + (endpoint.isPublic() ? ": public, yet answers 401" : ": no 401"));
      }
      if (!success) {
        gaps.add(endpoint + ": no success answer (only " + responses.keySet() + ")");
      }
      boolean takesInput = endpoint.takesBody() || operation.containsKey("parameters");
      if (!refusal && (takesInput || !endpoint.isPublic())) {
        gaps.add(endpoint + ": no refusal described");
      }
    }
    assertThat(gaps).isEmpty();
  }

  /**
   * A schema says something: a reference, an object with properties (or typed additional ones), an
   * array of described items, or a scalar type.
   */
  private boolean described(JsonObject schema) {
    if (schema == null) {
      return false;
    }
    if (schema.containsKey("$ref")) {
      return true;
    }
    String type = schema.getString("type", "");
    return switch (type) {
      case "object" ->
          schema.containsKey("properties") && !schema.getJsonObject("properties").isEmpty()
              || schema.get("additionalProperties") instanceof JsonObject;
      case "array" -> described(schema.getJsonObject("items"));
      case "" -> false;
      default -> true;
    };
  }

  /** One call: who, what, and which orchestra databases it may touch at all. */
  private record Call(
      Operation operation,
      String what,
      String token,
      String path,
      String contentType,
      String body) {

    boolean removes() {
      return operation.method().equals("DELETE") || operation.path().endsWith("/erase");
    }

    @Override
    public String toString() {
      return operation + " [" + what + "] " + abbreviated(path);
    }
  }

  private void check(Call call, List<String> failures) throws Exception {
    Map<String, Map<String, String>> before = fingerprints.take();
    HttpResponse<String> answer;
    try {
      answer = send(call);
    } catch (AssertionError leak) {
      failures.add(call + ": " + leak.getMessage());
      return;
    } catch (java.io.IOException e) {
      failures.add(call + ": no answer: " + e);
      return;
    }
    int status = answer.statusCode();
    statuses.merge(status, 1, Integer::sum);
    String refusal = expectedRefusal(call);
    if (refusal != null && (status < 400 || status >= 500)) {
      failures.add(call + " answered " + status + ", but must be refused: " + refusal);
    }
    if (status >= 500) {
      failures.add(call + " answered " + status + ": " + abbreviated(answer.body()));
    }
    if (status >= 400
        && !refusedBeforeTheApi(call, answer)
        && !answer.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE)) {
      failures.add(call + " answered " + status + " without problem+json: " + answer.headers());
    }
    if (status == 202) {
      awaitBackgroundWork(answer);
    }
    Map<String, Map<String, String>> after =
        status == 202 ? fingerprints.settled() : fingerprints.take();
    boolean success = status >= 200 && status < 300;
    for (String database : before.keySet()) {
      boolean mayChange =
          success
              && !(database.equals("orchestra B")
                  && call.token() != null
                  && call.token().equals(admin));
      if (!mayChange && !before.get(database).equals(after.get(database))) {
        failures.add(
            call
                + " answered "
                + status
                + " and changed "
                + database
                + " "
                + changed(before.get(database), after.get(database)));
      }
    }
  }

  /**
   * A 202 started work that goes on after the answer (provisioning, a fleet migration): waits until
   * what its Location describes has ended, so that the next call's fingerprints compare only what
   * that call did.
   */
  private void awaitBackgroundWork(HttpResponse<String> accepted) throws Exception {
    String location = accepted.headers().firstValue("Location").orElse(null);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (location != null && System.nanoTime() < deadline) {
      HttpResponse<String> state =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(location))
                  .header("Authorization", "Bearer " + superadmin)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (state.statusCode() != 200) {
        return;
      }
      JsonObject work = RunningRipieno.json(state);
      String progress =
          work.getString("provisioningState", work.getString("status", ""))
              .toUpperCase(java.util.Locale.ROOT);
      if (List.of("ACTIVE", "FAILED", "SUCCEEDED").contains(progress)) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /** Why the call must be refused whatever else it holds, or null. */
  private static String expectedRefusal(Call call) {
    boolean isPublic = call.operation().described().containsKey("x-public");
    String path = call.operation().path();
    return switch (call.what()) {
      case "no token", "a forged token" -> isPublic ? null : "it is not signed in";
      case "as an orchestra admin" -> "platform operations are the superadmin's";
      case "the other orchestra's subdomain and ids", "subdomain of the other orchestra" ->
          "the other orchestra is not the admin's";
      case "id of the other orchestra" ->
          path.startsWith("/api/orchestras/{subdomain}/users/")
              ? "the account belongs to the other orchestra"
              : null;
      default -> null;
    };
  }

  /**
   * Refusals made before the API sees the request, which therefore are not problem+json: the HTTP
   * layer's bodiless 400 for a path that does not decode (an encoded NUL, bytes that are not
   * UTF-8), and the web application's answer for a path that an encoded {@code ..%2f} took out of
   * {@code /api} (it then never reached the API at all).
   */
  private static boolean refusedBeforeTheApi(Call call, HttpResponse<String> answer) {
    String rawPath = call.path().split("\\?", 2)[0].toLowerCase(java.util.Locale.ROOT);
    if (answer.statusCode() == 400
        && answer.body().isEmpty()
        && (rawPath.contains("%00") || rawPath.contains("%ff"))) {
      return true;
    }
    String decoded = URI.create(rawPath).getPath();
    return !URI.create(enc(decoded).replace("%2F", "/")).normalize().getPath().startsWith("/api/");
  }

  private static List<String> changed(Map<String, String> before, Map<String, String> after) {
    List<String> tables = new ArrayList<>();
    for (String table : after.keySet()) {
      if (!after.get(table).equals(before.get(table))) {
        tables.add(table);
      }
    }
    return tables;
  }

  private HttpResponse<String> send(Call call) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ripieno.uri("").toString() + call.path()))
            .timeout(Duration.ofSeconds(30))
            .method(
                call.operation().method(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    if (call.token() != null) {
      request.header("Authorization", "Bearer " + call.token());
    }
    return RunningRipieno.withoutInternals(
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  // ---- the operations and their inputs

  /** One operation of the document: method, path template, parameters and body schema. */
  record Operation(
      String method,
      String path,
      List<JsonObject> parameters,
      JsonObject body,
      String bodyType,
      JsonObject described) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = openapi.getJsonObject("paths");
    for (String path : new TreeMap<>(paths).keySet()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (!item.containsKey(method)) {
          continue;
        }
        JsonObject operation = item.getJsonObject(method);
        List<JsonObject> parameters = new ArrayList<>();
        if (operation.containsKey("parameters")) {
          operation.getJsonArray("parameters").forEach(p -> parameters.add(p.asJsonObject()));
        }
        JsonObject body = null;
        String bodyType = null;
        if (operation.containsKey("requestBody")) {
          JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
          bodyType =
              content.containsKey("application/json")
                  ? "application/json"
                  : content.keySet().iterator().next();
          body = content.getJsonObject(bodyType).getJsonObject("schema");
        }
        operations.add(
            new Operation(
                method.toUpperCase(java.util.Locale.ROOT),
                path,
                parameters,
                body,
                bodyType == null || bodyType.equals("*/*") ? "application/json" : bodyType,
                operation));
      }
    }
    return operations;
  }

  private String tokenFor(Operation operation) {
    if (operation.path().startsWith("/api/platform/")) {
      return superadmin;
    }
    if (operation.path().startsWith("/api/public/")) {
      return null;
    }
    return admin;
  }

  private Call validCall(Operation operation, String what) {
    return new Call(
        operation,
        what,
        tokenFor(operation),
        path(operation, idsOfA, Map.of()) + query(operation, Map.of()),
        operation.body() == null ? null : operation.bodyType(),
        operation.body() == null ? null : generate(operation.body(), "", 0).toString());
  }

  /** Every broken variant of the operation; the caller samples them. */
  private List<Call> broken(Operation operation, Random random) {
    List<Call> calls = new ArrayList<>();
    String token = tokenFor(operation);
    String validPath = path(operation, idsOfA, Map.of());
    String validQuery = query(operation, Map.of());
    String validBody =
        operation.body() == null ? null : generate(operation.body(), "", 0).toString();
    String type = operation.body() == null ? null : operation.bodyType();

    for (String name : pathParameters(operation)) {
      calls.add(
          new Call(
              operation,
              name + " of the other orchestra",
              token,
              path(operation, idsOfA, Map.of(name, idsOfB.getOrDefault(name, "1"))) + validQuery,
              type,
              validBody));
      for (String value : BROKEN_PATH_VALUES) {
        calls.add(
            new Call(
                operation,
                name + "=" + abbreviated(value),
                token,
                path(operation, idsOfA, Map.of(name, value)) + validQuery,
                type,
                validBody));
      }
    }
    if (operation.path().startsWith("/api/orchestras/{subdomain}")) {
      // The other orchestra's records through its own subdomain, asked by this orchestra's admin.
      calls.add(
          new Call(
              operation,
              "the other orchestra's subdomain and ids",
              admin,
              path(operation, idsOfB, Map.of()) + validQuery,
              type,
              validBody));
    }
    if (operation.path().startsWith("/api/platform/")) {
      calls.add(
          new Call(
              operation, "as an orchestra admin", admin, validPath + validQuery, type, validBody));
    }
    for (JsonObject parameter : operation.parameters()) {
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      String name = parameter.getString("name");
      for (String value : BROKEN_QUERY_VALUES) {
        calls.add(
            new Call(
                operation,
                name + "=" + abbreviated(value),
                token,
                validPath + query(operation, Map.of(name, value)),
                type,
                validBody));
      }
    }
    if (operation.body() != null) {
      for (Map.Entry<String, String> body : brokenBodies(operation.body(), random).entrySet()) {
        calls.add(
            new Call(
                operation, body.getKey(), token, validPath + validQuery, type, body.getValue()));
      }
      calls.add(new Call(operation, "no body", token, validPath + validQuery, null, null));
      calls.add(
          new Call(
              operation,
              "text/plain body",
              token,
              validPath + validQuery,
              "text/plain",
              validBody));
    } else if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
      calls.add(
          new Call(
              operation,
              "an unexpected body",
              token,
              validPath + validQuery,
              "application/json",
              "{\"unexpected\":1}"));
    }
    calls.add(new Call(operation, "no token", null, validPath + validQuery, type, validBody));
    calls.add(
        new Call(
            operation, "a forged token", "eyJhbGciOiJub25lIn0.e30.", validPath, type, validBody));
    return calls;
  }

  private static List<String> pathParameters(Operation operation) {
    List<String> names = new ArrayList<>();
    Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(operation.path());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The path with each parameter set: from the overrides, else the record of that kind (named by
   * the parameter or by the collection before it) in the given orchestra.
   */
  private static String path(
      Operation operation, Map<String, String> ids, Map<String, String> overrides) {
    String[] segments = operation.path().split("/");
    StringBuilder path = new StringBuilder();
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      path.append('/');
      if (!segment.startsWith("{")) {
        path.append(segment);
        continue;
      }
      String name = segment.substring(1, segment.length() - 1);
      if (overrides.containsKey(name)) {
        path.append(overrides.get(name));
        continue;
      }
      String collection = segments[i - 1];
      String value;
      if (operation.path().startsWith("/api/platform/orchestras/")) {
        value = ids.get("platformOrchestra");
      } else if (operation.path().startsWith("/api/platform/users/")) {
        value = ids.get("platformUser");
      } else if (ids.containsKey(name)) {
        value = ids.get(name);
      } else if (ids.containsKey(collection)) {
        value = ids.get(collection);
      } else {
        value = "nothing-" + name;
      }
      path.append(enc(value));
    }
    return path.toString();
  }

  private String query(Operation operation, Map<String, String> overrides) {
    StringBuilder query = new StringBuilder();
    for (JsonObject parameter : operation.parameters()) {
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      String name = parameter.getString("name");
      String value = overrides.get(name);
      if (value == null) {
        JsonValue generated = generate(parameter.getJsonObject("schema"), name, 0);
        value = enc(generated instanceof JsonString text ? text.getString() : generated.toString());
      }
      query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(value);
    }
    return query.toString();
  }

  /** A valid value of the schema; property names pick ids of orchestra A and plausible text. */
  private JsonValue generate(JsonObject schema, String name, int depth) {
    JsonObject resolved = resolve(schema);
    String type = resolved.getString("type", resolved.containsKey("properties") ? "object" : "");
    if (resolved.containsKey("enum")) {
      return resolved.getJsonArray("enum").get(0);
    }
    switch (type) {
      case "object":
        JsonObjectBuilder object = Json.createObjectBuilder();
        if (depth < 4 && resolved.containsKey("properties")) {
          for (Map.Entry<String, JsonValue> property :
              resolved.getJsonObject("properties").entrySet()) {
            object.add(
                property.getKey(),
                generate(property.getValue().asJsonObject(), property.getKey(), depth + 1));
          }
        }
        return object.build();
      case "array":
        JsonArrayBuilder array = Json.createArrayBuilder();
        if (depth < 4 && resolved.containsKey("items")) {
          array.add(generate(resolved.getJsonObject("items"), singular(name), depth + 1));
        }
        return array.build();
      case "integer":
      case "number":
        String id = idsOfA.get(name.endsWith("Ids") ? singular(name) : name);
        if (id != null && id.matches("\\d+")) {
          return Json.createValue(Integer.parseInt(id));
        }
        return Json.createValue(name.equals("page") ? 1 : name.equals("size") ? 20 : 2);
      case "boolean":
        return JsonValue.FALSE;
      default:
        return Json.createValue(plausibleText(name));
    }
  }

  private static String singular(String name) {
    return name.endsWith("Ids") ? name.substring(0, name.length() - 1) : name;
  }

  private static String plausibleText(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("email")) {
      return "fuzz@example.org";
    }
    if (lower.contains("date") || lower.equals("from") || lower.equals("to")) {
      return "2031-05-01";
    }
    if (lower.equals("since")) {
      return "2031-05-01T10:00:00Z";
    }
    if (lower.equals("subdomain")) {
      return "fuzzprov";
    }
    if (lower.contains("url")) {
      return "https://example.org/x";
    }
    if (lower.contains("password")) {
      return "a-long-enough-password-1";
    }
    return "Fuzz " + name;
  }

  private JsonObject resolve(JsonObject schema) {
    JsonObject resolved = schema;
    for (int i = 0; i < 10 && resolved.containsKey("$ref"); i++) {
      String ref = resolved.getString("$ref");
      resolved = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return resolved;
  }

  /** Bodies that are not the schema's: whole-body breakage, then each field broken in turn. */
  private Map<String, String> brokenBodies(JsonObject schema, Random random) {
    Map<String, String> bodies = new LinkedHashMap<>();
    JsonValue valid = generate(schema, "", 0);
    bodies.put("not JSON", "{\"a\":");
    bodies.put("JSON null", "null");
    bodies.put("empty body", "");
    bodies.put("an array", "[]");
    bodies.put("a number", "42");
    bodies.put("a string", "\"" + SQL.replace("\"", "\\\"") + "\"");
    bodies.put("deeply nested", "[".repeat(20_000) + "]".repeat(20_000));
    bodies.put("2 MB", "{\"x\":\"" + "y".repeat(2_000_000) + "\"}");
    if (valid instanceof JsonObject object) {
      bodies.put("an extra field", withField(object, "unexpectedField", Json.createValue(1)));
      bodies.put("an object for a field", "{\"" + "a".repeat(500) + "\":{}}");
      for (String field : object.keySet()) {
        JsonObject fieldSchema =
            resolve(resolve(schema).getJsonObject("properties").getJsonObject(field));
        bodies.put(field + " missing", without(object, field));
        bodies.put(field + " null", withField(object, field, JsonValue.NULL));
        for (Map.Entry<String, JsonValue> wrong : wrongValues(fieldSchema, random).entrySet()) {
          bodies.put(field + " " + wrong.getKey(), withField(object, field, wrong.getValue()));
        }
      }
    } else if (valid instanceof JsonArray) {
      bodies.put("an array of nulls", "[null,null]");
      bodies.put("an array of objects", "[{},{\"a\":1}]");
      bodies.put("an object", "{}");
    }
    return bodies;
  }

  private static Map<String, JsonValue> wrongValues(JsonObject schema, Random random) {
    Map<String, JsonValue> values = new LinkedHashMap<>();
    String type = schema.getString("type", schema.containsKey("properties") ? "object" : "");
    values.put("huge", Json.createValue(HUGE));
    values.put("unicode", Json.createValue(UNICODE));
    values.put("with a NUL", Json.createValue(NUL));
    values.put("SQL", Json.createValue(SQL));
    values.put("an object", JsonValue.EMPTY_JSON_OBJECT);
    values.put("an array", Json.createArrayBuilder().add(1).add("a").addNull().build());
    values.put("true", JsonValue.TRUE);
    values.put("-1", Json.createValue(-1));
    values.put("beyond long", Json.createValue(new java.math.BigInteger("9223372036854775808")));
    values.put("1e308", Json.createValue(1e308));
    values.put("a fraction", Json.createValue(0.5));
    values.put("empty", Json.createValue(""));
    values.put("blank", Json.createValue("   "));
    values.put("a number " + random.nextInt(1000), Json.createValue(random.nextInt()));
    if (type.equals("array")) {
      values.put("array of nulls", Json.createArrayBuilder().addNull().build());
      values.put("array of huge", Json.createArrayBuilder().add(HUGE).build());
      values.put("array of -1", Json.createArrayBuilder().add(-1).add(-1).build());
      values.put(
          "array of objects", Json.createArrayBuilder().add(JsonValue.EMPTY_JSON_OBJECT).build());
    }
    if (type.equals("object")) {
      values.put("object with extra", Json.createObjectBuilder().add("zz", SQL).build());
    }
    return values;
  }

  private static String withField(JsonObject object, String field, JsonValue value) {
    return Json.createObjectBuilder(object).add(field, value).build().toString();
  }

  private static String without(JsonObject object, String field) {
    return Json.createObjectBuilder(object).remove(field).build().toString();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviated(String text) {
    return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }

  // ---- what changed

  /**
   * Each table's rows, counted and hashed, in central (but its system log, which records refusals
   * on purpose) and in both orchestra databases: one query per database, a few milliseconds.
   */
  static final class Fingerprints implements AutoCloseable {

    /**
     * Columns the staffing jobs write on their own schedule, whatever the requests do: their
     * bookkeeping of the last run and the next one due.
     */
    private static final String BOOKKEEPING =
        "'jobsDueAt', 'jobsLastRunAt', 'jobsLastResult', 'jobsFailures'";

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> queries = new LinkedHashMap<>();

    Fingerprints(DatabaseLogin central, DatabaseLogin orchestraA, DatabaseLogin orchestraB)
        throws SQLException {
      open("central", central, List.of("SystemLog", "flyway_schema_history"));
      open("orchestra A", orchestraA, List.of("flyway_schema_history"));
      open("orchestra B", orchestraB, List.of("flyway_schema_history"));
    }

    private void open(String name, DatabaseLogin login, List<String> ignored) throws SQLException {
      Connection connection = login.connect();
      connections.put(name, connection);
      List<String> parts = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet tables =
              statement.executeQuery(
                  "select table_name from information_schema.tables where table_schema ="
                      + " 'public' and table_type = 'BASE TABLE' order by 1")) {
        while (tables.next()) {
          String table = tables.getString(1);
          if (!ignored.contains(table)) {
            parts.add(
                "select '"
                    + table
                    + "', count(*) || ':' || coalesce(sum(hashtext((to_jsonb(t) - array["
                    + BOOKKEEPING
                    + "])::text)::bigint), 0) from \""
                    + table
                    + "\" t");
          }
        }
      }
      queries.put(name, String.join(" union all ", parts));
    }

    Map<String, Map<String, String>> take() throws SQLException {
      Map<String, Map<String, String>> all = new LinkedHashMap<>();
      for (Map.Entry<String, Connection> database : connections.entrySet()) {
        Map<String, String> tables = new TreeMap<>();
        try (Statement statement = database.getValue().createStatement();
            ResultSet rows = statement.executeQuery(queries.get(database.getKey()))) {
          while (rows.next()) {
            tables.put(rows.getString(1), rows.getString(2));
          }
        }
        all.put(database.getKey(), tables);
      }
      return all;
    }

    /** After a 202 (work goes on in the background): the fingerprints once they stop changing. */
    Map<String, Map<String, String>> settled() throws Exception {
      Map<String, Map<String, String>> last = take();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        Thread.sleep(300);
        Map<String, Map<String, String>> now = take();
        if (now.equals(last)) {
          return now;
        }
        last = now;
      }
      return last;
    }

    @Override
    public void close() throws SQLException {
      for (Connection connection : connections.values()) {
        connection.close();
      }
    }
  }
}
