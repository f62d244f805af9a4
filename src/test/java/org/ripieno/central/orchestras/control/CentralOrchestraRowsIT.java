package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.TestPostgres;

/** The central {@code "Orchestra"} rows' SQL against a real, freshly migrated central database. */
class CentralOrchestraRowsIT {

  private static final DatabaseAddress SCO_DB = new DatabaseAddress("db1", 5432, "orch_sco");

  private TestPostgres postgres;
  private DatabaseLogin central;
  private CentralOrchestraRows rows;

  @BeforeEach
  void centralDatabase() throws SQLException {
    postgres = new TestPostgres();
    central = postgres.createCentral("rowscentral");
    rows = CentralOrchestraRows.pooled(central.dataSource());
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    postgres.close();
  }

  @Nested
  class Registration {

    @Test
    void aRegisteredDatabaseIsReadBackByIdSubdomainAndAddress() throws Exception {
      rows.register(
          new CentralOrchestraRows.Registration(
              "o-sco",
              "sco",
              null,
              null,
              "sco@example.org",
              "7",
              "second",
              SCO_DB,
              "sco_owner",
              "enc:secret",
              "adopted from the legacy system",
              true));

      RegisteredOrchestra row = rows.byId("o-sco").orElseThrow();
      assertThat(row.subdomain()).isEqualTo("sco");
      assertThat(row.name()).as("no name: the subdomain").isEqualTo("sco");
      assertThat(row.status()).isEqualTo("active");
      assertThat(row.contactName()).as("required column, none given").isEmpty();
      assertThat(row.contactEmail()).isEqualTo("sco@example.org");
      assertThat(row.server()).isEqualTo("second");
      assertThat(row.database()).contains(SCO_DB);
      assertThat(row.databaseUser()).isEqualTo("sco_owner");
      assertThat(row.storedDatabasePassword()).isEqualTo("enc:secret");
      assertThat(row.schemaVersion()).isEqualTo("7");
      assertThat(row.lastMigrationResult()).isEqualTo("adopted from the legacy system");
      assertThat(row.lastMigratedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
      assertThat(row.provisioning().state()).isEqualTo(ProvisioningState.ACTIVE);
      assertThat(row.jobs().dueAt()).as("its work is unknown").isNotNull();
      assertThat(rows.bySubdomain("sco")).contains(row);
      assertThat(rows.onDatabase(SCO_DB)).contains(row);
      assertThat(rows.onDatabase(SCO_DB.withDatabase("other"))).isEmpty();
      assertThat(postgres.queryText(central, "select \"orchestraId\" from \"Orchestra\""))
          .isEqualTo("o-sco");
    }

    @Test
    void aFreshDatabaseWithNothingToRecordLeavesTheJobsAndTheMigrationTimeUnset() throws Exception {
      rows.register(fresh("o-new", "new", SCO_DB));

      RegisteredOrchestra row = rows.byId("o-new").orElseThrow();
      assertThat(row.jobs().dueAt()).isNull();
      assertThat(row.lastMigratedAt()).isNull();
      assertThat(row.lastMigrationResult()).isNull();
      assertThat(row.server()).isEqualTo("default");
    }

    @Test
    void pointingOnlyAtADeletedRowLeavesALiveOneAlone() throws Exception {
      rows.register(fresh("o-sco", "sco", SCO_DB));
      CentralOrchestraRows.Registration moved =
          new CentralOrchestraRows.Registration(
              "o-sco",
              "sco",
              "SCO",
              null,
              null,
              "7",
              null,
              SCO_DB.withDatabase("orch_sco_2"),
              null,
              null,
              "imported",
              true);

      assertThat(rows.pointAtDatabase(moved, true)).isFalse();
      assertThat(rows.byId("o-sco").orElseThrow().databaseName()).isEqualTo("orch_sco");

      postgres.execute(central, "update \"Orchestra\" set status = 'deleted'");
      assertThat(rows.allButDeleted()).isEmpty();
      assertThat(rows.pointAtDatabase(moved, true)).isTrue();
      RegisteredOrchestra back = rows.byId("o-sco").orElseThrow();
      assertThat(back.status()).isEqualTo("active");
      assertThat(back.databaseName()).isEqualTo("orch_sco_2");
      assertThat(back.lastMigrationResult()).isEqualTo("imported");
      assertThat(back.jobs().dueAt()).isNotNull();
    }

    @Test
    void pointingAtADatabaseKeepsASuspendedOrchestraSuspended() throws Exception {
      rows.register(fresh("o-sco", "sco", SCO_DB));
      postgres.execute(central, "update \"Orchestra\" set status = 'suspended'");

      assertThat(rows.pointAtDatabase(fresh("o-sco", "sco", SCO_DB), false)).isTrue();

      assertThat(rows.byId("o-sco").orElseThrow().status()).isEqualTo("suspended");
    }

    @Test
    void onTheCallersConnectionTheWritesBelongToItsTransaction() throws Exception {
      try (Connection connection = central.connect()) {
        connection.setAutoCommit(false);
        CentralOrchestraRows.on(connection).register(fresh("o-sco", "sco", SCO_DB));
        assertThat(CentralOrchestraRows.on(connection).byId("o-sco")).isPresent();
        connection.rollback();
        assertThat(connection.isClosed()).isFalse();
      }
      assertThat(rows.byId("o-sco")).isEmpty();
    }

    @Test
    void theAccountsOfEachOrchestraAreCountedWithTheInactiveOnes() throws Exception {
      rows.register(fresh("o-sco", "sco", SCO_DB));
      rows.register(fresh("o-gso", "gso", SCO_DB.withDatabase("orch_gso")));
      user("u1", "o-sco", true);
      user("u2", "o-sco", false);
      user("u3", "o-gso", true);

      assertThat(rows.accounts("o-sco")).isEqualTo(new CentralOrchestraRows.Accounts(2, 1));
      assertThat(rows.accounts("o-none")).isEqualTo(new CentralOrchestraRows.Accounts(0, 0));
      assertThat(rows.accountsByOrchestra()).containsOnly(entry("o-sco", 2L), entry("o-gso", 1L));
      assertThat(rows.allButDeleted())
          .extracting(RegisteredOrchestra::subdomain)
          .containsExactly("gso", "sco");
    }
  }

