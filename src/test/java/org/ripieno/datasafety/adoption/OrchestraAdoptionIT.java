package org.ripieno.datasafety.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ripieno.datasafety.adoption.AdoptionReport.Outcome;
import org.ripieno.datasafety.adoption.SchemaDifference.Handling;
import org.ripieno.datasafety.adoption.SchemaDifference.Kind;
import org.ripieno.datasafety.archive.OrchestraRows;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Issue 6, done-when 4: a database built from the legacy orchestra schema, with the legacy variants
 * in it, becomes a served orchestra whose musicians and projects the API reads, with its rows
 * unchanged; a database missing a column is refused with the difference named.
 */
class OrchestraAdoptionIT {

  private static final byte[] SECRET_KEY = new byte[32];
  private static PlatformFixture platform;
  private static SecretBox secrets;

  /**
   * The tables whose rows adoption must not change (all of V1 but the drifted, the counters and the
   * tables the seed's missing templates and settings are added to).
   */
  private static final Set<String> UNTOUCHED = new LinkedHashSet<>(DatabaseKind.ORCHESTRA.tables());

  @BeforeAll
  static void start() throws Exception {
    new SecureRandom().nextBytes(SECRET_KEY);
    secrets = new SecretBox(SecretBox.Key.fromBytes(SECRET_KEY), List.of());
    // Ripieno's own tables (the marker, the outbox) are made by the adoption; the others it fills.
    UNTOUCHED.removeAll(
        Set.of(
            "OrchestraIdentity",
            "OutboxMessage",
            "MessageRate",
            "AttachmentLink",
            "IdSequence",
            "CustomRanking",
            "EmailTemplate",
            "Settings"));
    // The application must read the password adoption encrypts: both use this key.
    platform =
        PlatformFixture.start(
            "adoption",
            Map.of("RIPIENO_SECRET_KEY", Base64.getEncoder().encodeToString(SECRET_KEY)));
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  @Test
  void aLegacyDatabaseBecomesAServedOrchestraWithItsRowsUnchanged() throws Exception {
    DatabaseLogin legacy = legacyDatabase("legacy_sco");
    OrchestraRows.fill(legacy, true);
    addLegacyVariants(legacy);
    Map<String, String> before = OrchestraRows.contents(legacy, UNTOUCHED);
    String rankingTimes =
        OrchestraRows.text(
            legacy,
            "select string_agg(\"createdAt\"::text, ',' order by \"id\") from \"CustomRanking\"");
    String subdomain = "legacy-sco";
    DatabaseLogin withPassword =
        new DatabaseLogin(
            legacy.address(), legacy.user(), "legacy-db-password", "ripieno-test-adoption");
    OrchestraAdoption adoption =
        new OrchestraAdoption(platform.central(), platform.postgres().server(), secrets);
    String databaseName = legacy.address().database();

    AdoptionReport dryRun =
        adoption.adopt(
            new OrchestraAdoption.Request(
                subdomain, withPassword, true, null, null, "SCO", false, true));
    assertThat(dryRun.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(dryRun.steps()).anyMatch(s -> s.startsWith("baseline Flyway"));
    assertThat(dryRun.orchestraId()).isNull();
    assertThat(tableExists(legacy, "flyway_schema_history")).isFalse();
    assertThat(tableExists(legacy, "SystemLog")).isTrue();
    assertThat(
            OrchestraRows.count(
                platform.central(),
                "select count(*) from \"Orchestra\" where \"subdomain\" = '" + subdomain + "'"))
        .isZero();
    AdoptionReport unconfirmed =
        adoption.adopt(
            new OrchestraAdoption.Request(
                subdomain, withPassword, true, "another_db", null, "SCO", false, false));
    assertThat(unconfirmed.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(unconfirmed.refusal()).contains("--confirm " + databaseName);
    assertThat(tableExists(legacy, "flyway_schema_history")).isFalse();

    AdoptionReport adopted =
        adoption.adopt(
            new OrchestraAdoption.Request(
                subdomain, withPassword, true, databaseName, null, "SCO", false, false));

    assertThat(adopted.outcome()).as(String.join("\n", adopted.lines())).isEqualTo(Outcome.ADOPTED);
    assertThat(adopted.differences())
        .extracting(SchemaDifference::table, SchemaDifference::kind, SchemaDifference::handling)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "_prisma_migrations", Kind.EXTRA_TABLE, Handling.KEPT),
            org.assertj.core.groups.Tuple.tuple(
                "SystemLog", Kind.EXTRA_TABLE, Handling.MOVED_TO_CENTRAL),
            org.assertj.core.groups.Tuple.tuple(
                "CustomRanking", Kind.MISSING_COLUMN, Handling.REPAIRED),
            org.assertj.core.groups.Tuple.tuple(
                "CustomRanking", Kind.FOREIGN_KEY_DEFINITION, Handling.REPAIRED));
    assertThat(adopted.unexpectedDifferences()).isEmpty();
    assertThat(adopted.systemLogRowsMoved()).isEqualTo(2);
    String orchestraId = adopted.orchestraId();

    // The rows are as they were; the drifted column is V1's again, with its values.
    assertThat(OrchestraRows.contents(legacy, UNTOUCHED)).isEqualTo(before);
    assertThat(
            OrchestraRows.text(
                legacy,
                "select string_agg(\"addedAt\"::text, ',' order by \"id\") from \"CustomRanking\""))
        .isEqualTo(rankingTimes);
    // The legacy template and setting are kept; the seed's missing ones are added.
    assertThat(
            OrchestraRows.text(
                legacy,
                "select string_agg(\"emailTemplateId\" || ' ' || \"type\", ','"
                    + " order by \"emailTemplateId\") from \"EmailTemplate\""))
        .startsWith("TMPL001 request,TMPL002 reminder,")
        .endsWith("TMPL008 position_filled_en");
    assertThat(
            OrchestraRows.text(
                legacy,
                "select string_agg(key || '=' || value, ',' order by key) from \"Settings\""))
        .isEqualTo(
            "ranking_conflict_strategy=simple,reminder_percentage=75,time_zone=Europe/Stockholm");
    assertThat(tableExists(legacy, "_prisma_migrations")).isTrue();
    assertThat(tableExists(legacy, "SystemLog")).isFalse();
    assertThat(
            OrchestraRows.text(
                legacy,
                "select confdeltype::text from pg_constraint"
                    + " where conname = 'CustomRanking_musicianId_fkey'"))
        .isEqualTo("r");
    String latest = Migrations.version(legacy.dataSource(), DatabaseKind.ORCHESTRA).expected();
    assertThat(Migrations.version(legacy.dataSource(), DatabaseKind.ORCHESTRA).current())
        .isEqualTo(latest);
    assertThat(adopted.versionAfter()).isEqualTo(latest);
    assertThat(OrchestraRows.text(legacy, "select \"orchestraId\" from \"OrchestraIdentity\""))
        .isEqualTo(orchestraId);

    // Central: the log rows with the orchestra's id, and the entry with the database's own login.
    DatabaseLogin central = platform.central();
    assertThat(
            OrchestraRows.text(
                central,
                "select string_agg(\"message\", ',' order by \"id\") from \"SystemLog\""
                    + " where \"orchestraId\" = '"
                    + orchestraId
                    + "' and \"id\" like 'legacy-log-%'"))
        .isEqualTo("Legacy login,Mail \"sent\"");
    assertThat(
            OrchestraRows.text(
                central,
                "select concat_ws('|', \"subdomain\", \"name\", \"status\", \"provisioningState\","
                    + " \"schemaVersion\", \"databaseHost\", \"databasePort\", \"databaseName\","
                    + " \"databaseUser\") from \"Orchestra\" where \"id\" = '"
                    + orchestraId
                    + "'"))
        .isEqualTo(
            String.join(
                "|",
                subdomain,
                "SCO",
                "active",
                "ACTIVE",
                latest,
                legacy.address().host(),
                Integer.toString(legacy.address().port()),
                databaseName,
                legacy.user()));
    String storedPassword =
        OrchestraRows.text(
            central,
            "select \"databasePassword\" from \"Orchestra\" where \"id\" = '" + orchestraId + "'");
    assertThat(storedPassword).startsWith("enc:v1:").doesNotContain("legacy-db-password");
    assertThat(secrets.decrypt(storedPassword)).isEqualTo("legacy-db-password");

    // Served: the API reads the musicians and projects from the adopted database.
    RunningRipieno ripieno = platform.ripieno();
    HttpResponse<String> musicians =
        ripieno.send(
            "GET",
            "/api/orchestras/" + subdomain + "/musicians?status=all&sort=lastName",
            platform.superadmin(),
            null);
    assertThat(musicians.statusCode()).as(musicians.body()).isEqualTo(200);
    JsonObject musicianPage = RunningRipieno.json(musicians);
    assertThat(musicianPage.getInt("total")).isEqualTo(OrchestraRows.MUSICIANS);
    assertThat(musicianPage.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("musicianId"))
        .containsExactlyInAnyOrder("MUS001", "MUS002", "MUS003");
    JsonObject anna =
        musicianPage.getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(m -> m.getString("musicianId").equals("MUS001"))
            .findFirst()
            .orElseThrow();
    assertThat(anna.getString("email")).isEqualTo("anna@example.org");
    assertThat(anna.getString("notes"))
        .startsWith("Notes with \"quotes\", a \\ backslash, ünïcödé");
    HttpResponse<String> projects =
        ripieno.send(
            "GET", "/api/orchestras/" + subdomain + "/projects", platform.superadmin(), null);
    assertThat(projects.statusCode()).as(projects.body()).isEqualTo(200);
    JsonObject projectPage = RunningRipieno.json(projects);
    assertThat(projectPage.getInt("total")).isEqualTo(OrchestraRows.PROJECTS);
    assertThat(projectPage.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("name"))
        .containsExactlyInAnyOrder("Vårkonsert", "Autumn");

    // Adopting again changes nothing more: every step is already done.
    AdoptionReport again =
        adoption.adopt(
            new OrchestraAdoption.Request(
                subdomain, withPassword, true, databaseName, null, "SCO", false, false));
    assertThat(again.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(again.orchestraId()).isEqualTo(orchestraId);
    assertThat(OrchestraRows.contents(legacy, UNTOUCHED)).isEqualTo(before);
  }

  @Test
  void aDatabaseWithAnUnexpectedMissingColumnIsRefusedWithTheDifferenceNamed() throws Exception {
    DatabaseLogin legacy = legacyDatabase("legacy_broken");
    OrchestraRows.fill(legacy, true);
    platform.postgres().execute(legacy, "alter table \"Musician\" drop column \"notes\"");
    Map<String, String> before = OrchestraRows.contents(legacy, UNTOUCHED);
    OrchestraAdoption adoption =
        new OrchestraAdoption(platform.central(), platform.postgres().server(), secrets);

    AdoptionReport refused =
        adoption.adopt(
            new OrchestraAdoption.Request(
                "broken", legacy, true, legacy.address().database(), null, null, false, false));

    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.unexpectedDifferences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.MISSING_COLUMN);
              assertThat(d.table()).isEqualTo("Musician");
              assertThat(d.name()).isEqualTo("notes");
            });
    assertThat(refused.refusal()).contains("column Musician.notes is missing");
    assertThat(String.join("\n", refused.lines())).contains("Musician.notes");
    // Nothing changed: no Flyway history, no marker, no registry entry, the same rows.
    assertThat(tableExists(legacy, "flyway_schema_history")).isFalse();
    assertThat(tableExists(legacy, "OrchestraIdentity")).isFalse();
    assertThat(
            OrchestraRows.count(
                platform.central(),
                "select count(*) from \"Orchestra\" where \"subdomain\" = 'broken'"))
        .isZero();
    assertThat(OrchestraRows.contents(legacy, UNTOUCHED)).isEqualTo(before);
  }

  @Test
  void centralTablesInALegacyOrchestraDatabaseAreKeptAndDoNotNeedForce() throws Exception {
    DatabaseLogin legacy = legacyDatabase("legacy_incident");
    OrchestraRows.fill(legacy, true);
    // The legacy incident: central's tables created in the orchestra database too, with rows.
    platform
        .postgres()
        .execute(
            legacy,
            """
            create table "Orchestra" ("id" text primary key, "subdomain" text not null);
            insert into "Orchestra" values ('legacy-1', 'incident');
            create table "User" ("id" text primary key, "username" text not null);
            insert into "User" values ('u1', 'a'), ('u2', 'b');
            create table "Customer" ("id" text primary key);
            """);
    Map<String, String> before = OrchestraRows.contents(legacy, UNTOUCHED);
    Map<String, String> centralTables =
        OrchestraRows.contents(legacy, List.of("Orchestra", "User", "Customer"));
    OrchestraAdoption adoption =
        new OrchestraAdoption(platform.central(), platform.postgres().server(), secrets);

    AdoptionReport adopted =
        adoption.adopt(
            new OrchestraAdoption.Request(
                "incident", legacy, false, legacy.address().database(), null, null, false, false));

    assertThat(adopted.outcome()).as(String.join("\n", adopted.lines())).isEqualTo(Outcome.ADOPTED);
    assertThat(adopted.differences())
        .extracting(SchemaDifference::table, SchemaDifference::handling)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Orchestra", Handling.KEPT),
            org.assertj.core.groups.Tuple.tuple("User", Handling.KEPT),
            org.assertj.core.groups.Tuple.tuple("Customer", Handling.KEPT));
    assertThat(adopted.unexpectedDifferences()).isEmpty();
    assertThat(String.join("\n", adopted.lines())).contains("schema clean --orchestra");
    // Kept with their rows (schema clean --orchestra backs them up and drops them later).
    assertThat(OrchestraRows.contents(legacy, List.of("Orchestra", "User", "Customer")))
        .isEqualTo(centralTables);
    assertThat(OrchestraRows.contents(legacy, UNTOUCHED)).isEqualTo(before);
    // No login of its own: the entry keeps none and routes through the server's login.
    assertThat(
            OrchestraRows.text(
                platform.central(),
                "select concat_ws('|', coalesce(\"databaseUser\", 'none'),"
                    + " coalesce(\"databasePassword\", 'none')) from \"Orchestra\""
                    + " where \"subdomain\" = 'incident'"))
        .isEqualTo("none|none");
    HttpResponse<String> musicians =
        platform
            .ripieno()
            .send(
                "GET",
                "/api/orchestras/incident/musicians?status=all",
                platform.superadmin(),
                null);
    assertThat(musicians.statusCode()).as(musicians.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(musicians).getInt("total")).isEqualTo(OrchestraRows.MUSICIANS);
  }

  @Test
  void theCentralDatabaseItselfIsRefusedHoweverItsHostIsSpelled() throws Exception {
    DatabaseLogin central = platform.central();
    String versionBefore = Migrations.version(central.dataSource(), DatabaseKind.CENTRAL).current();
    OrchestraAdoption adoption =
        new OrchestraAdoption(central, platform.postgres().server(), secrets);
    DatabaseAddress address = central.address();
    String otherSpelling = address.host().equals("localhost") ? "127.0.0.1" : "localhost";
    DatabaseLogin spelledOtherwise =
        new DatabaseLogin(
            new DatabaseAddress(otherSpelling, address.port(), address.database()),
            central.user(),
            central.password(),
            "ripieno-test-adoption");

    for (DatabaseLogin target : List.of(central, spelledOtherwise)) {
      AdoptionReport refused =
          adoption.adopt(
              new OrchestraAdoption.Request(
                  "central-itself", target, false, address.database(), null, null, true, false));

      assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(refused.refusal()).contains("is the central database");
    }
    assertThat(tableExists(central, "OrchestraIdentity")).isFalse();
    assertThat(tableExists(central, "Musician")).isFalse();
    assertThat(Migrations.version(central.dataSource(), DatabaseKind.CENTRAL).current())
        .isEqualTo(versionBefore);
    assertThat(
            OrchestraRows.count(
                central,
                "select count(*) from \"Orchestra\" where \"subdomain\" = 'central-itself'"))
        .isZero();
  }

  @Test
  void rowsThatChangeDuringTheAdoptionFailItNamingTheTableAndLeaveItUnregistered()
      throws Exception {
    DatabaseLogin legacy = legacyDatabase("legacy_changing");
    OrchestraRows.fill(legacy, true);
    // Something else at work in the database while it is adopted: here a trigger that deletes the
    // audit log when migration V3 writes the IdSequence counters.
    platform
        .postgres()
        .execute(
            legacy,
            """
            create function "legacy_cleanup"() returns trigger language plpgsql as $$
            begin delete from "AuditLog"; return null; end $$;
            create trigger "legacy_cleanup" after insert on "IdSequence"
              for each statement execute function "legacy_cleanup"();
            """);
    OrchestraAdoption adoption =
        new OrchestraAdoption(platform.central(), platform.postgres().server(), secrets);

    assertThatThrownBy(
            () ->
                adoption.adopt(
                    new OrchestraAdoption.Request(
                        "changing",
                        legacy,
                        false,
                        legacy.address().database(),
                        null,
                        null,
                        false,
                        false)))
        .isInstanceOf(AdoptionFailedException.class)
        .hasMessageContaining("AuditLog (1 -> 0)")
        .hasMessageNotContaining("Musician (");
    assertThat(
            OrchestraRows.count(
                platform.central(),
                "select count(*) from \"Orchestra\" where \"subdomain\" = 'changing'"))
        .isZero();
  }

  /** A database as the legacy system left it: the V1 tables, no Flyway history. */
  private static DatabaseLogin legacyDatabase(String purpose) throws Exception {
    DatabaseLogin legacy = platform.postgres().createEmpty(purpose);
    Migrations.flywayConfiguration(legacy.dataSource(), DatabaseKind.ORCHESTRA)
        .target("1")
        .load()
        .migrate();
    platform.postgres().execute(legacy, "drop table flyway_schema_history");
    return legacy;
  }

  /**
   * What real legacy databases carry: Prisma's history, a SystemLog made by hand, and CustomRanking
   * as combined_custom_lists_migration.sql made it (createdAt/updatedAt, musician key CASCADE).
   */
  private static void addLegacyVariants(DatabaseLogin legacy) throws Exception {
    platform
        .postgres()
        .execute(
            legacy,
            """
            create table "_prisma_migrations" (
              "id" varchar(36) primary key, "checksum" varchar(64) not null,
              "finished_at" timestamptz, "migration_name" varchar(255) not null,
              "logs" text, "rolled_back_at" timestamptz,
              "started_at" timestamptz not null default now(),
              "applied_steps_count" integer not null default 0);
            insert into "_prisma_migrations" ("id", "checksum", "migration_name") values
              ('m1', 'resolved', '20250627170040_make_display_order_required');
            create table "SystemLog" (
              "id" text primary key, "timestamp" timestamp(3) not null default current_timestamp,
              "level" text not null, "category" text not null, "message" text not null,
              "metadata" jsonb, "userId" text, "orchestraId" text, "subdomain" text, "ip" text,
              "userAgent" text, "requestId" text, "duration" integer);
            insert into "SystemLog" ("id", "timestamp", "level", "category", "message",
                "metadata", "subdomain", "duration") values
              ('legacy-log-1', '2025-07-04 10:00:00.123', 'info', 'auth', 'Legacy login',
               '{"user": "sco-admin"}', 'sco', 12),
              ('legacy-log-2', '2025-07-04 10:01:00', 'warn', 'email', 'Mail "sent"', null,
               'sco', null);
            alter table "CustomRanking" rename column "addedAt" to "createdAt";
            alter table "CustomRanking"
              add column "updatedAt" timestamp(3) not null default current_timestamp;
            alter table "CustomRanking" drop constraint "CustomRanking_musicianId_fkey",
              add constraint "CustomRanking_musicianId_fkey" foreign key ("musicianId")
                references "Musician"("id") on delete cascade on update cascade;
            """);
  }

  private static boolean tableExists(DatabaseLogin database, String table) throws Exception {
    return OrchestraRows.count(
            database, "select count(*) from pg_tables where tablename = '" + table + "'")
        == 1;
  }
}
