package org.ripieno.testing;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * One orchestra of a staffing integration test, as every such test starts it: registered on a
 * running platform with its admin signed in. The admin's calls build the register and the projects
 * through the API (on any instance of the platform), and the orchestra's database is at hand for
 * what no endpoint shows and for moving time.
 */
public final class StaffingScenario {

  private final PlatformFixture fixture;
  private final RunningRipieno instance;
  private final String orchestraId;
  private final String base;
  private final DatabaseLogin database;
  private final String admin;

  /** Weeks given to projects so far: shared by every instance's view of the orchestra. */
  private final AtomicInteger weeks;

  private StaffingScenario(
      PlatformFixture fixture,
      RunningRipieno instance,
      String orchestraId,
      String base,
      DatabaseLogin database,
      String admin,
      AtomicInteger weeks) {
    this.fixture = fixture;
    this.instance = instance;
    this.orchestraId = orchestraId;
    this.base = base;
    this.database = database;
    this.admin = admin;
    this.weeks = weeks;
  }

  /**
   * Registers the orchestra on the fixture's platform and signs in a new admin of it, {@code
   * adminName} with the password {@code adminName + "-password"}.
   */
  public static StaffingScenario register(
      PlatformFixture fixture, String orchestraId, String subdomain, String name, String adminName)
      throws Exception {
    DatabaseLogin database = fixture.registerOrchestra(orchestraId, subdomain, name);
    fixture.createUser(adminName, "admin", orchestraId, adminName + "-password");
    String admin = fixture.login(adminName, adminName + "-password");
    return new StaffingScenario(
        fixture,
        fixture.ripieno(),
        orchestraId,
        "/api/orchestras/" + subdomain,
        database,
        admin,
        new AtomicInteger());
  }

  /** The same orchestra and admin, called through another instance of the platform. */
  public StaffingScenario on(RunningRipieno other) {
    return new StaffingScenario(fixture, other, orchestraId, base, database, admin, weeks);
  }

  /** The orchestra's central id. */
  public String id() {
    return orchestraId;
  }

  public String admin() {
    return admin;
  }

  public DatabaseLogin database() {
    return database;
  }

  /** Lifts the plan's limit of 20 upcoming projects, for tests that make projects of their own. */
  public void allowManyProjects() throws Exception {
    fixture.onCentral(
        "update \"Orchestra\" set \"maxProjects\" = 1000 where id = '" + orchestraId + "'");
  }

  /** Makes the orchestra's jobs due now, as its work would after a change Ripieno made. */
  public void dueNow() throws Exception {
    fixture.jobsDueNow(orchestraId);
  }

  // --- the admin's calls, on a path below the orchestra's (/projects, /musicians, ...) ---

  public HttpResponse<String> call(String method, String path, String body) throws Exception {
    return instance.send(method, base + path, admin, body);
  }

  /** A call that must be answered with the status; the answer's JSON. */
  public JsonObject ok(String method, String path, String body, int status) throws Exception {
    return instance.expect(status, method, base + path, admin, body);
  }

  /** Creates an instrument from its JSON; the ids of its positions, in the order given. */
  public List<Integer> instrument(String body) throws Exception {
    return ok("POST", "/instruments", body, 201)
        .getJsonArray("positions")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(position -> position.getInt("id"))
        .toList();
  }

  /** Creates a musician from its JSON; the id. */
  public int musician(String body) throws Exception {
    return ok("POST", "/musicians", body, 201).getInt("id");
  }

  /** A ranking list of the type for the position, with the members in rank order. */
  public int rankingList(int position, String type, List<Integer> members) throws Exception {
    int list =
        ok(
                "POST",
                "/ranking-lists",
                "{\"positionId\":" + position + ",\"listType\":\"" + type + "\"}",
                201)
            .getInt("id");
    for (int musician : members) {
      ok("POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}", 201);
    }
    return list;
  }

  /**
   * A project named {@code "<name> <n>"} in the n-th week after {@code start}, n counting this
   * orchestra's projects: each in a week of its own, so nobody is busy the same week.
   */
  public int projectInItsOwnWeek(String name, LocalDate start) throws Exception {
    int week = weeks.incrementAndGet();
    return ok(
            "POST",
            "/projects",
            "{\"name\":\""
                + name
                + " "
                + week
                + "\",\"startDate\":\""
                + start.plusWeeks(week)
                + "\"}",
            201)
        .getInt("id");
  }

  /**
   * A need of the project for the position, on the ranking list, with {@code extra} JSON fields
   * (each after a comma, or empty).
   */
  public int need(int project, int position, int list, int quantity, String strategy, String extra)
      throws Exception {
    return need(project, position, "rankingListId", list, quantity, strategy, extra);
  }

  /** As above, on the list the field names: {@code rankingListId} or {@code customListId}. */
  public int need(
      int project,
      int position,
      String listField,
      int list,
      int quantity,
      String strategy,
      String extra)
      throws Exception {
    return ok(
            "POST",
            "/projects/" + project + "/needs",
            "{\"positionId\":"
                + position
                + ",\"quantity\":"
                + quantity
                + ",\""
                + listField
                + "\":"
                + list
                + ",\"requestStrategy\":\""
                + strategy
                + "\""
                + extra
                + "}",
            201)
        .getInt("id");
  }

  /** Sends the project's need (all of its needs when null); the answer. */
  public JsonObject send(int project, Integer need) throws Exception {
    return ok(
        "POST",
        "/projects/" + project + "/send",
        need == null ? "{}" : "{\"needId\":" + need + "}",
        200);
  }

  /** The numbers in an array field of a JSON answer. */
  public static List<Integer> ints(JsonObject object, String field) {
    return object.getJsonArray(field).getValuesAs(JsonNumber.class).stream()
        .map(JsonNumber::intValue)
        .toList();
  }

  // --- the orchestra's database ---

  public void execute(String sql) throws Exception {
    fixture.postgres().execute(database, sql);
  }

  public long count(String sql) throws Exception {
    return fixture.postgres().queryLong(database, sql);
  }

  public String text(String sql) throws Exception {
    return fixture.postgres().queryText(database, sql);
  }

  public List<String[]> rows(String sql) throws Exception {
    return fixture.postgres().rows(database, sql);
  }

  /**
   * A request of the need to the musician in the state, written straight into the database (no
   * token, no mail): answered now unless it is pending or timed out.
   */
  public void request(int need, int musician, String status) throws Exception {
    execute(
        "insert into \"Request\" (\"requestId\", \"projectNeedId\", \"musicianId\", status,"
            + " \"respondedAt\") values ('"
            + UUID.randomUUID()
            + "', "
            + need
            + ", "
            + musician
            + ", '"
            + status
            + "', "
            + (status.equals("pending") || status.equals("timed_out")
                ? "null"
                : "now() at time zone 'UTC'")
            + ")");
  }

  /** The outbox messages of the kind for the need's requests. */
  public long outbox(int need, String kind) throws Exception {
    return count(
        "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id = o.\"requestId\""
            + " where r.\"projectNeedId\" = "
            + need
            + " and o.kind = '"
            + kind
            + "'");
  }

  /** The communication log's rows of the type for the need's requests. */
  public long logs(int need, String type) throws Exception {
    return count(
        "select count(*) from \"CommunicationLog\" c join \"Request\" r on r.id = c.\"requestId\""
            + " where r.\"projectNeedId\" = "
            + need
            + " and c.type = '"
            + type
            + "'");
  }
}
