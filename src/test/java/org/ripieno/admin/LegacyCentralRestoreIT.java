package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Disaster recovery from the legacy {@code main-tables-export-<epoch-ms>.json} into a running
 * Ripieno whose central holds only the bootstrap superadmin: restored twice it is the same state as
 * once, the counts printed match the file, and the users log in with their original passwords. Then
 * the same export and restore over HTTP, for the superadmin only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyCentralRestoreIT {

  private static final Map<String, String> PASSWORDS =
      Map.of(
          "superadmin", "legacy superadmin pw",
          "sco-admin", "sco admin pw ÅÄÖ",
          "scosco-admin", "scosco-admin-pw-2025");

  @TempDir static Path work;

  private static PlatformFixture platform;
  private static AdminCli admin;
  private static Path legacyFile;
  private static String database;

  @BeforeAll
  static void start() throws Exception {
    platform =
        PlatformFixture.start("legacyrestore", Map.of("RIPIENO_SECRET_KEY", AdminCli.SECRET_KEY));
    admin = AdminCli.forCentral(platform.central(), work);
    database = platform.central().address().database();
    legacyFile = work.resolve("main-tables-export-1751554354027.json");
    Files.writeString(legacyFile, legacyExport());
  }

  @AfterAll
  static void stop() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  /** The committed legacy file's shape: 2 orchestras (9 fields), 3 users (10 fields). */
  private static String legacyExport() {
    JsonArrayBuilder orchestras =
        Json.createArrayBuilder()
            .add(
                orchestra(
                    "cmcnb6m2r0000sco",
                    "SCO",
                    "sco",
                    "postgresql://postgres.scoref:sco%2Fpw@aws-0-eu-north-1.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1"))
            .add(
                orchestra(
                    "cmcnb6m2r0001scosco",
                    "SCOSO",
                    "scosco",
                    "postgresql://postgres.scoscoref:scosco-pw@db.scoscoref.supabase.co:5432/postgres"));
    JsonArrayBuilder users =
        Json.createArrayBuilder()
            .add(user("cmcnb6m2r0002sa", "superadmin", "superadmin", null, null))
            .add(
                user(
                    "cmcnb6m2r0003a",
                    "sco-admin",
                    "admin",
                    "cmcnb6m2r0000sco",
                    "2025-07-03T09:15:00.123Z"))
            .add(user("cmcnb6m2r0004b", "scosco-admin", "admin", "cmcnb6m2r0001scosco", null));
    return Json.createObjectBuilder()
        .add("exportDate", "2025-07-03T14:52:34.025Z")
        .add("orchestras", orchestras)
        .add("users", users)
        .build()
        .toString();
  }

  private static JsonObjectBuilder orchestra(String id, String name, String subdomain, String url) {
    return Json.createObjectBuilder()
        .add("id", id)
        .add("name", name)
        .add("subdomain", subdomain)
        .add("contactName", name + " kontakt")
        .add("contactEmail", subdomain + "@example.org")
        .add("databaseUrl", url)
        .add("status", "active")
        .add("createdAt", "2025-06-28T12:00:00.000Z")
        .add("updatedAt", "2025-07-02T08:30:00.456Z");
  }

  private static JsonObjectBuilder user(
      String id, String username, String role, String orchestraId, String lastLogin) {
    JsonObjectBuilder user =
        Json.createObjectBuilder()
            .add("id", id)
            .add("username", username)
            .add("email", username + "@example.org")
            .add(
                "passwordHash",
                BCrypt.with(BCrypt.Version.VERSION_2B)
                    .hashToString(10, PASSWORDS.get(username).toCharArray()))
            .add("role", role);
    if (orchestraId == null) {
      user.addNull("orchestraId");
    } else {
      user.add("orchestraId", orchestraId);
    }
    user.add("active", true);
    if (lastLogin == null) {
      user.addNull("lastLogin");
    } else {
      user.add("lastLogin", lastLogin);
    }
    return user.add("createdAt", "2025-06-28T12:00:00.000Z")
        .add("updatedAt", "2025-07-01T10:00:00.000Z");
  }

  private static Map<String, List<String>> state() throws Exception {
    Map<String, List<String>> state = new LinkedHashMap<>();
    try (Connection connection = platform.central().connect();
        Statement statement = connection.createStatement()) {
      for (String table : List.of("Orchestra", "User", "Customer")) {
        List<String> rows = new ArrayList<>();
        try (ResultSet result =
            statement.executeQuery(
                "select row_to_json(t)::text from \"" + table + "\" t order by \"id\"")) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        state.put(table, rows);
      }
    }
    return state;
  }

  @Test
  @Order(1)
  void restoredTwiceTheLegacyExportGivesTheSameStateAndItsUsersLogInWithTheirPasswords()
      throws Exception {
    AdminCli.Result first = admin.run("central", "restore", legacyFile.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("format: legacy")
        .contains("Orchestra (orchestras): 2 in the file, 2 written, 0 identical, 2 verified")
        .contains("User (users): 3 in the file, 3 written, 0 identical, 3 verified")
        .contains("the bootstrap superadmin was replaced")
        .contains("pgbouncer=true")
        .doesNotContain("sco/pw", "scosco-pw");
    Map<String, List<String>> once = state();
    assertThat(once.get("Orchestra")).hasSize(2);
    assertThat(once.get("User")).hasSize(3);
    assertThat(once.toString()).doesNotContain("scosco-pw", "sco/pw");

    // Not empty any more: refused without --merge, and changed nothing.
    AdminCli.Result refused = admin.run("central", "restore", legacyFile.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(state()).isEqualTo(once);

    AdminCli.Result second =
        admin.run("central", "restore", legacyFile.toString(), "--merge", "--confirm", database);
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out())
        .contains("Orchestra (orchestras): 2 in the file, 0 written, 2 identical, 2 verified")
        .contains("User (users): 3 in the file, 0 written, 3 identical, 3 verified");
    assertThat(state()).isEqualTo(once);

    for (Map.Entry<String, String> account : PASSWORDS.entrySet()) {
      HttpResponse<String> login =
          platform
              .ripieno()
              .send(
                  "POST",
                  "/api/auth/login",
                  null,
                  Json.createObjectBuilder()
                      .add("username", account.getKey())
                      .add("password", account.getValue())
                      .build()
                      .toString());
      assertThat(login.statusCode()).as(account.getKey() + ": " + login.body()).isEqualTo(200);
    }
    // The bootstrap superadmin is gone; its password no longer opens anything.
    HttpResponse<String> bootstrap =
        platform
            .ripieno()
            .send(
                "POST",
                "/api/auth/login",
                null,
                "{\"username\":\"superadmin\",\"password\":\""
                    + PlatformFixture.SUPERADMIN_PASSWORD
                    + "\"}");
    assertThat(bootstrap.statusCode()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void theSuperadminExportsAndRestoresCentralOverHttpAndNobodyElseMay() throws Exception {
    RunningRipieno ripieno = platform.ripieno();
    String superadmin = platform.login("superadmin", PASSWORDS.get("superadmin"));
    String orchestraAdmin = platform.login("sco-admin", PASSWORDS.get("sco-admin"));

    assertThat(ripieno.send("GET", "/api/platform/central/export", null, null).statusCode())
        .isEqualTo(401);
    assertThat(
            ripieno.send("GET", "/api/platform/central/export", orchestraAdmin, null).statusCode())
        .isEqualTo(403);

    HttpResponse<String> export =
        ripieno.send("GET", "/api/platform/central/export", superadmin, null);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    JsonObject document = RunningRipieno.json(export);
    assertThat(document.getInt("formatVersion")).isEqualTo(1);
    assertThat(document.getJsonArray("orchestras")).hasSize(2);
    assertThat(document.getJsonArray("users")).hasSize(3);
    assertThat(document.getJsonArray("orchestras").getJsonObject(0).getString("databasePassword"))
        .startsWith("enc:v1:");

    HttpResponse<String> withoutMerge =
        ripieno.send("POST", "/api/platform/central/restore", superadmin, export.body());
    assertThat(withoutMerge.statusCode()).as(withoutMerge.body()).isEqualTo(409);
    assertThat(withoutMerge.body()).contains("not empty");

    HttpResponse<String> wrongConfirm =
        ripieno.send(
            "POST",
            "/api/platform/central/restore?merge=true&confirm=postgres",
            superadmin,
            export.body());
    assertThat(wrongConfirm.statusCode()).as(wrongConfirm.body()).isEqualTo(400);

    Map<String, List<String>> before = state();
    HttpResponse<String> merged =
        ripieno.send(
            "POST",
            "/api/platform/central/restore?merge=true&confirm="
                + URLEncoder.encode(database, StandardCharsets.UTF_8),
            superadmin,
            export.body());
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
    JsonObject report = RunningRipieno.json(merged);
    assertThat(report.getBoolean("ok")).isTrue();
    assertThat(report.getJsonArray("tables"))
        .allSatisfy(t -> assertThat(t.asJsonObject().getInt("written")).as(t.toString()).isZero());
    assertThat(state()).isEqualTo(before);

    // The legacy file over HTTP, as a dry run: found identical, nothing written.
    HttpResponse<String> legacy =
        ripieno.send(
            "POST",
            "/api/platform/central/restore?merge=true&dryRun=true",
            superadmin,
            Files.readString(legacyFile));
    assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(legacy).getString("format")).isEqualTo("legacy");

    // A row the database refuses: the answer names the column, never the row the server quotes.
    String hash = "$2b$10$leakleakleakleakleakleakleakleakleakleakleakleakleakl";
    String noEmail =
        Json.createObjectBuilder()
            .add("exportDate", "2025-07-03T14:52:34.025Z")
            .add("orchestras", Json.createArrayBuilder())
            .add(
                "users",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("id", "u-noemail")
                            .add("username", "no-email")
                            .addNull("email")
                            .add("passwordHash", hash)
                            .add("role", "superadmin")
                            .addNull("orchestraId")
                            .add("active", true)
                            .add("createdAt", "2025-06-30T10:00:00.000Z")))
            .build()
            .toString();
    HttpResponse<String> refusedRow =
        ripieno.send(
            "POST", "/api/platform/central/restore?merge=true&dryRun=true", superadmin, noEmail);
    assertThat(refusedRow.statusCode()).as(refusedRow.body()).isEqualTo(400);
    assertThat(refusedRow.body())
        .contains("email", "23502")
        .doesNotContain("Failing row", "Detail", hash, "no-email");
    assertThat(state()).isEqualTo(before);

    HttpResponse<String> notAnExport =
        ripieno.send("POST", "/api/platform/central/restore", superadmin, "{\"hello\":1}");
    assertThat(notAnExport.statusCode()).as(notAnExport.body()).isEqualTo(400);
    assertThat(
            ripieno
                .send("POST", "/api/platform/central/restore", orchestraAdmin, export.body())
                .statusCode())
        .isEqualTo(403);
  }
}
