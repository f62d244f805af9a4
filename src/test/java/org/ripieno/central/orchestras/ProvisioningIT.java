package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ripieno.central.orchestras.control.Provisioning;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraTemplate;
import org.ripieno.testing.TestPostgres;

/**
 * The provisioning state machine against a real PostgreSQL, without the application: every step,
 * resuming after a stop at each step, and the template it clones from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningIT {

  private ProvisioningFixture fixture;
  private TestPostgres postgres;
  private DatabaseLogin central;
  private OrchestraTemplate template;

  @BeforeAll
  void setUp() throws SQLException {
    fixture = new ProvisioningFixture();
    postgres = fixture.postgres;
    central = fixture.central;
    template = fixture.template;
  }

  @AfterAll
  void tearDown() throws SQLException {
    fixture.close();
  }

  private String request(String subdomain, String name) throws SQLException {
    return fixture.request(subdomain, name);
  }

  private Provisioning provisioning(Provisioning.StepListener listener) {
    return fixture.provisioning(listener);
  }

  private String text(String sql, String parameter) throws SQLException {
    return fixture.text(sql, parameter);
  }

  private DatabaseLogin orchestraDatabase(String id) throws SQLException {
    return fixture.orchestraDatabase(id);
  }

  private OrchestraTemplate template(String seedVersion) {
    return fixture.template(seedVersion);
  }

  @Test
  void aRequestedOrchestraEndsActiveWithAMarkedMigratedSignedDatabaseAndAnActiveAdmin()
      throws SQLException {
    String id = request("fullrun", "Full Run Orkester");

    Provisioning.Outcome outcome = provisioning(Provisioning.StepListener.NONE).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.ACTIVE);
    assertThat(text("SELECT status FROM \"Orchestra\" WHERE id = ?", id)).isEqualTo("active");
    assertThat(text("SELECT \"provisioningState\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo("ACTIVE");
    assertThat(text("SELECT \"schemaVersion\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo(Migrations.latestVersion(central.dataSource(), DatabaseKind.ORCHESTRA));
    assertThat(text("SELECT active::text FROM \"User\" WHERE \"orchestraId\" = ?", id))
        .isEqualTo("true");
    try (Connection database = orchestraDatabase(id).connect()) {
      assertThat(IdentityMarker.read(database)).contains(id);
      assertThat(ProvisionedSeed.problems(database, "Full Run Orkester")).isEmpty();
    }
  }

  /** A process that dies right after a step leaves that state; a new run finishes the rest. */
  @ParameterizedTest
  @EnumSource(
      value = ProvisioningState.class,
      names = {"DATABASE_CREATED", "MIGRATED", "SEEDED", "ADMIN_ACTIVATED"})
  void aRunStoppedAfterAStepResumesToActiveWithOneDatabaseAndOneAdmin(ProvisioningState stop)
      throws SQLException {
    String subdomain = "crash-" + stop.name().toLowerCase().replace('_', '-');
    String id = request(subdomain, "Orkester " + stop);

    assertThatThrownBy(
            () ->
                provisioning(
                        (orchestra, reached) -> {
                          if (reached == stop) {
                            throw new SimulatedCrash();
                          }
                        })
                    .run(id))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(text("SELECT \"provisioningState\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo(stop.name());

    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);
    assertExactlyOneDatabaseAndOneAdmin(id, subdomain);
  }

  /** A step that fails records FAILED with the step and the error; a resume finishes. */
  @ParameterizedTest
  @EnumSource(
      value = ProvisioningState.class,
      names = {"DATABASE_CREATED", "MIGRATED", "SEEDED", "ADMIN_ACTIVATED"})
  void aFailedStepIsRecordedAndAResumeEndsActive(ProvisioningState failing) throws SQLException {
    String subdomain = "fail-" + failing.name().toLowerCase().replace('_', '-');
    String id = request(subdomain, "Orkester " + failing);

    Provisioning.Outcome failed =
        provisioning(
                (orchestra, reached) -> {
                  if (reached == failing) {
                    throw new IllegalStateException("disk full (simulated)");
                  }
                })
            .run(id);

    assertThat(failed.state()).isEqualTo(ProvisioningState.FAILED);
    assertThat(text("SELECT \"provisioningState\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo("FAILED");
    assertThat(text("SELECT \"provisioningFailedStep\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo(failing.name());
    assertThat(text("SELECT \"provisioningError\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo("disk full (simulated)");
    assertThat(text("SELECT status FROM \"Orchestra\" WHERE id = ?", id)).isEqualTo("pending");

    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);
    assertThat(text("SELECT \"provisioningError\" FROM \"Orchestra\" WHERE id = ?", id)).isNull();
    assertExactlyOneDatabaseAndOneAdmin(id, subdomain);
  }

  @Test
  void aSecondRunOfAnActiveOrchestraChangesNothing() throws SQLException {
    String id = request("twice", "Twice");
    provisioning(Provisioning.StepListener.NONE).run(id);
    String updatedAt = text("SELECT \"updatedAt\"::text FROM \"Orchestra\" WHERE id = ?", id);

    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);
    assertThat(text("SELECT \"updatedAt\"::text FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo(updatedAt);
  }

  @Test
  void aDatabaseOfAnotherOrchestraUnderTheSameNameIsRefusedNotTaken() throws SQLException {
    String id = request("squatted", "Squatted");
    String name = postgres.runPrefix() + "orchestra_squatted";
    postgres.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template.name() + "\"");
    try (Connection squatter = postgres.login(name).connect()) {
      IdentityMarker.write(squatter, "another-orchestra");
    }

    Provisioning.Outcome outcome = provisioning(Provisioning.StepListener.NONE).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.FAILED);
    assertThat(outcome.error()).contains("another-orchestra");
    assertThat(text("SELECT \"provisioningFailedStep\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo("DATABASE_CREATED");
    try (Connection squatter = postgres.login(name).connect()) {
      assertThat(IdentityMarker.read(squatter)).contains("another-orchestra");
    }
  }

  @Test
  void aMissingFirstAdminStopsTheRunAtThatStepAndNamesIt() throws SQLException {
    String id = request("no-admin", "No Admin");
    postgres.execute(central, "DELETE FROM \"User\" WHERE \"orchestraId\" = '" + id + "'");

    Provisioning.Outcome outcome = provisioning(Provisioning.StepListener.NONE).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.FAILED);
    assertThat(outcome.error()).contains("no-admin-admin");
    assertThat(text("SELECT status FROM \"Orchestra\" WHERE id = ?", id)).isEqualTo("pending");
  }

  @Test
  void aTemplateIsRebuiltOnlyWhenItsSeedOrSchemaDiffers() throws SQLException {
    assertThat(template.ensureCurrent()).isFalse();
    assertThat(template("v2").ensureCurrent()).isTrue();
    assertThat(template("v2").ensureCurrent()).isFalse();
    assertThat(template.ensureCurrent()).isTrue();
    assertThat(
            postgres.queryLong(
                "SELECT count(*) FROM pg_database WHERE datname = '"
                    + template.name()
                    + "' AND datistemplate AND NOT datallowconn"))
        .isEqualTo(1);
  }

  @Test
  void anOlderInstanceNeverRebuildsANewerTemplate() throws SQLException {
    OrchestraTemplate other = fixture.template("v1");
    String name = other.name().replace("template", "newer_template");
    OrchestraTemplate newer =
        new OrchestraTemplate(postgres.server(), name, "v1", ProvisionedSeed::writeTemplateSeed);
    newer.ensureCurrent();
    postgres.execute(
        "COMMENT ON DATABASE \""
            + name
            + "\" IS 'ripieno orchestra template; schema 999; seed v1'");

    assertThatThrownBy(newer::ensureCurrent)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("newer than this instance's");
    assertThat(
            postgres.queryLong(
                "SELECT count(*) FROM pg_database WHERE datname = '"
                    + name
                    + "' AND shobj_description(oid, 'pg_database') LIKE '%schema 999%'"))
        .isEqualTo(1);
  }

  private void assertExactlyOneDatabaseAndOneAdmin(String id, String subdomain)
      throws SQLException {
    String name = postgres.runPrefix() + "orchestra_" + subdomain.replace('-', '_');
    assertThat(
            postgres.queryLong(
                "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                    + postgres.runPrefix()
                    + "orchestra_"
                    + subdomain.replace('-', '_')
                    + "%'"))
        .isEqualTo(1);
    assertThat(text("SELECT \"databaseName\" FROM \"Orchestra\" WHERE id = ?", id)).isEqualTo(name);
    assertThat(text("SELECT count(*)::text FROM \"User\" WHERE \"orchestraId\" = ?", id))
        .isEqualTo("1");
    try (Connection database = postgres.login(name).connect()) {
      assertThat(IdentityMarker.read(database)).contains(id);
      assertThat(
              ProvisionedSeed.problems(
                  database, text("SELECT name FROM \"Orchestra\" WHERE id = ?", id)))
          .isEmpty();
    }
  }

  private static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("process stopped (simulated)");
    }
  }
}