  @Nested
  class ProvisioningStates {

    @Test
    void aRequestedOrchestraGetsItsDatabaseOnceAndBecomesActiveWhenVerified() throws Exception {
      requested("o-new", "new");
      assertThat(rows.resumableProvisioning()).containsExactly("o-new");

      rows.assignDatabase("o-new", SCO_DB);
      rows.assignDatabase("o-new", SCO_DB.withDatabase("other"));
      rows.recordProvisioningStep("o-new", ProvisioningState.DATABASE_CREATED);
      rows.recordMigrated("o-new", "7");

      RegisteredOrchestra halfway = rows.byId("o-new").orElseThrow();
      assertThat(halfway.databaseName()).as("the first name stays").isEqualTo("orch_sco");
      assertThat(halfway.provisioning().state()).isEqualTo(ProvisioningState.MIGRATED);
      assertThat(halfway.schemaVersion()).isEqualTo("7");
      assertThat(halfway.status()).isEqualTo("pending");

      rows.activateProvisioned("o-new");
      RegisteredOrchestra active = rows.byId("o-new").orElseThrow();
      assertThat(active.status()).isEqualTo("active");
      assertThat(active.provisioning().state()).isEqualTo(ProvisioningState.ACTIVE);
      assertThat(rows.resumableProvisioning()).isEmpty();
    }

    @Test
    void aFailureIsCountedAndResumedOnlyOnceItsRetryIsDue() throws Exception {
      requested("o-new", "new");

      assertThat(rows.recordProvisioningFailure("o-new", ProvisioningState.MIGRATED, "boom"))
          .hasValue(1);
      assertThat(rows.recordProvisioningFailure("o-new", ProvisioningState.MIGRATED, "boom"))
          .hasValue(2);
      assertThat(rows.recordProvisioningFailure("o-gone", ProvisioningState.MIGRATED, "boom"))
          .isEmpty();
      RegisteredOrchestra failed = rows.byId("o-new").orElseThrow();
      assertThat(failed.provisioning().state()).isEqualTo(ProvisioningState.FAILED);
      assertThat(failed.provisioning().error()).isEqualTo("boom");
      assertThat(rows.resumableProvisioning()).as("no retry planned").isEmpty();

      rows.planProvisioningRetry("o-new", Duration.ofHours(1));
      assertThat(rows.resumableProvisioning()).as("not due yet").isEmpty();
      rows.planProvisioningRetry("o-new", Duration.ZERO);
      assertThat(rows.resumableProvisioning()).containsExactly("o-new");

      rows.forgetFailedProvisioningRuns("o-new");
      assertThat(rows.resumableProvisioning()).as("the operator's run is next").isEmpty();
      assertThat(postgres.queryLong(central, "select \"provisioningAttempts\" from \"Orchestra\""))
          .isZero();
    }

