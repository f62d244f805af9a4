package org.ripieno.orchestra.rankings;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Instruments, positions and A/B/C ranking lists through the running application, one boot: the
 * tests build on each other in order (instruments, then musicians inserted with SQL, then lists).
 * Every accepted change is checked to write exactly one audit row, every refusal none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstrumentsAndRankingsIT {

  private static final String BASE = "/api/orchestras/instr";

  private PlatformFixture fixture;
  private DatabaseLogin database;
  private String admin;
  private String user;

  private int violin;
  private int concertmaster;
  private int tutti;
  private int cello;
  private int celloSolo;
  private int[] musicians;
  private int listA;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    database = fixture.registerOrchestra("orch-instr", "instr", "Instrumentorkestern");
    fixture.createUser("instr-admin", "admin", "orch-instr", "instr-admin-password");
    fixture.createUser("instr-user", "user", "orch-instr", "instr-user-password");
    admin = fixture.login("instr-admin", "instr-admin-password");
    user = fixture.login("instr-user", "instr-user-password");
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void instrumentsAreCreatedWithTheirPositionsAndCodes() throws Exception {
    JsonObject created =
        changed(
            "POST",
            "/instruments",
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Konsertmästare\"},{\"name\":\"Tutti\"}]}",
            201);
    violin = created.getInt("id");
    assertThat(created.getString("instrumentId")).isEqualTo("INST001");
    assertThat(created.getInt("displayOrder")).isEqualTo(1);
    JsonArray positions = created.getJsonArray("positions");
    assertThat(positions).hasSize(2);
    concertmaster = positions.getJsonObject(0).getInt("id");
    tutti = positions.getJsonObject(1).getInt("id");
    assertThat(positions.getJsonObject(0).getString("positionId")).isEqualTo("POS001");
    assertThat(positions.getJsonObject(1).getInt("hierarchyLevel")).isEqualTo(2);
    assertThat(lastAudit())
        .contains("create", "Instrument", "\"positions\"", "Konsertmästare", "oldValues=null");

    HttpResponse<String> answer = call("POST", "/instruments", admin, "{\"name\":\"Cello\"}");
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .endsWith(BASE + "/instruments/" + json(answer).getInt("id"));
    cello = json(answer).getInt("id");
    celloSolo =
        changed("POST", "/instruments/" + cello + "/positions", "{\"name\":\"Solocellist\"}", 201)
            .getInt("id");
    assertThat(lastAudit()).contains("create", "Position", "POS003");
    changed("POST", "/instruments", "{\"name\":\"Viola\",\"displayOrder\":7}", 201);
  }

  @Test
  @Order(2)
  void duplicateNamesAndBadInputAreRefused() throws Exception {
    refused(
        "POST", "/instruments", "{\"name\":\"violin\"}", 409, "already an instrument named violin");
    refused(
        "POST",
        "/instruments/" + violin + "/positions",
        "{\"name\":\"Tutti\"}",
        409,
        "Violin already has a position named Tutti");
    refused(
        "PUT",
        "/positions/" + tutti,
        "{\"name\":\"Konsertmästare\"}",
        409,
        "already has a position");
    refused(
        "POST",
        "/instruments",
        "{\"name\":\"Horn\",\"positions\":[{\"name\":\"1\"},{\"name\":\"1\"}]}",
        409,
        "already has a position named 1");
    refused("POST", "/instruments", "{\"name\":\"" + "x".repeat(201) + "\"}", 400, "at most 200");
    refused("POST", "/instruments", "{}", 400, "name is required");
    refused("PUT", "/instruments/" + cello, "{\"name\":\"Viola\"}", 409, "already an instrument");
    assertThat(call("GET", "/instruments/999999", admin, null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/instruments/nope", admin, null).statusCode()).isEqualTo(404);
    HttpResponse<String> swedish =
        call("POST", "/instruments", admin, "{\"name\":\"Violin\"}", "Accept-Language", "sv");
    assertThat(json(swedish).getString("detail"))
        .isEqualTo("Det finns redan ett instrument som heter Violin.");
  }

  @Test
  @Order(3)
  void instrumentsAreUpdatedReorderedArchivedAndRestored() throws Exception {
    changed("PUT", "/instruments/" + cello, "{\"name\":\"Violoncell\"}", 200);
    assertThat(lastAudit()).contains("update", "\"name\":\"Cello\"", "\"name\":\"Violoncell\"");

    int viola = idOf("Viola");

    changedRaw(
        "PUT",
        "/instruments/order",
        "{\"instrumentIds\":[" + viola + "," + cello + "," + violin + "]}",
        200);
    assertThat(lastAudit()).contains("reorder", "Instrument", "instrumentIds");
    assertThat(names(list())).containsExactly("Viola", "Violoncell", "Violin");
    refused(
        "PUT",
        "/instruments/order",
        "{\"instrumentIds\":[" + viola + "," + cello + "]}",
        400,
        "every current instruments");
    refused(
        "PUT",
        "/instruments/order",
        "{\"instrumentIds\":[" + viola + "," + viola + "," + cello + "," + violin + "]}",
        400,
        "more than once");

    changed("POST", "/instruments/" + viola + "/archive", null, 200);
    assertThat(lastAudit()).contains("archive", "\"isArchived\":false", "\"isArchived\":true");
    refused("POST", "/instruments/" + viola + "/archive", null, 409, "already archived");
    assertThat(names(list())).containsExactly("Violoncell", "Violin");
    assertThat(names(call("GET", "/instruments?includeArchived=true", admin, null)))
        .containsExactly("Viola", "Violoncell", "Violin");
    // archived instruments may be left out of an order; they follow
    changedRaw(
        "PUT", "/instruments/order", "{\"instrumentIds\":[" + violin + "," + cello + "]}", 200);
    assertThat(names(call("GET", "/instruments?includeArchived=true", admin, null)))
        .containsExactly("Violin", "Violoncell", "Viola");
    changed("POST", "/instruments/" + viola + "/restore", null, 200);
    assertThat(lastAudit()).contains("restore");
    changed("DELETE", "/instruments/" + viola, null, 204);
    assertThat(lastAudit()).contains("delete", "Viola", "newValues=null");
  }

  @Test
  @Order(4)
  void positionsAreRenamedAndReorderedByHierarchy() throws Exception {
    int extra =
        changed("POST", "/instruments/" + violin + "/positions", "{\"name\":\"Stämledare\"}", 201)
            .getInt("id");
    changed("PUT", "/positions/" + extra, "{\"name\":\"Alternerande stämledare\"}", 200);
    assertThat(lastAudit()).contains("update", "Position", "Stämledare", "Alternerande stämledare");
    JsonObject reordered =
        changed(
            "PUT",
            "/instruments/" + violin + "/positions/order",
            "{\"positionIds\":[" + concertmaster + "," + extra + "," + tutti + "]}",
            200);
    assertThat(
            reordered.getJsonArray("positions").stream()
                .map(p -> p.asJsonObject().getString("name")))
        .containsExactly("Konsertmästare", "Alternerande stämledare", "Tutti");
    assertThat(lastAudit()).contains("reorder", "Instrument", "positionIds");
    refused(
        "PUT",
        "/instruments/" + violin + "/positions/order",
        "{\"positionIds\":[" + concertmaster + "," + celloSolo + "," + tutti + "]}",
        400,
        "exactly the current positions of this instrument");
    changed("DELETE", "/positions/" + extra, null, 204);
    assertThat(lastAudit()).contains("delete", "Position");
    assertThat(call("GET", "/positions/" + extra, admin, null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void qualifiedMusiciansAreCountedAndBlockDeletion() throws Exception {
    musicians = new int[5];
    String[] names = {"Anna Alm", "Bo Berg", "Cilla Ek", "Dan Falk", "Eva Gran"};
    for (int i = 0; i < names.length; i++) {
      String[] name = names[i].split(" ");
      musicians[i] =
          (int)
              queryLong(
                  "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\","
                      + " \"email\", \"updatedAt\") values ('MUS00"
                      + (i + 1)
                      + "', '"
                      + name[0]
                      + "', '"
                      + name[1]
                      + "', 'm"
                      + i
                      + "@example.org', now()) returning \"id\"");
    }
    // everyone plays tutti; the first four also concertmaster; the last is archived
    for (int m : musicians) {
      qualify(m, tutti);
    }
    for (int i = 0; i < 4; i++) {
      qualify(musicians[i], concertmaster);
    }
    qualify(musicians[0], celloSolo);
    fixture
        .postgres()
        .execute(
            database,
            "update \"Musician\" set \"isArchived\" = true where \"id\" = " + musicians[4]);

    JsonObject violinView = parse(call("GET", "/instruments/" + violin, user, null).body());
    assertThat(violinView.getInt("qualifiedMusicians")).isEqualTo(4);
    assertThat(violinView.getJsonArray("positions").getJsonObject(0).getInt("qualifiedMusicians"))
        .isEqualTo(4);
    assertThat(violinView.getJsonArray("positions").getJsonObject(1).getInt("qualifiedMusicians"))
        .isEqualTo(4);

    refused("DELETE", "/instruments/" + violin, null, 409, "5 musician(s) are qualified");
    refused("DELETE", "/positions/" + celloSolo, null, 409, "1 musician(s) are qualified on it");
  }

  @Test
  @Order(6)
  void rankingListsAreCreatedOncePerTypeAndPosition() throws Exception {
    JsonObject a =
        changed(
            "POST",
            "/ranking-lists",
            "{\"positionId\":" + concertmaster + ",\"listType\":\"A\",\"description\":\"Först\"}",
            201);
    listA = a.getInt("id");
    assertThat(a.getString("rankingListId")).isEqualTo("RANK001");
    assertThat(a.getJsonObject("position").getString("instrumentName")).isEqualTo("Violin");
    changed(
        "POST", "/ranking-lists", "{\"positionId\":" + concertmaster + ",\"listType\":\"B\"}", 201);
    changed(
        "POST", "/ranking-lists", "{\"positionId\":" + concertmaster + ",\"listType\":\"C\"}", 201);
    refused(
        "POST",
        "/ranking-lists",
        "{\"positionId\":" + concertmaster + ",\"listType\":\"A\"}",
        409,
        "already has a list A");
    refused(
        "POST",
        "/ranking-lists",
        "{\"positionId\":" + concertmaster + ",\"listType\":\"D\"}",
        400,
        "A, B or C");
    refused(
        "POST", "/ranking-lists", "{\"positionId\":999999,\"listType\":\"A\"}", 404, "no position");
    changed("PUT", "/ranking-lists/" + listA, "{\"description\":\"Första hand\"}", 200);
    assertThat(lastAudit()).contains("update", "RankingList", "Först", "Första hand");

    JsonObject overview = parse(call("GET", "/ranking-lists", user, null).body());
    JsonObject violinGroup = overview.getJsonArray("instruments").getJsonObject(0);
    assertThat(violinGroup.getString("name")).isEqualTo("Violin");
    JsonArray lists =
        violinGroup.getJsonArray("positions").getJsonObject(0).getJsonArray("rankingLists");
    assertThat(lists.stream().map(l -> l.asJsonObject().getString("listType")))
        .containsExactly("A", "B", "C");
  }

  @Test
  @Order(7)
  void musiciansJoinAtTheEndAreReorderedRemovedAndCleared() throws Exception {
    assertThat(available()).containsExactly(musicians[0], musicians[1], musicians[2], musicians[3]);
    for (int i = 0; i < 4; i++) {
      JsonObject list =
          changed(
              "POST",
              "/ranking-lists/" + listA + "/musicians",
              "{\"musicianId\":" + musicians[i] + "}",
              201);
      assertThat(ranked(list)).hasSize(i + 1).endsWith(musicians[i]);
    }
    assertThat(lastAudit()).contains("update", "RankingList", "musicianIds");
    assertThat(available()).isEmpty();

    refused(
        "POST",
        "/ranking-lists/" + listA + "/musicians",
        "{\"musicianId\":" + musicians[0] + "}",
        409,
        "already on this list");
    refused(
        "POST",
        "/ranking-lists/" + listA + "/musicians",
        "{\"musicianId\":" + musicians[4] + "}",
        400,
        "archived");
    int unqualified =
        (int)
            queryLong(
                "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
                    + " \"updatedAt\") values ('MUS009', 'Ulf', 'Utan', 'u@example.org', now())"
                    + " returning \"id\"");
    refused(
        "POST",
        "/ranking-lists/" + listA + "/musicians",
        "{\"musicianId\":" + unqualified + "}",
        400,
        "Ulf Utan is not qualified for the position Konsertmästare");

    int[] m = musicians;
    JsonObject reordered =
        changed(
            "PUT",
            "/ranking-lists/" + listA + "/order",
            "{\"musicianIds\":[" + m[3] + "," + m[1] + "," + m[0] + "," + m[2] + "]}",
            200);
    assertThat(ranked(reordered)).containsExactly(m[3], m[1], m[0], m[2]);
    assertThat(ranks(reordered)).containsExactly(1, 2, 3, 4);
    assertThat(lastAudit())
        .contains(
            "reorder",
            "RankingList",
            "\"musicianIds\":[" + m[0] + "," + m[1] + "," + m[2] + "," + m[3] + "]",
            "\"musicianIds\":[" + m[3] + "," + m[1] + "," + m[0] + "," + m[2] + "]");
    refused(
        "PUT",
        "/ranking-lists/" + listA + "/order",
        "{\"musicianIds\":[" + m[3] + "," + m[1] + "," + m[0] + "]}",
        400,
        "exactly the current musicians of this list");
    refused(
        "PUT",
        "/ranking-lists/" + listA + "/order",
        "{\"musicianIds\":[" + m[3] + "," + m[1] + "," + m[0] + "," + unqualified + "]}",
        400,
        "exactly the current musicians");
    refused(
        "PUT",
        "/ranking-lists/" + listA + "/order",
        "{\"musicianIds\":[" + m[3] + "," + m[3] + "," + m[1] + "," + m[0] + "," + m[2] + "]}",
        400,
        "more than once");

    JsonObject removed =
        changed("DELETE", "/ranking-lists/" + listA + "/musicians/" + m[1], null, 200);
    assertThat(ranked(removed)).containsExactly(m[3], m[0], m[2]);
    assertThat(ranks(removed)).containsExactly(1, 2, 3);
    assertThat(
            queryLong(
                "select count(*) from \"Ranking\" where \"listId\" = "
                    + listA
                    + " and \"rank\" < 1"))
        .isZero();
    refused(
        "DELETE", "/ranking-lists/" + listA + "/musicians/" + m[1], null, 404, "not on this list");
    assertThat(available()).containsExactly(m[1]);

    refused("DELETE", "/ranking-lists/" + listA, null, 409, "it holds 3 musician(s)");
    JsonObject cleared = changed("DELETE", "/ranking-lists/" + listA + "/musicians", null, 200);
    assertThat(ranked(cleared)).isEmpty();
    assertThat(lastAudit()).contains("update", "RankingList", "\"musicianIds\":[]");
  }

  @Test
  @Order(8)
  void aListUsedByAProjectNeedIsNotDeletedAndAnEmptyOneIs() throws Exception {
    long project =
        queryLong(
            "insert into \"Project\" (\"projectId\", \"name\", \"startDate\", \"weekNumber\","
                + " \"updatedAt\") values ('PROJ001', 'Vårkonsert', now(), 12, now()) returning"
                + " \"id\"");
    fixture
        .postgres()
        .execute(
            database,
            "insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
                + " \"rankingListId\", \"requestStrategy\") values ('NEED001', "
                + project
                + ", "
                + concertmaster
                + ", "
                + listA
                + ", 'sequential')");
    refused("DELETE", "/ranking-lists/" + listA, null, 409, "1 project need(s) use it");
    int listB =
        parse(call("GET", "/ranking-lists", admin, null).body())
            .getJsonArray("instruments")
            .getJsonObject(0)
            .getJsonArray("positions")
            .getJsonObject(0)
            .getJsonArray("rankingLists")
            .getJsonObject(1)
            .getInt("id");
    changed("DELETE", "/ranking-lists/" + listB, null, 204);
    assertThat(lastAudit()).contains("delete", "RankingList", "RANK002");
    assertThat(queryLong("select count(*) from \"DeletedIds\" where \"deletedId\" = 'RANK002'"))
        .isEqualTo(1);
    assertThat(call("GET", "/ranking-lists/" + listB, admin, null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(9)
  void theUserRoleReadsButEveryWriteIs403() throws Exception {
    long before = audits();
    assertThat(call("GET", "/instruments", user, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/positions", user, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/ranking-lists/" + listA, user, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/ranking-lists/" + listA + "/available", user, null).statusCode())
        .isEqualTo(200);
    List<String[]> writes =
        List.of(
            new String[] {"POST", "/instruments", "{\"name\":\"Harpa\"}"},
            new String[] {"PUT", "/instruments/" + violin, "{\"name\":\"Fiol\"}"},
            new String[] {"PUT", "/instruments/order", "{\"instrumentIds\":[" + violin + "]}"},
            new String[] {"POST", "/instruments/" + violin + "/archive", null},
            new String[] {"DELETE", "/instruments/" + cello, null},
            new String[] {"POST", "/instruments/" + violin + "/positions", "{\"name\":\"X\"}"},
            new String[] {"PUT", "/positions/" + tutti, "{\"name\":\"Y\"}"},
            new String[] {"DELETE", "/positions/" + tutti, null},
            new String[] {
              "POST", "/ranking-lists", "{\"positionId\":" + tutti + ",\"listType\":\"A\"}"
            },
            new String[] {
              "POST",
              "/ranking-lists/" + listA + "/musicians",
              "{\"musicianId\":" + musicians[0] + "}"
            },
            new String[] {"PUT", "/ranking-lists/" + listA + "/order", "{\"musicianIds\":[]}"},
            new String[] {"DELETE", "/ranking-lists/" + listA + "/musicians", null},
            new String[] {"DELETE", "/ranking-lists/" + listA, null});
    for (String[] write : writes) {
      assertThat(call(write[0], write[1], user, write[2]).statusCode())
          .as(write[0] + " " + write[1])
          .isEqualTo(403);
    }
    assertThat(audits()).isEqualTo(before);
  }

  @Test
  @Order(10)
  void anInstrumentWithoutQualifiedMusiciansIsDeletedWithItsPositions() throws Exception {
    fixture
        .postgres()
        .execute(
            database, "delete from \"MusicianQualification\" where \"positionId\" = " + celloSolo);
    changed("POST", "/ranking-lists", "{\"positionId\":" + celloSolo + ",\"listType\":\"A\"}", 201);
    changed("DELETE", "/instruments/" + cello, null, 204);
    assertThat(lastAudit()).contains("delete", "Instrument", "Solocellist");
    assertThat(queryLong("select count(*) from \"Position\" where \"id\" = " + celloSolo)).isZero();
    assertThat(
            queryLong(
                "select count(*) from \"DeletedIds\" where \"deletedId\" in ('INST002', 'POS003',"
                    + " 'RANK004')"))
        .isEqualTo(3);
    refused("DELETE", "/instruments/" + violin, null, 409, "qualified");
  }

  // --- helpers

  private HttpResponse<String> call(
      String method, String path, String token, String body, String... headers) throws Exception {
    return fixture.ripieno().send(method, BASE + path, token, body, headers);
  }

  /** An admin's change that must answer the status and write exactly one audit row. */
  private JsonObject changed(String method, String path, String body, int status) throws Exception {
    String answer = changedRaw(method, path, body, status);
    return answer.isEmpty() ? null : parse(answer);
  }

  private String changedRaw(String method, String path, String body, int status) throws Exception {
    long before = audits();
    HttpResponse<String> answer = call(method, path, admin, body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    assertThat(audits()).as("audit rows after " + method + " " + path).isEqualTo(before + 1);
    return answer.body();
  }

  /** An admin's call that must be refused with the status and message, writing nothing. */
  private void refused(String method, String path, String body, int status, String detail)
      throws Exception {
    long before = audits();
    HttpResponse<String> answer = call(method, path, admin, body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    assertThat(json(answer).getString("detail")).contains(detail);
    assertThat(audits()).isEqualTo(before);
  }

  private long audits() throws Exception {
    return queryLong("select count(*) from \"AuditLog\"");
  }

  private String lastAudit() throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select \"action\", \"entityType\", \"entityId\", \"userId\","
                    + " \"oldValues\"::text, \"newValues\"::text from \"AuditLog\" order by \"id\""
                    + " desc limit 1")) {
      row.next();
      assertThat(row.getString(4)).isNotNull();
      return String.join(
              " ",
              row.getString(1),
              row.getString(2),
              "entityId=" + row.getInt(3),
              "oldValues=" + row.getString(5),
              "newValues=" + row.getString(6))
          .replace("\": ", "\":")
          .replace(", \"", ",\"")
          .replace(", ", ",");
    }
  }

  private long queryLong(String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private void qualify(int musician, int position) throws Exception {
    fixture
        .postgres()
        .execute(
            database,
            "insert into \"MusicianQualification\" (\"musicianId\", \"positionId\") values ("
                + musician
                + ", "
                + position
                + ")");
  }

  private int idOf(String name) throws Exception {
    return list().stream()
        .map(JsonValue::asJsonObject)
        .filter(i -> i.getString("name").equals(name))
        .findFirst()
        .orElseThrow()
        .getInt("id");
  }

  private JsonArray list() throws Exception {
    return parse(call("GET", "/instruments", admin, null).body()).getJsonArray("items");
  }

  private static List<String> names(JsonArray instruments) {
    return instruments.stream().map(i -> i.asJsonObject().getString("name")).toList();
  }

  private static List<String> names(HttpResponse<String> page) {
    return names(json(page).getJsonArray("items"));
  }

  private List<Integer> available() throws Exception {
    return parse(call("GET", "/ranking-lists/" + listA + "/available", admin, null).body())
        .getJsonArray("items")
        .stream()
        .map(m -> m.asJsonObject().getInt("id"))
        .toList();
  }

  private static List<Integer> ranked(JsonObject list) {
    return list.getJsonArray("musicians").stream().map(m -> m.asJsonObject().getInt("id")).toList();
  }

  private static List<Integer> ranks(JsonObject list) {
    return list.getJsonArray("musicians").stream()
        .map(m -> m.asJsonObject().getInt("rank"))
        .toList();
  }

  private static JsonObject json(HttpResponse<String> answer) {
    return RunningRipieno.json(answer);
  }

  private static JsonObject parse(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
