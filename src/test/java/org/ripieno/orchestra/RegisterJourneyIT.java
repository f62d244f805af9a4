package org.ripieno.orchestra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * The whole register of one orchestra built from an empty database by its admin, through HTTP only:
 * instruments, musicians, ranking lists, a project and its custom list, with the main refusals on
 * the way. The steps build on each other, so they run in order on one boot; the only look into the
 * orchestra database is the audit count at the start and at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterJourneyIT {

  private static final String BASE = "/api/orchestras/journey";
  private static final int MUSICIANS = 30;

  private PlatformFixture fixture;
  private DatabaseLogin database;
  private String admin;
  private long auditsAtStart;
  private int accepted;

  private int violin;
  private int concertmaster;
  private int violinTutti;
  private int cello;
  private final List<Integer> musicians = new ArrayList<>();
  private int listA;
  private int listB;
  private int listC;
  private List<Integer> orderOfA;
  private int project;

  @BeforeAll
  void start() throws Exception {
    fixture = PlatformFixture.shared();
    database = fixture.registerOrchestra("orch-journey", "journey", "Resans orkester");
    fixture.createUser("journey-admin", "admin", "orch-journey", "journey-admin-password");
    admin = fixture.login("journey-admin", "journey-admin-password");
    auditsAtStart = audits();
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void anEmptyOrchestraGetsTwoInstrumentsWithThreePositionsEach() throws Exception {
    assertThat(json(call("GET", "/instruments", null)).getJsonArray("items")).isEmpty();

    JsonObject violinView =
        accept(
            "POST",
            "/instruments",
            "{\"name\":\"Violin\",\"positions\":[{\"name\":\"Konsertmästare\"},"
                + "{\"name\":\"Stämledare\"},{\"name\":\"Tutti\"}]}",
            201);
    violin = violinView.getInt("id");
    JsonArray violinPositions = violinView.getJsonArray("positions");
    assertThat(names(violinPositions)).containsExactly("Konsertmästare", "Stämledare", "Tutti");
    concertmaster = violinPositions.getJsonObject(0).getInt("id");
    violinTutti = violinPositions.getJsonObject(2).getInt("id");

    JsonObject celloView =
        accept(
            "POST",
            "/instruments",
            "{\"name\":\"Cello\",\"positions\":[{\"name\":\"Solocellist\"},"
                + "{\"name\":\"Stämledare\"},{\"name\":\"Tutti\"}]}",
            201);
    cello = celloView.getInt("id");
    assertThat(celloView.getJsonArray("positions")).hasSize(3);

    JsonArray instruments = json(call("GET", "/instruments", null)).getJsonArray("items");
    assertThat(names(instruments)).containsExactly("Violin", "Cello");
    assertThat(call("GET", "/positions", null).body()).contains("Konsertmästare", "Solocellist");
  }

  @Test
  @Order(2)
  void thirtyMusiciansAreRegisteredWithTheirQualifications() throws Exception {
    JsonArray celloPositions =
        json(call("GET", "/instruments/" + cello, null)).getJsonArray("positions");
    int celloTutti = celloPositions.getJsonObject(2).getInt("id");
    // The first twenty play violin (concertmaster and tutti), the last ten cello only.
    for (int i = 0; i < MUSICIANS; i++) {
      String qualifications =
          i < 20 ? concertmaster + "," + violinTutti : String.valueOf(celloTutti);
      JsonObject musician =
          accept(
              "POST",
              "/musicians",
              "{\"firstName\":\"Musiker"
                  + i
                  + "\",\"lastName\":\"Efternamn"
                  + i
                  + "\",\"email\":\"musiker"
                  + i
                  + "@example.org\",\"qualificationIds\":["
                  + qualifications
                  + "]}",
              201);
      assertThat(musician.getString("musicianId")).isEqualTo(String.format("MUS%03d", i + 1));
      assertThat(
              musician.getJsonArray("qualifications").stream()
                  .map(q -> q.asJsonObject().getInt("positionId"))
                  .map(String::valueOf)
                  .collect(Collectors.joining(",")))
          .isEqualTo(qualifications);
      musicians.add(musician.getInt("id"));
    }
    assertThat(json(call("GET", "/musicians?size=100", null)).getJsonArray("items"))
        .hasSize(MUSICIANS);
    assertThat(json(call("GET", "/instruments/" + violin, null)).getInt("qualifiedMusicians"))
        .isEqualTo(20);
  }

  @Test
  @Order(3)
  void aSecondMusicianWithTheSameEmailIsRefused() throws Exception {
    refused(
        "POST",
        "/musicians",
        "{\"firstName\":\"Dubbel\",\"lastName\":\"Gängare\",\"email\":\"MUSIKER3@example.org\"}",
        409,
        "is already used by Musiker3 Efternamn3 (MUS004).");
    assertThat(json(call("GET", "/musicians?size=100", null)).getJsonArray("items"))
        .hasSize(MUSICIANS);
  }

  @Test
  @Order(4)
  void theConcertmasterGetsListsAbAndCFilledWithQualifiedMusicians() throws Exception {
    listA = createList("A");
    listB = createList("B");
    listC = createList("C");
    refused(
        "POST",
        "/ranking-lists",
        "{\"positionId\":" + concertmaster + ",\"listType\":\"A\"}",
        409,
        "The position Konsertmästare already has a list A.");

    fill(listA, musicians.subList(0, 10));
    fill(listB, musicians.subList(10, 15));
    fill(listC, musicians.subList(15, 20));

    refused(
        "POST",
        "/ranking-lists/" + listA + "/musicians",
        "{\"musicianId\":" + musicians.get(25) + "}",
        400,
        "Musiker25 Efternamn25 is not qualified for the position Konsertmästare.");

    assertThat(members(list(listA))).isEqualTo(musicians.subList(0, 10));
    assertThat(members(list(listB))).isEqualTo(musicians.subList(10, 15));
    assertThat(members(list(listC))).isEqualTo(musicians.subList(15, 20));
    assertThat(ids(json(call("GET", "/ranking-lists/" + listA + "/available", null))))
        .containsExactlyInAnyOrderElementsOf(musicians.subList(10, 20));
  }

  @Test
  @Order(5)
  void listAIsReorderedAndKeepsItsNewOrder() throws Exception {
    List<Integer> newOrder = new ArrayList<>(musicians.subList(0, 10));
    // the last three first, then the rest with the first two swapped
    List<Integer> reordered = new ArrayList<>(newOrder.subList(7, 10));
    reordered.add(newOrder.get(1));
    reordered.add(newOrder.get(0));
    reordered.addAll(newOrder.subList(2, 7));

    JsonObject answer =
        accept(
            "PUT",
            "/ranking-lists/" + listA + "/order",
            "{\"musicianIds\":" + reordered + "}",
            200);
    assertThat(members(answer)).isEqualTo(reordered);
    JsonObject read = list(listA);
    assertThat(members(read)).isEqualTo(reordered);
    assertThat(ranks(read)).isEqualTo(IntStream.rangeClosed(1, 10).boxed().toList());
    orderOfA = reordered;
  }

  @Test
  @Order(6)
  void anInstrumentWithQualifiedMusiciansIsNotDeleted() throws Exception {
    refused(
        "DELETE",
        "/instruments/" + violin,
        null,
        409,
        "The instrument Violin cannot be deleted: 20 musician(s) are qualified on its positions.");
    assertThat(call("GET", "/instruments/" + violin, null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void aProjectIsCreated() throws Exception {
    JsonObject created =
        accept("POST", "/projects", "{\"name\":\"Vårkonsert\",\"startDate\":\"2027-03-08\"}", 201);
    project = created.getInt("id");
    assertThat(created.getString("projectId")).isEqualTo("PROJ001");
    assertThat(created.getInt("weekNumber")).isEqualTo(10);
  }

  @Test
  @Order(8)
  void listAIsCopiedIntoTheProjectsCustomListInTheSameOrder() throws Exception {
    JsonObject copy =
        accept(
            "POST",
            "/projects/" + project + "/custom-lists",
            "{\"positionId\":" + concertmaster + ",\"fromRankingListId\":" + listA + "}",
            201);
    assertThat(copy.getInt("projectId")).isEqualTo(project);
    assertThat(copy.getInt("positionId")).isEqualTo(concertmaster);
    assertThat(copy.getString("name")).isEqualTo("V. 10 Vårkonsert");
    assertThat(copy.getInt("musicianCount")).isEqualTo(10);
    assertThat(customMembers(copy)).isEqualTo(orderOfA);

    JsonObject read =
        json(call("GET", "/projects/" + project + "/custom-lists/" + copy.getInt("id"), null));
    assertThat(customMembers(read)).isEqualTo(members(list(listA)));
    assertThat(
            read.getJsonArray("members").stream()
                .map(m -> m.asJsonObject().getInt("rank"))
                .toList())
        .isEqualTo(ranks(list(listA)));
  }

  @Test
  @Order(9)
  void aSecondCustomListForTheSameProjectAndPositionIsRefused() throws Exception {
    refused(
        "POST",
        "/projects/" + project + "/custom-lists",
        "{\"positionId\":" + concertmaster + ",\"fromRankingListId\":" + listB + "}",
        409,
        "The project already has a custom list for Konsertmästare: V. 10 Vårkonsert");
    assertThat(
            json(call("GET", "/projects/" + project + "/custom-lists", null)).getJsonArray("items"))
        .hasSize(1);
  }

  @Test
  @Order(10)
  void theAuditLogHoldsOneRowForEveryAcceptedChange() throws Exception {
    // 2 instruments, 30 musicians, 3 lists, 20 placements, 1 reorder, 1 project, 1 custom list
    assertThat(accepted).isEqualTo(58);
    assertThat(audits() - auditsAtStart).isEqualTo(accepted);
  }

  @Test
  @Order(11)
  void theAuditLogEndpointFiltersAndPagesNewestFirst() throws Exception {
    HttpResponse<String> musicianEntries =
        call("GET", "/audit-log?entityType=Musician&action=create&size=5", null);
    assertThat(musicianEntries.statusCode()).as(musicianEntries.body()).isEqualTo(200);
    JsonObject page = RunningRipieno.json(musicianEntries);
    assertThat(page.getInt("total")).isEqualTo(MUSICIANS);
    assertThat(page.getJsonArray("items")).hasSize(5);
    JsonObject newest = page.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("action")).isEqualTo("create");
    assertThat(newest.getJsonObject("newValues").getString("musicianId")).isEqualTo("MUS030");

    HttpResponse<String> future =
        call("GET", "/audit-log?from=" + java.time.Instant.now().plusSeconds(3600), null);
    assertThat(RunningRipieno.json(future).getInt("total")).isZero();
    assertThat(call("GET", "/audit-log?from=yesterday", null).statusCode()).isEqualTo(400);
  }

  // --- helpers

  private int createList(String type) throws Exception {
    JsonObject list =
        accept(
            "POST",
            "/ranking-lists",
            "{\"positionId\":" + concertmaster + ",\"listType\":\"" + type + "\"}",
            201);
    assertThat(list.getString("listType")).isEqualTo(type);
    assertThat(list.getJsonObject("position").getString("instrumentName")).isEqualTo("Violin");
    return list.getInt("id");
  }

  private void fill(int list, List<Integer> members) throws Exception {
    for (int musician : members) {
      accept(
          "POST",
          "/ranking-lists/" + list + "/musicians",
          "{\"musicianId\":" + musician + "}",
          201);
    }
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return fixture.ripieno().send(method, BASE + path, admin, body);
  }

  /** A change the admin makes, which must answer the status; counted as one accepted change. */
  private JsonObject accept(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> answer = call(method, path, body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    accepted++;
    return json(answer);
  }

  /** A change the admin tries, which must be refused with the status and the message. */
  private void refused(String method, String path, String body, int status, String detail)
      throws Exception {
    HttpResponse<String> answer = call(method, path, body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(json(answer).getString("detail")).contains(detail);
  }

  private JsonObject list(int id) throws Exception {
    HttpResponse<String> answer = call("GET", "/ranking-lists/" + id, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer);
  }

  private static List<Integer> members(JsonObject rankingList) {
    return rankingList.getJsonArray("musicians").stream()
        .map(m -> m.asJsonObject().getInt("id"))
        .toList();
  }

  private static List<Integer> ranks(JsonObject rankingList) {
    return rankingList.getJsonArray("musicians").stream()
        .map(m -> m.asJsonObject().getInt("rank"))
        .toList();
  }

  private static List<Integer> customMembers(JsonObject customList) {
    return customList.getJsonArray("members").stream()
        .map(m -> m.asJsonObject().getInt("musicianId"))
        .toList();
  }

  private static List<Integer> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(m -> m.asJsonObject().getInt("id")).toList();
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(i -> i.asJsonObject().getString("name")).toList();
  }

  private static JsonObject json(HttpResponse<String> answer) {
    return RunningRipieno.json(answer);
  }

  /** Reads the audit count over JDBC: the one look into the orchestra database. */
  private long audits() throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select count(*) from \"AuditLog\"")) {
      row.next();
      return row.getLong(1);
    }
  }
}