    @Test
    void activationKeepsAnOrchestraSuspendedMeanwhileSuspended() throws Exception {
      requested("o-new", "new");
      postgres.execute(central, "update \"Orchestra\" set status = 'suspended'");

      rows.activateProvisioned("o-new");

      RegisteredOrchestra row = rows.byId("o-new").orElseThrow();
      assertThat(row.status()).isEqualTo("suspended");
      assertThat(row.provisioning().state()).isEqualTo(ProvisioningState.ACTIVE);
    }
  }

  @Nested
  class JobsSchedule {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void activeOrchestra() throws SQLException {
      rows.register(fresh("o-sco", "sco", SCO_DB));
    }

    @Test
    void theDueTimeIsOnlyEverLowered() throws Exception {
      rows.lowerJobsDue("o-sco", now.plusSeconds(60));
      assertThat(due()).isEqualTo(now.plusSeconds(60));
      rows.lowerJobsDue("o-sco", now.plusSeconds(120));
      assertThat(due()).isEqualTo(now.plusSeconds(60));
      rows.lowerJobsDue("o-sco", now);
      assertThat(due()).isEqualTo(now);
    }

    @Test
    void aRunIsClaimedWhenDueOrInAFullSweepAndNeverTwice() throws Exception {
      Instant until = now.plusSeconds(300);
      assertThat(rows.claimJobs("o-sco", now, until, false)).as("nothing due").isEmpty();
      assertThat(rows.claimJobs("o-sco", now, until, true)).as("the sweep takes it").contains(0);
      assertThat(due()).isEqualTo(until);
      assertThat(rows.claimJobs("o-sco", now, until, true)).as("claimed already").isEmpty();

      postgres.execute(central, "update \"Orchestra\" set status = 'suspended'");
      rows.lowerJobsDue("o-sco", now);
      assertThat(rows.claimJobs("o-sco", now, until, false)).as("not active").isEmpty();
    }

    @Test
    void aRunRecordsItsNextTimeUnlessALowerOneCameMeanwhileAndCountsFailures() throws Exception {
      Instant until = now.plusSeconds(300);
      rows.lowerJobsDue("o-sco", now);
      assertThat(rows.claimJobs("o-sco", now, until, false)).contains(0);

      rows.recordJobsRun("o-sco", until, now.plusSeconds(900), now, "failed: x".repeat(500), true);
      RegisteredOrchestra.JobsState failed = rows.byId("o-sco").orElseThrow().jobs();
      assertThat(failed.dueAt()).isEqualTo(now.plusSeconds(900));
      assertThat(failed.failures()).isEqualTo(1);
      assertThat(failed.lastRunAt()).isEqualTo(now);
      assertThat(failed.lastResult()).hasSize(CentralOrchestraRows.MAX_RESULT);

      assertThat(rows.claimJobs("o-sco", now, until, true)).contains(1);
      rows.lowerJobsDue("o-sco", now.plusSeconds(30));
      rows.recordJobsRun("o-sco", until, null, now, "ok: nothing", false);
      RegisteredOrchestra.JobsState ok = rows.byId("o-sco").orElseThrow().jobs();
      assertThat(ok.dueAt()).as("set while it ran").isEqualTo(now.plusSeconds(30));
      assertThat(ok.failures()).isZero();

      assertThat(rows.claimJobs("o-sco", now.plusSeconds(30), until, false)).contains(0);
      rows.recordJobsRun("o-sco", until, null, now, "ok: nothing", false);
      assertThat(due()).as("nothing due").isNull();
    }

    @Test
    void aFullSweepLeavesALiveClaimOfAnInstanceWhoseClockIsAheadButTakesWorkDueLater()
        throws Exception {
      Instant until = now.plusSeconds(30);
      // Another instance, its clock 10 s ahead, renewed its 30 s claim just now.
      rows.lowerJobsDue("o-sco", now.plusSeconds(40));
      assertThat(rows.claimJobs("o-sco", now, until, true)).as("a live claim").isEmpty();
      assertThat(due()).isEqualTo(now.plusSeconds(40));

      postgres.execute(central, "update \"Orchestra\" set \"jobsDueAt\" = null");
      rows.lowerJobsDue("o-sco", now.plusSeconds(3600));
      assertThat(rows.claimJobs("o-sco", now, until, true)).as("work due in an hour").contains(0);
      assertThat(due()).isEqualTo(until);
    }

