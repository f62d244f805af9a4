package org.ripieno.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.datasafety.archive.OrchestraRows;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Issue 17, done-when 5: an orchestra database built the way the legacy provisioning script built
 * it (test resources {@code legacy/*.sql}: the 19 hand-written tables, then the custom-list
 * migration, then rows in every table) is adopted by {@code ripieno-admin orchestras adopt} without
 * {@code --force} and served; {@code schema check} reports column drift; a dry run on an empty
 * central says what it would create.
 */
class LegacyScriptDatabaseIT {

  private static PlatformFixture platform;

  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    platform = PlatformFixture.shared();
  }

  @Nested
  class ADatabaseMadeByTheLegacyScript {

    @Test
    void isAdoptedWithoutForceRepairedSeededAndServed() throws Exception {
      DatabaseLogin legacy = legacyScriptDatabase("legacy_script");
      String createdAt =
          OrchestraRows.text(
              legacy,
              "select string_agg(\"createdAt\"::text, ',' order by \"id\") from \"CustomRanking\"");
      String subdomain = "legacy-script-" + suffix();
      String database = legacy.address().database();
      AdminCli cli = AdminCli.forCentral(platform.central(), work.resolve("adopt"));

      AdminCli.Result adopted =
          cli.run(
              "orchestras",
              "adopt",
              subdomain,
              "--url",
              legacy.address().jdbcUrl(),
              "--name",
              "Legacy Sinfonietta",
              "--confirm",
              database);

      assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
      // Every repair is reported: the nullability, the key rules, the CustomRanking times, and
      // what the seed needs that was missing.
      assertThat(adopted.out())
          .contains(
              "difference: column ProjectNeed.rankingListId is NOT NULL, expected nullable:"
                  + " brought to the orchestra schema",
              "difference: column CustomRanking.addedAt is missing",
              "foreign key on ProjectNeed is ProjectNeed_projectId_fkey",
              "ON DELETE NO ACTION ON UPDATE NO ACTION, expected ProjectNeed_projectId_fkey",
              "ProjectNeed_customRankingListId_fkey ProjectNeed[customRankingListId] ->"
                  + " CustomRankingList[id] ON DELETE SET NULL",
              "add the seed's missing 7 email template(s) (reminder, confirmation,"
                  + " position_filled, request_en, reminder_en, confirmation_en,"
                  + " position_filled_en) and 3 setting(s) (reminder_percentage,"
                  + " ranking_conflict_strategy, time_zone)",
              "rows of EmailTemplate: 1 -> 8",
              "rows of Settings: 1 -> 4",
              "rows of IdSequence: 2 -> 13")
          .doesNotContain(": unexpected");
      assertThat(
              OrchestraRows.text(
                  legacy,
                  "select is_nullable from information_schema.columns"
                      + " where table_name = 'ProjectNeed' and column_name = 'rankingListId'"))
          .isEqualTo("YES");
      assertThat(
              OrchestraRows.text(
                  legacy,
                  "select string_agg(conname || ' ' || confdeltype::text || confupdtype::text, ','"
                      + " order by conname) from pg_constraint where contype = 'f' and conname in"
                      + " ('ProjectNeed_projectId_fkey', 'ProjectNeed_customRankingListId_fkey',"
                      + " 'CustomRanking_musicianId_fkey', 'Ranking_musicianId_fkey')"))
          .isEqualTo(
              "CustomRanking_musicianId_fkey rc,ProjectNeed_customRankingListId_fkey cc,"
                  + "ProjectNeed_projectId_fkey rc,Ranking_musicianId_fkey rc");
      assertThat(
              OrchestraRows.text(
                  legacy,
                  "select string_agg(\"addedAt\"::text, ',' order by \"id\") from"
                      + " \"CustomRanking\""))
          .isEqualTo(createdAt);
      // The counters are past every code in use or recorded as deleted (MUS008).
      assertThat(
              OrchestraRows.text(
                  legacy,
                  "select string_agg(\"entityType\" || '=' || \"lastNumber\", ','"
                      + " order by \"entityType\") from \"IdSequence\" where \"entityType\" in"
                      + " ('musician', 'project', 'emailTemplate', 'customList')"))
          .isEqualTo("customList=1,emailTemplate=7,musician=8,project=2");

      RunningRipieno ripieno = platform.ripieno();
      String base = "/api/orchestras/" + subdomain;
      JsonObject musicians = get(ripieno, base + "/musicians?status=all&sort=lastName");
      assertThat(musicians.getInt("total")).isEqualTo(3);
      assertThat(musicians.getJsonArray("items").getValuesAs(JsonObject.class))
          .extracting(m -> m.getString("musicianId"))
          .containsExactlyInAnyOrder("MUS001", "MUS002", "MUS007");
      JsonObject list = get(ripieno, base + "/ranking-lists/1");
      assertThat(list.getString("rankingListId")).isEqualTo("RANK001");
      assertThat(list.getJsonArray("musicians")).hasSize(2);
      JsonObject projects = get(ripieno, base + "/projects");
      assertThat(projects.getJsonArray("items").getValuesAs(JsonObject.class))
          .extracting(p -> p.getString("name"))
          .containsExactlyInAnyOrder("Midsommarkonsert", "Julkonsert");
      JsonObject templates = get(ripieno, base + "/templates");
      assertThat(templates.getInt("total")).isEqualTo(8);
      JsonObject settings = get(ripieno, base + "/settings");
      assertThat(settings.getString("reminder_percentage")).isEqualTo("75");

      // A need on the custom list alone, which the script's NOT NULL refused, now stands.
      platform
          .postgres()
          .execute(
              legacy,
              "insert into \"ProjectNeed\" (\"projectNeedId\", \"projectId\", \"positionId\","
                  + " \"customRankingListId\", \"requestStrategy\") values"
                  + " ('NEED003', 2, 1, 1, 'sequential')");
      JsonObject customList = get(ripieno, base + "/projects/1/custom-lists/1");
      assertThat(customList.getJsonArray("members").getValuesAs(JsonObject.class))
          .extracting(m -> m.getString("musicianCode"))
          .containsExactly("MUS002", "MUS001");
      assertThat(customList.getJsonArray("usedByNeedIds").size()).isGreaterThanOrEqualTo(1);

      // The next musician gets the next free code.
      HttpResponse<String> created =
          ripieno.send(
              "POST",
              base + "/musicians",
              platform.superadmin(),
              "{\"firstName\":\"Dagny\",\"lastName\":\"Ek\",\"email\":\"dagny@example.org\","
                  + "\"qualificationIds\":[1]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(RunningRipieno.json(created).getString("musicianId")).isEqualTo("MUS009");

      // Adopted, it has no drift left.
      AdminCli.Result check = cli.run("schema", "check", "--orchestra", subdomain);
      assertThat(check.exitCode()).as(check.toString()).isZero();
      assertThat(check.out()).contains("columns and foreign keys: as schema version");
    }

    @Test
    void aDryRunOnABrandNewCentralSaysWhatItWouldCreateAndChangesNothing() throws Exception {
      DatabaseLogin emptyCentral = platform.postgres().createEmpty("empty_central");
      DatabaseLogin legacy = legacyScriptDatabase("legacy_dry_run");
      AdminCli cli = AdminCli.forCentral(emptyCentral, work.resolve("dry-run"));

      AdminCli.Result dryRun =
          cli.run(
              "orchestras",
              "adopt",
              "legacy-dry",
              "--url",
              legacy.address().jdbcUrl(),
              "--dry-run");

      assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
      assertThat(dryRun.out())
          .contains(
              ": DRY_RUN",
              "would: create the central schema (version ",
              "would: repair ProjectNeed: ALTER TABLE \"ProjectNeed\" ALTER COLUMN"
                  + " \"rankingListId\" DROP NOT NULL",
              "would: add the seed's missing 7 email template(s)",
              "would: create the registry entry of legacy-dry")
          .doesNotContain("does not exist");
      assertThat(
              OrchestraRows.count(
                  emptyCentral,
                  "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                      + " where n.nspname = 'public'"))
          .isZero();
      assertThat(
              OrchestraRows.count(
                  legacy, "select count(*) from pg_tables where schemaname = 'public'"))
          .isEqualTo(21);
    }
  }

  @Nested
  class SchemaCheck {

    @Test
    void reportsAnInjectedColumnDriftNamingTableAndColumnAndExitsOne() throws Exception {
      String id = "drift-" + suffix();
      String subdomain = "drift" + suffix();
      DatabaseLogin database = platform.registerOrchestra(id, subdomain, "Drift");
      platform
          .postgres()
          .execute(
              database,
              "alter table \"Musician\" alter column \"phone\" type varchar(20);"
                  + " alter table \"Project\" drop column \"notes\";"
                  + " alter table \"Request\" drop constraint \"Request_musicianId_fkey\"");
      AdminCli cli = AdminCli.forCentral(platform.central(), work.resolve("check"));

      AdminCli.Result text = cli.run("schema", "check", "--orchestra", subdomain);
      AdminCli.Result json = cli.run("schema", "check", "--orchestra", subdomain, "--json");

      assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.CHECK_FAILED);
      assertThat(text.out())
          .contains(
              "column drift from schema version",
              "column Musician.phone has type character varying(20), expected text",
              "column Project.notes is missing (expected text)",
              "foreign key Request_musicianId_fkey on Request is missing",
              "FAILED, column drift: Musician.phone, Project.notes,"
                  + " Request.Request_musicianId_fkey");
      assertThat(json.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
      JsonObject report = json.json().getJsonArray("reports").getJsonObject(0);
      assertThat(report.getString("orchestra")).isEqualTo(subdomain);
      assertThat(
              report.getJsonObject("columns").getJsonArray("drift").getValuesAs(JsonObject.class))
          .extracting(
              d -> d.getString("kind") + " " + d.getString("table") + "." + d.getString("name"))
          .containsExactlyInAnyOrder(
              "COLUMN_TYPE Musician.phone",
              "MISSING_COLUMN Project.notes",
              "MISSING_FOREIGN_KEY Request.Request_musicianId_fkey");
      assertThat(json.json().getJsonArray("problems").getString(0))
          .startsWith(subdomain + ": column drift: ");
    }

    @Test
    void aDatabaseAsItsMigrationsMadeItHasNoDrift() throws Exception {
      String subdomain = "nodrift" + suffix();
      platform.registerOrchestra("no-drift-" + suffix(), subdomain, "No drift");
      AdminCli cli = AdminCli.forCentral(platform.central(), work.resolve("clean-check"));

      AdminCli.Result check = cli.run("schema", "check", "--orchestra", subdomain, "--json");

      assertThat(check.exitCode()).as(check.toString()).isZero();
      assertThat(
              check
                  .json()
                  .getJsonArray("reports")
                  .getJsonObject(0)
                  .getJsonObject("columns")
                  .getJsonArray("drift"))
          .isEmpty();
    }
  }

  /** An empty database shaped by the legacy init script and custom-list migration, with rows. */
  private static DatabaseLogin legacyScriptDatabase(String purpose) throws Exception {
    DatabaseLogin legacy = platform.postgres().createEmpty(purpose);
    for (String script :
        List.of(
            "orchestra-init-database.sql", "orchestra-custom-lists.sql", "orchestra-rows.sql")) {
      platform.postgres().execute(legacy, resource("legacy/" + script));
    }
    return legacy;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LegacyScriptDatabaseIT.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonObject get(RunningRipieno ripieno, String path) throws Exception {
    HttpResponse<String> answer = ripieno.send("GET", path, platform.superadmin(), null);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
