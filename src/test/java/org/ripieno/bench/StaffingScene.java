package org.ripieno.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * A need to staff in the demo orchestra of a benchmark instance, made through the admin's API as an
 * orchestra would make it: a position of its own, {@code musicians} musicians qualified for it, all
 * on its A list in order, a project, and one sequential need asking them one at a time.
 */
final class StaffingScene {

  private static final String BASE = "/api/orchestras/demo";

  final BenchApp app;
  final DatabaseLogin database;
  final int project;
  final int need;

  private StaffingScene(BenchApp app, DatabaseLogin database, int project, int need) {
    this.app = app;
    this.database = database;
    this.project = project;
    this.need = need;
  }

  /**
   * @param label keeps the instrument, e-mail addresses and project of two scenes apart
   */
  static StaffingScene create(BenchApp app, String label, int musicians) throws Exception {
    int position =
        ok(
                app,
                "POST",
                "/instruments",
                "{\"name\":\"Bänkviola " + label + "\",\"positions\":[{\"name\":\"Tutti\"}]}",
                201)
            .getJsonArray("positions")
            .getJsonObject(0)
            .getInt("id");
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < musicians; i++) {
      ids.add(
          ok(
                  app,
                  "POST",
                  "/musicians",
                  "{\"firstName\":\"Viola"
                      + i
                      + "\",\"lastName\":\"Bänk\",\"email\":\"bench-"
                      + label
                      + "-"
                      + i
                      + "@example.org\",\"preferredLanguage\":\""
                      + (i % 5 == 0 ? "en" : "sv")
                      + "\",\"qualificationIds\":["
                      + position
                      + "]}",
                  201)
              .getInt("id"));
    }
    int list =
        ok(
                app,
                "POST",
                "/ranking-lists",
                "{\"positionId\":" + position + ",\"listType\":\"A\"}",
                201)
            .getInt("id");
    for (int musician : ids) {
      ok(
          app,
          "POST",
          "/ranking-lists/" + list + "/musicians",
          "{\"musicianId\":" + musician + "}",
          201);
    }
    String start = LocalDate.now(ZoneOffset.UTC).plusWeeks(8).toString();
    int project =
        ok(
                app,
                "POST",
                "/projects",
                "{\"name\":\"Bänkprojekt " + label + "\",\"startDate\":\"" + start + "\"}",
                201)
            .getInt("id");
    int need =
        ok(
                app,
                "POST",
                "/projects/" + project + "/needs",
                "{\"positionId\":"
                    + position
                    + ",\"quantity\":1,\"rankingListId\":"
                    + list
                    + ",\"requestStrategy\":\"sequential\",\"responseTimeHours\":48}",
                201)
            .getInt("id");
    return new StaffingScene(app, app.orchestraDatabase("demo"), project, need);
  }

  /** Sends the need: the first musician of the list is asked. */
  void send() throws Exception {
    ok(app, "POST", "/projects/" + project + "/send", "{\"needId\":" + need + "}", 200);
  }

  /** The answer token of the need's pending request (sequential: there is one). */
  String pendingToken() throws Exception {
    return app.postgres.queryText(
        database,
        "select t.token from \"RequestToken\" t join \"Request\" r on r.id = t.\"requestId\""
            + " where r.\"projectNeedId\" = "
            + need
            + " and r.status = 'pending'");
  }

  /** The request mails of the need in the outbox, whatever their delivery state. */
  long requestMessages() throws Exception {
    return app.postgres.queryLong(
        database,
        "select count(*) from \"OutboxMessage\" o join \"Request\" r on r.id = o.\"requestId\""
            + " where r.\"projectNeedId\" = "
            + need
            + " and o.kind = 'request'");
  }

  private static jakarta.json.JsonObject ok(
      BenchApp app, String method, String path, String body, int status) throws Exception {
    return app.ripieno.expect(status, method, BASE + path, app.demoAdmin, body);
  }
}
