package org.ripieno.central.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.central.fleet.control.FleetProgress.Entry;
import org.ripieno.central.fleet.control.FleetProgress.Snapshot;
import org.ripieno.central.fleet.control.FleetProgress.State;
import org.ripieno.config.RipienoSettings;
import org.ripieno.config.SettingsSource;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;
import org.ripieno.testing.TestPostgres;

/**
 * The fleet migration core as the command line uses it (no server): against real PostgreSQL, with a
 * fresh central database per test.
 */
class FleetMigrationIT {

  private TestPostgres postgres;
  private DatabaseLogin central;
  private String latest;

  @BeforeEach
  void centralDatabase() throws SQLException {
    postgres = new TestPostgres();
    central = postgres.createCentral("fleetcentral");
    latest = FleetTestDatabases.latestVersion(central.dataSource());
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    postgres.close();
  }

  @Test
  void migratesEveryOrchestraButTheDeletedOnesAndRecordsEachResultInCentral() throws Exception {
    DatabaseLogin one = FleetTestDatabases.oneBehind(postgres, "one", "o-one");
    DatabaseLogin two = FleetTestDatabases.oneBehind(postgres, "two", "o-two");
    DatabaseLogin three = postgres.createOrchestra("three", "o-three");
    DatabaseLogin gone = FleetTestDatabases.oneBehind(postgres, "gone", "o-gone");
    String behind = FleetTestDatabases.currentVersion(one);
    FleetTestDatabases.register(central, "o-one", "one", "active", 100, one);
    FleetTestDatabases.register(central, "o-two", "two", "suspended", 100, two);
    FleetTestDatabases.register(central, "o-three", "three", "inactive", 100, three);
    FleetTestDatabases.register(central, "o-gone", "gone", "deleted", 100, gone);
    FleetTestDatabases.register(central, "o-new", "new", "pending", 100, null);
    DatabaseLogin provisioning = FleetTestDatabases.oneBehind(postgres, "prov", "o-prov");
    FleetTestDatabases.register(central, "o-prov", "prov", "pending", 100, provisioning);
    FleetTestDatabases.register(
        central, "o-ghost", "ghost", "active", 100, postgres.login(postgres.uniqueName("nodb")));
    // The legacy incident: a registry row that points at central itself. Central has no
    // identity marker, so the orchestra migrations must never run there.
    FleetTestDatabases.register(central, "o-wrong", "wrong", "active", 100, central);
    AtomicInteger mostAtOnce = new AtomicInteger();

    Snapshot result =
        migration(2, Duration.ofSeconds(30))
            .run(
                new FleetListener() {
                  @Override
                  public void changed(Entry orchestra, Snapshot snapshot) {
                    long working =
                        snapshot.orchestras().stream()
                            .filter(e -> !e.state().isFinal() && e.state() != State.PENDING)
                            .count();
                    mostAtOnce.accumulateAndGet((int) working, Math::max);
                  }
                });

    Map<String, Entry> bySubdomain = bySubdomain(result);
    assertThat(bySubdomain.keySet())
        .containsExactlyInAnyOrder("one", "two", "three", "new", "prov", "ghost", "wrong");
    assertThat(bySubdomain.get("one").state()).isEqualTo(State.MIGRATED);
    assertThat(bySubdomain.get("one").fromVersion()).isEqualTo(behind);
    assertThat(bySubdomain.get("one").version()).isEqualTo(latest);
    assertThat(bySubdomain.get("two").state()).isEqualTo(State.MIGRATED);
    assertThat(bySubdomain.get("three").state()).isEqualTo(State.UP_TO_DATE);
    assertThat(bySubdomain.get("new").state()).isEqualTo(State.SKIPPED);
    assertThat(bySubdomain.get("prov").state()).isEqualTo(State.SKIPPED);
    assertThat(FleetTestDatabases.currentVersion(provisioning)).isEqualTo(behind);
    assertThat(bySubdomain.get("ghost").state()).isEqualTo(State.FAILED);
    assertThat(bySubdomain.get("ghost").error()).contains("cannot be reached");
    assertThat(bySubdomain.get("wrong").state()).isEqualTo(State.FAILED);
    assertThat(bySubdomain.get("wrong").error()).contains("no identity marker");
    assertThat(result.total()).isEqualTo(7);
    assertThat(result.done()).isEqualTo(7);
    assertThat(result.failed()).isEqualTo(2);
    assertThat(result.isFinished()).isTrue();
    assertThat(mostAtOnce.get()).isBetween(1, 2);

    assertThat(FleetTestDatabases.currentVersion(one)).isEqualTo(latest);
    assertThat(FleetTestDatabases.currentVersion(two)).isEqualTo(latest);
    assertThat(FleetTestDatabases.currentVersion(gone)).isEqualTo(behind);
    try (Connection connection = central.connect()) {
      SchemaReport centralTables = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      assertThat(centralTables.misplaced()).isEmpty();
      assertThat(centralTables.isExact()).isTrue();
    }

    Map<String, String[]> rows = centralRows();
    assertThat(rows.get("o-one")[0]).isEqualTo(latest);
    assertThat(rows.get("o-one")[1])
        .isEqualTo("migrated: " + behind + " -> " + latest + " (1 migration)");
    assertThat(rows.get("o-one")[2]).isNotNull();
    assertThat(rows.get("o-three")[1]).isEqualTo("up-to-date: " + latest);
    assertThat(rows.get("o-ghost")[1]).startsWith("failed: ").contains("cannot be reached");
    assertThat(rows.get("o-ghost")[0]).isNull();
    assertThat(rows.get("o-wrong")[1]).startsWith("failed: ");
    assertThat(rows.get("o-new")[1]).isNull();
    assertThat(rows.get("o-gone")[1]).isNull();

    Snapshot again = migration(2, Duration.ofSeconds(30)).run(FleetListener.NONE);

    assertThat(bySubdomain(again).get("one").state()).isEqualTo(State.UP_TO_DATE);
    assertThat(bySubdomain(again).get("two").state()).isEqualTo(State.UP_TO_DATE);
    assertThat(centralRows().get("o-one")[1]).isEqualTo("up-to-date: " + latest);
  }

