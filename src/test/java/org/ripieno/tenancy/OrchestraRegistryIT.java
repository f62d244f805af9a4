package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.orchestra.instruments.entity.Instrument;
import org.ripieno.testing.TestPostgres;

/**
 * The routing core against real PostgreSQL databases: what an orchestra database holds, that
 * orchestras never see each other's rows, and that a database is only served to its own orchestra.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestraRegistryIT {

  private static final RegistrySettings SETTINGS =
      new RegistrySettings(3, 12, Duration.ofSeconds(30), Duration.ofSeconds(5), false);

  private final TestPostgres postgres = new TestPostgres();
  private OrchestraRoute alpha;
  private OrchestraRoute beta;

  @BeforeAll
  void createTwoOrchestras() throws SQLException {
    alpha = route("alpha", postgres.createOrchestra("alpha", "orch-alpha"));
    beta = route("beta", postgres.createOrchestra("beta", "orch-beta"));
    // Identical primary keys in both databases, different contents.
    insertInstrument(alpha.login(), "Violin of alpha");
    insertInstrument(beta.login(), "Violin of beta");
  }

  @AfterAll
  void dropDatabases() throws SQLException {
    postgres.close();
  }

  @Test
  void aNewOrchestraDatabaseHoldsExactlyTheOrchestraTables() throws SQLException {
    try (Connection connection = alpha.login().connect()) {
      SchemaReport report = SchemaGuard.inspect(connection, DatabaseKind.ORCHESTRA);

      assertThat(report.isExact()).as(report.summary()).isTrue();
    }
    assertThat(DatabaseKind.ORCHESTRA.tables())
        .hasSize(25)
        .contains("Musician", "RankingList", "CustomRanking", "IdSequence", "OrchestraIdentity")
        .doesNotContainAnyElementsOf(DatabaseKind.CENTRAL.tables());
  }

  @Test
  void everyOrchestraEntityReadsFromTheMigratedSchema() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS);
        OrchestraRegistry.Lease lease = registry.lease(alpha)) {
      EntityManager entityManager = lease.createEntityManager();
      try {
        for (var entity : entityManager.getMetamodel().getEntities()) {
          entityManager
              .createQuery("select e from " + entity.getName() + " e", entity.getJavaType())
              .setMaxResults(1)
              .getResultList();
        }
        assertThat(entityManager.getMetamodel().getEntities()).hasSize(23);
      } finally {
        entityManager.close();
      }
    }
  }

  @Test
  void theSameIdReadInTwoOrchestrasInTurnGivesEachItsOwnRow() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS)) {
      assertThat(instrumentOne(registry, alpha)).isEqualTo("Violin of alpha");
      assertThat(instrumentOne(registry, beta)).isEqualTo("Violin of beta");
      assertThat(instrumentOne(registry, alpha)).isEqualTo("Violin of alpha");
    }
  }

  @Test
  void theSharedUnitsOwnDataSourceReachesNoDatabase() {
    assertThatThrownBy(() -> new SharedOrchestraUnit.Unbound().getConnection())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("only made through the orchestra's lease");
  }

  @Test
  void anEntityManagerOfOneLeaseKeepsReadingItsOwnOrchestraWhileAnotherIsOpen() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS);
        OrchestraRegistry.Lease alphaLease = registry.lease(alpha);
        OrchestraRegistry.Lease betaLease = registry.lease(beta)) {
      EntityManager ofAlpha = alphaLease.createEntityManager();
      EntityManager ofBeta = betaLease.createEntityManager();
      try {
        // Reads outside a transaction too: each entity manager's own pool, never a shared one.
        assertThat(ofAlpha.find(Instrument.class, 1).getName()).isEqualTo("Violin of alpha");
        assertThat(ofBeta.find(Instrument.class, 1).getName()).isEqualTo("Violin of beta");
        assertThat(
                ofBeta.createQuery("select i.name from Instrument i", String.class).getResultList())
            .containsExactly("Violin of beta");
        ofAlpha.getTransaction().begin();
        assertThat(
                ofAlpha.createNativeQuery("select current_database()").getSingleResult().toString())
            .isEqualTo(alpha.login().address().database());
        ofAlpha.getTransaction().rollback();
      } finally {
        ofAlpha.close();
        ofBeta.close();
      }
    }
  }

  @Test
  void aDatabaseMarkedForAnotherOrchestraIsRefused() {
    OrchestraRoute impostor = new OrchestraRoute("orch-gamma", "gamma", alpha.login());
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS)) {
      assertThatThrownBy(() -> registry.lease(impostor))
          .isInstanceOf(OrchestraUnavailableException.class)
          .hasMessageContaining("not its own")
          .hasMessageContaining("orch-alpha");
      assertThat(registry.openCount()).isZero();
    }
  }

  @Test
  void theIdentityMarkerCannotBeChanged() throws SQLException {
    try (Connection connection = alpha.login().connect()) {
      assertThatThrownBy(() -> IdentityMarker.write(connection, "orch-other"))
          .hasMessageContaining("belongs to orchestra orch-alpha");
      assertThatThrownBy(
              () ->
                  connection
                      .createStatement()
                      .execute("update \"OrchestraIdentity\" set \"orchestraId\" = 'x'"))
          .hasMessageContaining("cannot be changed");
    }
  }

  @Test
  void withoutACurrentOrchestraTheProducerThrowsAndOpensNothing() throws SQLException {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS)) {
      OrchestraConnections connections = new OrchestraConnections();
      connections.registry = registry;
      CurrentOrchestra nobody = connections.currentOrchestra();

      assertThatThrownBy(() -> connections.entityManager(nobody))
          .isInstanceOf(NoCurrentOrchestraException.class);
      assertThat(registry.openCount()).isZero();
      assertThat(registry.budget().inUse()).isZero();
    }
    assertThat(
            postgres.queryLong(
                "select count(*) from pg_stat_activity where application_name like 'ripieno:o:%'"
                    + " and datname like '"
                    + postgres.runPrefix()
                    + "%'"))
        .isZero();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ADatabaseThatIsNotReady {

    @Test
    void missingATableIsRefusedWithItsName() throws SQLException {
      DatabaseLogin database = postgres.createOrchestra("notable", "orch-notable");
      postgres.execute(database, "drop table \"Settings\"");
      OrchestraRoute route = new OrchestraRoute("orch-notable", "notable", database);

      try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS)) {
        assertThatThrownBy(() -> registry.lease(route))
            .isInstanceOf(OrchestraUnavailableException.class)
            .hasMessageContaining("lacks tables [Settings]");
      }
    }

    @Test
    void behindTheCodesVersionIsRefusedUnlessMigrateOnOpen() throws SQLException {
      DatabaseLogin database = postgres.createEmpty("behind");
      Migrations.flywayConfiguration(database.dataSource(), DatabaseKind.ORCHESTRA)
          .target("1")
          .load()
          .migrate();
      OrchestraRoute route = new OrchestraRoute("orch-behind", "behind", database);

      try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS)) {
        assertThatThrownBy(() -> registry.lease(route))
            .isInstanceOf(OrchestraUnavailableException.class)
            .hasMessageContaining(
                "schema version 1, behind the application's "
                    + Migrations.latestVersion(database.dataSource(), DatabaseKind.ORCHESTRA));
      }
      RegistrySettings migrating =
          new RegistrySettings(3, 12, Duration.ofSeconds(30), Duration.ofSeconds(5), true);
      try (OrchestraRegistry registry = new OrchestraRegistry(migrating)) {
        // Migrated now, but a database nobody marked is still not served.
        assertThatThrownBy(() -> registry.lease(route))
            .hasMessageContaining("carries no orchestra identity marker");
      }
      assertThat(Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA).isBehind())
          .isFalse();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class TheCentralRegistry {

    @Test
    void refusesTwoOrchestrasOnOneDatabase() throws SQLException {
      DatabaseLogin central = postgres.createEmpty("central");
      Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
      EntityManagerFactory factory =
          UnitFactories.create(DatabaseKind.CENTRAL, central.dataSource(), "central-test");
      try {
        persist(factory, orchestraOn("first", alpha.login().address()));

        assertThatThrownBy(() -> persist(factory, orchestraOn("second", alpha.login().address())))
            .isInstanceOf(PersistenceException.class)
            .hasStackTraceContaining("Orchestra_database_key");
      } finally {
        factory.close();
      }
    }

    /** A pooler serves several databases on one address and picks the tenant by the login. */
    @Test
    void allowsTwoLoginsOnOnePoolerAddressButNotTheSameLoginTwice() throws SQLException {
      DatabaseLogin central = postgres.createEmpty("poolercentral");
      Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
      EntityManagerFactory factory =
          UnitFactories.create(DatabaseKind.CENTRAL, central.dataSource(), "pooler-test");
      DatabaseAddress pooler = new DatabaseAddress("pooler.example.org", 6543, "postgres");
      try {
        Orchestra first = orchestraOn("pooled-a", pooler);
        first.setDatabaseUser("postgres.projecta");
        Orchestra second = orchestraOn("pooled-b", pooler);
        second.setDatabaseUser("postgres.projectb");
        persist(factory, first);
        persist(factory, second);

        Orchestra again = orchestraOn("pooled-c", pooler);
        again.setDatabaseUser("postgres.projecta");
        assertThatThrownBy(() -> persist(factory, again))
            .isInstanceOf(PersistenceException.class)
            .hasStackTraceContaining("Orchestra_database_key");
      } finally {
        factory.close();
      }
    }

    private Orchestra orchestraOn(String subdomain, DatabaseAddress address) {
      Orchestra orchestra = new Orchestra();
      orchestra.setName(subdomain);
      orchestra.setSubdomain(subdomain);
      orchestra.setContactName("Contact");
      orchestra.setContactEmail(subdomain + "@example.org");
      orchestra.setDatabaseHost(address.host());
      orchestra.setDatabasePort(address.port());
      orchestra.setDatabaseName(address.database());
      return orchestra;
    }

    private void persist(EntityManagerFactory factory, Object entity) {
      EntityManager entityManager = factory.createEntityManager();
      try {
        entityManager.getTransaction().begin();
        entityManager.persist(entity);
        entityManager.getTransaction().commit();
      } finally {
        if (entityManager.getTransaction().isActive()) {
          entityManager.getTransaction().rollback();
        }
        entityManager.close();
      }
    }
  }

  private static String instrumentOne(OrchestraRegistry registry, OrchestraRoute route) {
    try (OrchestraRegistry.Lease lease = registry.lease(route)) {
      EntityManager entityManager = lease.createEntityManager();
      try {
        return entityManager.find(Instrument.class, 1).getName();
      } finally {
        entityManager.close();
      }
    }
  }

  private static OrchestraRoute route(String subdomain, DatabaseLogin database) {
    return new OrchestraRoute(
        "orch-" + subdomain,
        subdomain,
        new DatabaseLogin(
            database.address(), database.user(), database.password(), "ripieno:o:" + subdomain));
  }

  private void insertInstrument(DatabaseLogin database, String name) throws SQLException {
    postgres.execute(
        database,
        "insert into \"Instrument\" (\"id\", \"instrumentId\", \"name\", \"isArchived\")"
            + " values (1, 'INST001', '"
            + name
            + "', false)");
  }
}
