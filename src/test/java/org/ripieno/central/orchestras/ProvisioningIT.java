package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ripieno.admin.AdminCli;
import org.ripieno.central.orchestras.control.Provisioning;
import org.ripieno.central.orchestras.control.ProvisioningRetries;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.tenancy.OrchestraTemplate;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SpareDatabases;
import org.ripieno.tenancy.TemplateVersion;
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

  /**
   * The create call stores the first admin's generated password already hashed; provisioning only
   * activates the admin, and keeps that hash.
   */
  @Test
  void theFirstAdminKeepsItsHashAndIsActivated() throws SQLException {
    String id = request("hashed", "Hashed Orkester");
    Passwords.Generated password = Passwords.generateHashed();
    storeFirstAdminPassword(id, password.hash());

    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);

    String stored = text("SELECT \"passwordHash\" FROM \"User\" WHERE \"orchestraId\" = ?", id);
    assertThat(stored).isEqualTo(password.hash()).startsWith("$2b$04$");
    assertThat(Passwords.matches(password.password(), stored)).isTrue();
    assertThat(text("SELECT active::text FROM \"User\" WHERE \"orchestraId\" = ?", id))
        .isEqualTo("true");
  }

  /**
   * Earlier versions stored the first admin's password sealed and hashed it during the run: a run
   * of theirs that stopped before activating the admin left it sealed. The resumed run hashes it
   * (at the generated passwords' cost) as it activates the admin.
   */
  @Test
  void aPasswordLeftSealedByAnEarlierVersionsStoppedRunIsHashedWhenTheAdminIsActivated()
      throws SQLException {
    String id = request("sealed", "Sealed Orkester");
    EncryptedString.install(new SecretBox(SecretBox.Key.fromBytes(new byte[32]), List.of()));
    String password = Passwords.generate();
    // What Passwords.seal wrote: the password encrypted with the platform's secret key.
    storeFirstAdminPassword(id, new EncryptedString().convertToDatabaseColumn(password));
    assertThatThrownBy(
            () ->
                provisioning(
                        (orchestra, reached) -> {
                          if (reached == ProvisioningState.SEEDED) {
                            throw new SimulatedCrash();
                          }
                        })
                    .run(id))
        .isInstanceOf(SimulatedCrash.class);
    String stored = "SELECT \"passwordHash\" FROM \"User\" WHERE \"orchestraId\" = ?";
    assertThat(Passwords.isSealed(text(stored, id))).isTrue();

    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);
    assertThat(text(stored, id)).startsWith("$2b$04$");
    assertThat(Passwords.matches(password, text(stored, id))).isTrue();
    assertThat(text("SELECT active::text FROM \"User\" WHERE \"orchestraId\" = ?", id))
        .isEqualTo("true");
  }

  private void storeFirstAdminPassword(String orchestraId, String stored) throws SQLException {
    try (Connection connection = central.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE \"User\" SET \"passwordHash\" = ? WHERE \"orchestraId\" = ?")) {
      update.setString(1, stored);
      update.setString(2, orchestraId);
      update.executeUpdate();
    }
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
    assertThat(failed.retryIn()).as("a permanent cause is resumed by an operator").isNull();

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
  void aRunClaimsTheServersSpareAndAsksForANewOneWhichIsThenMade() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    String spare = one.name(template.contentVersion(), 1);
    keepSpares(one);
    assertThat(exists(spare)).isTrue();
    List<String> createdOn = new CopyOnWriteArrayList<>();
    String id = request("spared", "Spared Orkester");

    Provisioning.Outcome outcome =
        fixture.provisioning(new Provisioning.Spares(1, createdOn::add)).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.ACTIVE);
    assertThat(exists(spare)).as("the spare was renamed to the orchestra's database").isFalse();
    assertExactlyOneDatabaseAndOneAdmin(id, "spared");
    assertThat(createdOn).containsExactly("default");
    assertThat(keepSpares(one).created()).containsExactly(spare);
    assertThat(exists(spare)).isTrue();
    assertThat(keepSpares(one).created()).as("never more than the count").isEmpty();
    String claimed = postgres.runPrefix() + "spare_looked_at";
    postgres.dropAtClose(claimed);
    assertThat(claim(one, claimed)).isTrue();
    try (Connection database = postgres.login(claimed).connect()) {
      assertThat(IdentityMarker.read(database)).as("a spare carries no marker").isEmpty();
      assertThat(SchemaGuard.inspect(database, DatabaseKind.ORCHESTRA).isHealthy()).isTrue();
    }
  }

  @Test
  void aSpareOfAnotherTemplateVersionIsNeverClaimedAndIsReplaced() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    keepSpares(SpareDatabases.none(postgres.runPrefix()));
    TemplateVersion current = template.version();
    String stale = one.name(template.contentVersion().replace("seed v1", "seed v0"), 1);
    String otherRevision =
        one.name(
            new TemplateVersion(current.schema(), current.seedRevision() + 1, "v1").comment(), 1);
    for (String spare : List.of(stale, otherRevision)) {
      postgres.execute("CREATE DATABASE \"" + spare + "\"");
    }
    String id = request("unspared", "Unspared Orkester");

    Provisioning.Outcome outcome =
        fixture.provisioning(new Provisioning.Spares(1, server -> {})).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.ACTIVE);
    assertExactlyOneDatabaseAndOneAdmin(id, "unspared");
    assertThat(exists(stale)).as("a stale spare is not taken").isTrue();
    assertThat(exists(otherRevision)).as("nor one of another seed revision").isTrue();
    OrchestraTemplate.SpareChanges changes = keepSpares(one);
    assertThat(changes.dropped()).containsExactlyInAnyOrder(stale, otherRevision);
    assertThat(changes.created()).containsExactly(one.name(template.contentVersion(), 1));
    assertThat(exists(stale)).isFalse();
  }

  @Test
  void withSparesTurnedOffARunClonesAndLeavesSparesAloneWhichAreThenDropped() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    String spare = one.name(template.contentVersion(), 1);
    keepSpares(one);
    String id = request("nospare", "No Spare Orkester");

    Provisioning.Outcome outcome = provisioning(Provisioning.StepListener.NONE).run(id);

    assertThat(outcome.state()).isEqualTo(ProvisioningState.ACTIVE);
    assertExactlyOneDatabaseAndOneAdmin(id, "nospare");
    assertThat(exists(spare)).isTrue();
    assertThat(keepSpares(SpareDatabases.none(postgres.runPrefix())).dropped())
        .containsExactly(spare);
    assertThat(exists(spare)).isFalse();
  }

  @Test
  void oneSpareIsClaimedOnceTheOtherClaimerFindsItGone() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    keepSpares(one);
    String first = postgres.runPrefix() + "claimed_first";
    String second = postgres.runPrefix() + "claimed_second";
    try (Connection maintenance = postgres.server().connect()) {
      assertThat(template.claimSpare(maintenance, one, first)).isTrue();
      assertThat(template.claimSpare(maintenance, one, second)).isFalse();
    }
    assertThat(exists(first)).isTrue();
    assertThat(exists(second)).isFalse();
    postgres.dropAtClose(first);
  }

  @Test
  void theOperatorsSchemaCheckPassesWithSparesOnTheServer() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    String id = request("checked", "Checked Orkester");
    assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
        .isEqualTo(ProvisioningState.ACTIVE);
    keepSpares(one);
    assertThat(exists(one.name(template.contentVersion(), 1))).isTrue();
    AdminCli admin = AdminCli.forCentral(central, Files.createTempDirectory("spare-check"));

    AdminCli.Result check = admin.run("schema", "check", "--central", "--orchestra", "checked");

    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.out()).doesNotContain("spare_");
    // The admin tool's configuration lacks the deployment's prefix: refused all the same.
    String spareUrl = postgres.login(one.name(template.contentVersion(), 1)).address().jdbcUrl();
    AdminCli.Result adopt =
        admin.run("orchestras", "adopt", "adopted-spare", "--url", spareUrl, "--dry-run");
    assertThat(adopt.exitCode()).as(adopt.toString()).isNotZero();
    assertThat(adopt.err()).contains("not adoptable");
  }

  @Test
  void twoConcurrentClaimsTakeTwoDifferentSparesAndAThirdClones() throws Exception {
    SpareDatabases two = new SpareDatabases(postgres.runPrefix(), 2);
    keepSpares(two);
    String first = postgres.runPrefix() + "concurrent_first";
    String second = postgres.runPrefix() + "concurrent_second";
    postgres.dropAtClose(first);
    postgres.dropAtClose(second);

    CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(() -> claim(two, first));
    CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> claim(two, second));

    assertThat(one.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(other.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(exists(two.name(template.contentVersion(), 1))).isFalse();
    assertThat(exists(two.name(template.contentVersion(), 2))).isFalse();
    assertThat(claim(two, postgres.runPrefix() + "concurrent_third")).isFalse();
    try (Connection database = postgres.login(first).connect()) {
      assertThat(IdentityMarker.read(database)).as("a claimed spare accepts connections").isEmpty();
    }
    keepSpares(SpareDatabases.none(postgres.runPrefix()));
  }

  @Test
  void aSpareAcceptsNoConnectionUntilItIsClaimed() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    keepSpares(one);
    String spare = one.name(template.contentVersion(), 1);

    assertThatThrownBy(() -> postgres.login(spare).connect().close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("not currently accepting connections");
    keepSpares(SpareDatabases.none(postgres.runPrefix()));
  }

  @Test
  void anOlderInstanceNeitherClaimsNorReplacesSparesOnceANewerOneRebuiltTheTemplate()
      throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    keepSpares(one);
    String spare = one.name(template.contentVersion(), 1);
    OrchestraTemplate newer = template("v2");
    newer.ensureCurrent();
    try {
      String claimed = postgres.runPrefix() + "claimed_by_older";
      assertThat(claim(one, claimed)).as("the template is no longer its version").isFalse();
      assertThat(exists(claimed)).isFalse();
      try (Connection maintenance = postgres.server().connect()) {
        OrchestraTemplate.SpareChanges changes = template.keepSpares(maintenance, one);
        assertThat(changes.templateCurrent()).isFalse();
        assertThat(changes.dropped()).isEmpty();
        assertThat(exists(spare)).as("left to the newer instance").isTrue();
        assertThat(newer.keepSpares(maintenance, one).dropped()).containsExactly(spare);
      }
    } finally {
      template.ensureCurrent();
      keepSpares(SpareDatabases.none(postgres.runPrefix()));
    }
  }

  @Test
  void aPassSkipsWhileAnotherHoldsTheServerAndAHalfMadeSpareIsDroppedByTheNext() throws Exception {
    SpareDatabases one = new SpareDatabases(postgres.runPrefix(), 1);
    keepSpares(SpareDatabases.none(postgres.runPrefix()));
    String halfMade = one.makingName(template.contentVersion(), 1);
    postgres.execute("CREATE DATABASE \"" + halfMade + "\"");
    try (Connection otherPass = postgres.server().connect();
        Statement lock = otherPass.createStatement()) {
      lock.execute("SELECT pg_advisory_lock(" + OrchestraTemplate.SPARES_KEY + ")");
      OrchestraTemplate.SpareChanges skipped = keepSpares(one);
      assertThat(skipped.skipped()).contains("another pass");
      assertThat(skipped.created()).isEmpty();
    }

    OrchestraTemplate.SpareChanges changes = keepSpares(one);

    assertThat(changes.dropped()).containsExactly(halfMade);
    assertThat(changes.created()).containsExactly(one.name(template.contentVersion(), 1));
    assertThat(claim(one, postgres.runPrefix() + "half_made_not_claimed")).isTrue();
    postgres.dropAtClose(postgres.runPrefix() + "half_made_not_claimed");
  }

  private boolean claim(SpareDatabases spares, String databaseName) {
    try (Connection maintenance = postgres.server().connect()) {
      return template.claimSpare(maintenance, spares, databaseName);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private OrchestraTemplate.SpareChanges keepSpares(SpareDatabases spares) throws SQLException {
    // The pass never builds the template; a test before may have left another version there.
    template.ensureCurrent();
    try (Connection maintenance = postgres.server().connect()) {
      return template.keepSpares(maintenance, spares);
    }
  }

  private boolean exists(String database) throws SQLException {
    try (Connection maintenance = postgres.server().connect()) {
      return OrchestraDatabases.exists(maintenance, database);
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
    OrchestraTemplate newer = fixture.template("newer_template", ProvisionedSeed.REVISION, "v1");
    String name = newer.name();
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

  /**
   * A rolling upgrade that changes only the seed: the newer instance rebuilds the older one's
   * template forward, the older one then refuses to rebuild it back (instead of both taking turns
   * at each provisioning), and its provisioning stops with the reason, for a newer instance to
   * resume.
   */
  @Test
  void anOlderInstanceNeverRebuildsATemplateOfANewerSeedRevisionAndANewerOneResumesItsRun()
      throws SQLException {
    int revision = ProvisionedSeed.REVISION;
    OrchestraTemplate older = fixture.template("seedrev_template", revision, "v1");
    OrchestraTemplate newer = fixture.template("seedrev_template", revision + 1, "v2");
    older.ensureCurrent();

    assertThat(newer.ensureCurrent()).as("a newer seed revision rebuilds it").isTrue();
    assertThatThrownBy(older::ensureCurrent)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("holds seed revision " + (revision + 1))
        .hasMessageContaining("newer than this instance's " + revision)
        .hasMessageContaining("provision from an upgraded instance");
    assertThat(templateComment(newer)).isEqualTo(newer.contentVersion());

    String id = request("seed-upgrade", "Seed Upgrade");
    Provisioning.Outcome refused = fixture.provisioning(older).run(id);

    assertThat(refused.state()).isEqualTo(ProvisioningState.FAILED);
    assertThat(refused.error()).contains("seed revision " + (revision + 1));
    assertThat(refused.retryIn()).as("left for after the upgrade, as for a newer schema").isNull();
    assertThat(text("SELECT \"provisioningFailedStep\" FROM \"Orchestra\" WHERE id = ?", id))
        .isEqualTo("DATABASE_CREATED");
    assertThat(templateComment(newer))
        .as("left as the newer instance built it")
        .isEqualTo(newer.contentVersion());
    assertThat(fixture.provisioning(newer).run(id).state()).isEqualTo(ProvisioningState.ACTIVE);
    assertExactlyOneDatabaseAndOneAdmin(id, "seed-upgrade");
  }

  /**
   * Releases before seed revisions wrote no revision in the comment, and built what revision 1 is:
   * their template, with this code's content hash, is current at revision 1 and left as it is (the
   * two releases never take turns rebuilding it during the upgrade); once the revision is raised it
   * is older, and rebuilt forward.
   */
  @Test
  void aTemplateCommentedBeforeSeedRevisionsIsCurrentAtRevisionOneAndRebuiltFromTwoOn()
      throws SQLException {
    OrchestraTemplate revisionOne = fixture.template("unrevised_template", 1, "v1");
    revisionOne.ensureCurrent();
    String beforeRevisions =
        "ripieno orchestra template; schema " + revisionOne.version().schema() + "; seed v1";
    postgres.execute(
        "COMMENT ON DATABASE \"" + revisionOne.name() + "\" IS '" + beforeRevisions + "'");

    assertThat(revisionOne.ensureCurrent()).as("current, not rebuilt").isFalse();
    assertThat(templateComment(revisionOne)).isEqualTo(beforeRevisions);

    OrchestraTemplate revisionTwo = fixture.template("unrevised_template", 2, "v2");
    assertThat(revisionTwo.ensureCurrent()).isTrue();
    assertThat(templateComment(revisionTwo)).isEqualTo(revisionTwo.contentVersion());
  }

  private String templateComment(OrchestraTemplate of) throws SQLException {
    // pg_database is shared by every database of the server: central's session sees it.
    return text(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?",
        of.name());
  }

  @Nested
  class CentralsPool {

    /** Before, a run kept one pooled connection for its lock and borrowed another per step. */
    @Test
    void aRunNeedsNoMoreThanOneConnectionOfCentralsPool() throws SQLException {
      String id = request("one-connection", "One Connection");
      try (HikariDataSource pool = poolOfOne()) {
        assertThat(provisioningOver(pool).run(id).state()).isEqualTo(ProvisioningState.ACTIVE);
      }
    }

    @Test
    void aRunWaitingForTheTemplateLockHoldsNoConnectionOfCentralsPool() throws Exception {
      String id = request("waits-for-template", "Waits For Template");
      try (HikariDataSource pool = poolOfOne();
          Connection builder = postgres.server().connect()) {
        ProvisioningFixture.templateLock(builder, "pg_advisory_lock");
        CompletableFuture<Provisioning.Outcome> run =
            CompletableFuture.supplyAsync(() -> runUnchecked(provisioningOver(pool), id));
        ProvisioningFixture.awaitSessionsBlockedBy(builder, false);

        try (Connection borrowed = pool.getConnection()) {
          assertThat(borrowed.isValid(1)).isTrue();
        }
        ProvisioningFixture.templateLock(builder, "pg_advisory_unlock");
        assertThat(run.get(30, TimeUnit.SECONDS).state()).isEqualTo(ProvisioningState.ACTIVE);
      }
    }

    private HikariDataSource poolOfOne() {
      HikariConfig config = new HikariConfig();
      config.setDataSource(central.dataSource());
      config.setMaximumPoolSize(1);
      config.setConnectionTimeout(2_000);
      return new HikariDataSource(config);
    }

    private Provisioning provisioningOver(HikariDataSource pool) {
      return fixture.provisioning(
          pool,
          Provisioning.StepListener.NONE,
          ProvisioningRetries.DEFAULTS,
          Provisioning.Spares.NONE);
    }
  }

  @Nested
  class ResumedByThePlatform {

    @Test
    void aTransientFailureIsCountedAndItsResumePlanned() throws SQLException {
      String id = request("transient", "Transient");

      Provisioning.Outcome failed = failingAt(ProvisioningState.MIGRATED, connectionLost()).run(id);

      assertThat(failed.state()).isEqualTo(ProvisioningState.FAILED);
      assertThat(failed.retryIn()).isEqualTo(ProvisioningRetries.DEFAULTS.firstDelay());
      assertThat(text("SELECT \"provisioningAttempts\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isEqualTo("1");
      assertThat(
              text(
                  "SELECT (\"provisioningRetryAt\" > (now() AT TIME ZONE 'UTC'))::text"
                      + " FROM \"Orchestra\" WHERE id = ?",
                  id))
          .isEqualTo("true");
      assertThat(provisioning(Provisioning.StepListener.NONE).resumable()).doesNotContain(id);

      makeResumeDue(id);
      assertThat(provisioning(Provisioning.StepListener.NONE).resumable()).contains(id);
      assertThat(provisioning(Provisioning.StepListener.NONE).run(id).state())
          .isEqualTo(ProvisioningState.ACTIVE);
      assertThat(text("SELECT \"provisioningRetryAt\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isNull();
      assertThat(text("SELECT \"provisioningAttempts\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isEqualTo("1");
    }

    @Test
    void aPermanentFailureWaitsForAnOperator() throws SQLException {
      String id = request("permanent", "Permanent");

      Provisioning.Outcome failed =
          failingAt(ProvisioningState.SEEDED, new IllegalStateException("disk full (simulated)"))
              .run(id);

      assertThat(failed.retryIn()).isNull();
      assertThat(text("SELECT \"provisioningRetryAt\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isNull();
      assertThat(provisioning(Provisioning.StepListener.NONE).resumable()).doesNotContain(id);
    }

    @Test
    void afterItsLastTryATransientFailureWaitsForAnOperatorWhoseResumeCountsAfresh()
        throws SQLException {
      String id = request("tries-used-up", "Tries Used Up");
      Provisioning twoTries =
          fixture.provisioning(
              failing(ProvisioningState.DATABASE_CREATED, connectionLost()),
              new ProvisioningRetries(2, Duration.ofSeconds(1)));
      assertThat(twoTries.run(id).retryIn()).isNotNull();
      Provisioning again =
          fixture.provisioning(
              failing(ProvisioningState.MIGRATED, connectionLost()),
              new ProvisioningRetries(2, Duration.ofSeconds(1)));

      assertThat(again.run(id).retryIn()).isNull();
      assertThat(text("SELECT \"provisioningAttempts\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isEqualTo("2");
      assertThat(provisioning(Provisioning.StepListener.NONE).resumable()).doesNotContain(id);

      provisioning(Provisioning.StepListener.NONE).forgetFailedRuns(id);
      assertThat(text("SELECT \"provisioningAttempts\"::text FROM \"Orchestra\" WHERE id = ?", id))
          .isEqualTo("0");
    }

    @Test
    void anOrchestraNeverStartedOrLeftBetweenStepsIsResumable() throws SQLException {
      String never = request("never-started", "Never Started");
      String between = request("left-between", "Left Between");
      assertThatThrownBy(
              () ->
                  provisioning(
                          (orchestra, reached) -> {
                            throw new SimulatedCrash();
                          })
                      .run(between))
          .isInstanceOf(SimulatedCrash.class);

      assertThat(provisioning(Provisioning.StepListener.NONE).resumable()).contains(never, between);
    }

    private Provisioning failingAt(ProvisioningState step, RuntimeException failure) {
      return provisioning(failing(step, failure));
    }

    private Provisioning.StepListener failing(ProvisioningState step, RuntimeException failure) {
      return (orchestra, reached) -> {
        if (reached == step) {
          throw failure;
        }
      };
    }

    private RuntimeException connectionLost() {
      return new IllegalStateException(
          "connection lost (simulated)", new SQLException("I/O error", "08006"));
    }

    private void makeResumeDue(String id) throws SQLException {
      postgres.execute(
          central,
          "UPDATE \"Orchestra\" SET \"provisioningRetryAt\" = (now() AT TIME ZONE 'UTC')"
              + " - interval '1 second' WHERE id = '"
              + id
              + "'");
    }
  }

  private static Provisioning.Outcome runUnchecked(Provisioning provisioning, String id) {
    try {
      return provisioning.run(id);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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

  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("process stopped (simulated)");
    }
  }
}