  @Test
  void aDatabaseIsMigratedInOneSession() throws Exception {
    DatabaseLogin one = FleetTestDatabases.oneBehind(postgres, "single", "o-single");
    FleetTestDatabases.register(central, "o-single", "single", "active", 100, one);
    long sessions = postgres.settledSessions(one);

    Snapshot result = migration(1, Duration.ofSeconds(30)).run(FleetListener.NONE);

    // The lock holder's: the marker, the versions and Flyway's work all go over it (a new session
    // in a database is the server's most expensive step of a migration).
    assertThat(postgres.settledSessions(one) - sessions).isEqualTo(1);
    assertThat(bySubdomain(result).get("single").state()).isEqualTo(State.MIGRATED);
    assertThat(FleetTestDatabases.currentVersion(one)).isEqualTo(latest);
  }

  @Test
  void aDatabaseLockedByAnotherRunIsMigratedOnlyOnceTheLockIsReleased() throws Exception {
    DatabaseLogin locked = FleetTestDatabases.oneBehind(postgres, "locked", "o-locked");
    DatabaseLogin free = FleetTestDatabases.oneBehind(postgres, "free", "o-free");
    String behind = FleetTestDatabases.currentVersion(locked);
    FleetTestDatabases.register(central, "o-locked", "locked", "active", 100, locked);
    FleetTestDatabases.register(central, "o-free", "free", "active", 100, free);
    CountDownLatch waitingWhileFreeIsDone = new CountDownLatch(1);
    CompletableFuture<Snapshot> run;

    try (Connection otherRun = locked.connect()) {
      assertThat(DatabaseLock.tryLock(otherRun)).isTrue();
      run =
          CompletableFuture.supplyAsync(
              () ->
                  migration(2, Duration.ofSeconds(60))
                      .run(
                          new FleetListener() {
                            @Override
                            public void changed(Entry orchestra, Snapshot snapshot) {
                              Map<String, Entry> now = bySubdomain(snapshot);
                              if (now.get("locked").state() == State.WAITING_FOR_LOCK
                                  && now.get("free").state() == State.MIGRATED) {
                                waitingWhileFreeIsDone.countDown();
                              }
                            }
                          }));

      assertThat(waitingWhileFreeIsDone.await(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500);
      assertThat(run).isNotDone();
      assertThat(FleetTestDatabases.currentVersion(locked)).isEqualTo(behind);
      assertThat(centralRows().get("o-locked")[1]).isNull();
    }

    Snapshot result = run.get(60, TimeUnit.SECONDS);
    assertThat(bySubdomain(result).get("locked").state()).isEqualTo(State.MIGRATED);
    assertThat(FleetTestDatabases.currentVersion(locked)).isEqualTo(latest);
    assertThat(centralRows().get("o-locked")[1]).startsWith("migrated: ");
  }

  @Test
  void aRunThatCannotGetTheLockInTimeFailsThatDatabaseWithoutRecordingOverTheOtherRun()
      throws Exception {
    DatabaseLogin locked = FleetTestDatabases.oneBehind(postgres, "held", "o-held");
    String behind = FleetTestDatabases.currentVersion(locked);
    FleetTestDatabases.register(central, "o-held", "held", "active", 100, locked);

    Snapshot result;
    try (Connection otherRun = locked.connect()) {
      assertThat(DatabaseLock.tryLock(otherRun)).isTrue();
      result = migration(1, Duration.ofSeconds(1)).run(FleetListener.NONE);
    }

    Entry held = bySubdomain(result).get("held");
    assertThat(held.state()).isEqualTo(State.FAILED);
    assertThat(held.error()).contains("Another run").contains("ripieno.fleet.lock-wait");
    assertThat(FleetTestDatabases.currentVersion(locked)).isEqualTo(behind);
    assertThat(centralRows().get("o-held")[1]).isNull();
  }

  @Test
  void aDatabaseAheadOfThisCodeAndOneWithAFailedMigrationAreReportedAndLeftAsTheyAre()
      throws Exception {
    DatabaseLogin ahead = postgres.createOrchestra("ahead", "o-ahead");
    postgres.execute(
        ahead,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer"
            + " release', 'SQL', 'V99__newer.sql', 1, 'postgres', 1, true)");
    DatabaseLogin broken = FleetTestDatabases.oneBehind(postgres, "broken", "o-broken");
    postgres.execute(
        broken,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (98, '98', 'broken',"
            + " 'SQL', 'V98__broken.sql', 1, 'postgres', 1, false)");
    FleetTestDatabases.register(central, "o-ahead", "ahead", "active", 100, ahead);
    FleetTestDatabases.register(central, "o-broken", "broken", "active", 100, broken);
    long brokenRows = postgres.queryLong(broken, "select count(*) from flyway_schema_history");

    Snapshot result = migration(2, Duration.ofSeconds(30)).run(FleetListener.NONE);

    Entry aheadEntry = bySubdomain(result).get("ahead");
    assertThat(aheadEntry.state()).isEqualTo(State.FAILED);
    assertThat(aheadEntry.error())
        .isEqualTo("At schema version 99, newer than this application's " + latest);
    assertThat(bySubdomain(result).get("broken").state()).isEqualTo(State.FAILED);
    // Not plain: Flyway reads it, as before, and counts the failed version as the current one.
    assertThat(bySubdomain(result).get("broken").error())
        .isEqualTo("At schema version 98, newer than this application's " + latest);
    assertThat(postgres.queryLong(broken, "select count(*) from flyway_schema_history"))
        .isEqualTo(brokenRows);
    assertThat(centralRows().get("o-ahead")[1])
        .isEqualTo("failed: At schema version 99, newer than this application's " + latest);
  }

  @Test
  void anUnreadableCentralEndsTheRunWithItsReason() {
    DatabaseLogin nowhere = postgres.login(postgres.uniqueName("nocentral"));

    Snapshot result =
        new FleetMigration(nowhere.dataSource(), settings(1, Duration.ofSeconds(1)))
            .run(FleetListener.NONE);

    assertThat(result.isFinished()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).startsWith("The central registry cannot be read");
    assertThat(result.total()).isZero();
  }

  private FleetMigration migration(int workers, Duration lockWait) {
    return new FleetMigration(central.dataSource(), settings(workers, lockWait));
  }

  private RipienoSettings settings(int workers, Duration lockWait) {
    Map<String, String> properties = new HashMap<>();
    properties.put("ripieno.central.url", central.address().jdbcUrl());
    if (central.user() != null) {
      properties.put("ripieno.central.user", central.user());
    }
    if (central.password() != null) {
      properties.put("ripieno.central.password", central.password());
    }
    properties.put("ripieno.fleet.workers", Integer.toString(workers));
    properties.put("ripieno.fleet.lock-wait", lockWait.toString());
    return new RipienoSettings(SettingsSource.of(properties, Map.of()));
  }

  /** schemaVersion, lastMigrationResult, lastMigratedAt by orchestra id. */
  private Map<String, String[]> centralRows() throws SQLException {
    Map<String, String[]> rows = new HashMap<>();
    try (Connection connection = central.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "select \"id\", \"schemaVersion\", \"lastMigrationResult\","
                    + " \"lastMigratedAt\"::text from \"Orchestra\"");
        ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.put(
            result.getString(1),
            new String[] {result.getString(2), result.getString(3), result.getString(4)});
      }
    }
    return rows;
  }

  private static Map<String, Entry> bySubdomain(Snapshot snapshot) {
    return snapshot.orchestras().stream()
        .collect(Collectors.toMap(Entry::subdomain, Function.identity()));
  }
}