    @Test
    void aHeldClaimIsRenewedUntilNewWorkLowersItsDueTime() throws Exception {
      Instant until = now.plusSeconds(30);
      rows.lowerJobsDue("o-sco", now);
      assertThat(rows.claimJobs("o-sco", now, until, false)).contains(0);

      Instant renewed = now.plusSeconds(40);
      assertThat(rows.renewJobsClaim("o-sco", until, renewed)).isTrue();
      assertThat(due()).isEqualTo(renewed);
      assertThat(rows.renewJobsClaim("o-sco", until, now.plusSeconds(50)))
          .as("the claim's old end is gone")
          .isFalse();

      rows.lowerJobsDue("o-sco", now.plusSeconds(5));
      assertThat(rows.renewJobsClaim("o-sco", renewed, now.plusSeconds(50)))
          .as("new work lowered the due time: the claim is given up")
          .isFalse();
      assertThat(due()).isEqualTo(now.plusSeconds(5));
    }

    private Instant due() throws SQLException {
      return rows.byId("o-sco").orElseThrow().jobs().dueAt();
    }
  }

  private static CentralOrchestraRows.Registration fresh(
      String id, String subdomain, DatabaseAddress database) {
    return new CentralOrchestraRows.Registration(
        id,
        subdomain,
        subdomain.toUpperCase(),
        "C",
        "c@example.org",
        null,
        null,
        database,
        null,
        null,
        null,
        false);
  }

  /** A requested orchestra as the platform's create call leaves it (through the entity). */
  private void requested(String id, String subdomain) throws SQLException {
    postgres.execute(
        central,
        "insert into \"Orchestra\" (id, \"orchestraId\", name, subdomain, status,"
            + " \"contactName\", \"contactEmail\", \"updatedAt\") values ('"
            + id
            + "', '"
            + id
            + "', 'New', '"
            + subdomain
            + "', 'pending', 'C', 'c@example.org', now())");
  }

  private void user(String id, String orchestraId, boolean active) throws SQLException {
    postgres.execute(
        central,
        "insert into \"User\" (id, username, email, \"passwordHash\", role, \"orchestraId\","
            + " active, \"updatedAt\") values ('"
            + id
            + "', '"
            + id
            + "', '"
            + id
            + "@example.org', 'x', 'user', '"
            + orchestraId
            + "', "
            + active
            + ", now())");
  }

  /** Provisioning's steps on the way commit without waiting for the log flush, and only they. */
  @Nested
  class UnsyncedSteps {

    private String setting(Connection connection) throws SQLException {
      try (Statement show = connection.createStatement();
          ResultSet value = show.executeQuery("show synchronous_commit")) {
        value.next();
        return value.getString(1);
      }
    }

    @Test
    void theWorkIsCommittedUnsyncedAndTheSessionKeepsItsSetting() throws Exception {
      try (Connection connection = central.dataSource().getConnection()) {
        String inside =
            CentralOrchestraRows.unsynced(
                connection,
                unsynced -> {
                  try (Statement insert = unsynced.createStatement()) {
                    insert.execute("create table \"StepProbe\" (id int)");
                  }
                  return setting(unsynced);
                });

        assertThat(inside).isEqualTo("off");
        assertThat(setting(connection)).as("after the transaction").isEqualTo("on");
        assertThat(connection.getAutoCommit()).isTrue();
      }
      assertThat(postgres.queryText(central, "select count(*) from \"StepProbe\""))
          .as("committed, seen from another session")
          .isEqualTo("0");
    }

    @Test
    void aFailedStepLeavesNothing() throws Exception {
      try (Connection connection = central.dataSource().getConnection()) {
        assertThatThrownBy(
                () ->
                    CentralOrchestraRows.unsynced(
                        connection,
                        unsynced -> {
                          try (Statement insert = unsynced.createStatement()) {
                            insert.execute("create table \"StepProbe\" (id int)");
                            insert.execute("select 1/0");
                          }
                          return null;
                        }))
            .isInstanceOf(SQLException.class);
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(setting(connection)).isEqualTo("on");
      }
      assertThat(
              postgres.queryText(
                  central, "select count(*) from pg_tables where tablename = 'StepProbe'"))
          .isEqualTo("0");
    }

    @Test
    void insideTheCallersTransactionItNeitherCommitsNorChangesTheSetting() throws Exception {
      try (Connection connection = central.dataSource().getConnection()) {
        connection.setAutoCommit(false);
        CentralOrchestraRows.unsynced(
            connection,
            unsynced -> {
              try (Statement insert = unsynced.createStatement()) {
                insert.execute("create table \"StepProbe\" (id int)");
              }
              return null;
            });
        assertThat(setting(connection)).isEqualTo("on");
        connection.rollback();
      }
      assertThat(
              postgres.queryText(
                  central, "select count(*) from pg_tables where tablename = 'StepProbe'"))
          .isEqualTo("0");
    }
  }
}
