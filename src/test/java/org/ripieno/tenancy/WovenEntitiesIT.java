package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.eclipse.persistence.internal.weaving.PersistenceWeaved;
import org.eclipse.persistence.sessions.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.testing.TestPostgres;

/**
 * The build weaves the entities of both units (pom.xml, weave-entities): without it EclipseLink
 * loads every lazy to-one relation with its entity and finds changes by comparing whole objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WovenEntitiesIT {

  private static final RegistrySettings SETTINGS =
      new RegistrySettings(3, 6, Duration.ofSeconds(30), Duration.ofSeconds(5), false);

  private final TestPostgres postgres = new TestPostgres();
  private OrchestraRoute route;

  @BeforeAll
  void createAnOrchestraWithAPositionOfAnInstrument() throws SQLException {
    DatabaseLogin database = postgres.createOrchestra("woven", "orch-woven");
    route =
        new OrchestraRoute(
            "orch-woven",
            "woven",
            new DatabaseLogin(
                database.address(), database.user(), database.password(), "ripieno:o:woven"));
    postgres.execute(
        database,
        "insert into \"Instrument\" (\"id\", \"instrumentId\", \"name\", \"isArchived\")"
            + " values (1, 'INST001', 'Violin', false)");
    postgres.execute(
        database,
        "insert into \"Position\" (\"id\", \"positionId\", \"instrumentId\", \"name\","
            + " \"hierarchyLevel\") values (1, 'POS001', 1, 'Tutti', 3)");
  }

  @AfterAll
  void dropDatabases() throws SQLException {
    postgres.close();
  }

  @Test
  void everyEntityOfBothUnitsIsWoven() {
    for (DatabaseKind kind : List.of(DatabaseKind.CENTRAL, DatabaseKind.ORCHESTRA)) {
      assertThat(PersistenceUnitTables.entities(kind.unitName()).values())
          .as(kind.unitName())
          .isNotEmpty()
          .allSatisfy(entity -> assertThat(entity).isAssignableTo(PersistenceWeaved.class));
    }
  }

  @Test
  void aLazyRelationIsReadOnlyWhenItIsUsed() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS);
        OrchestraRegistry.Lease lease = registry.lease(route)) {
      EntityManager entityManager = lease.createEntityManager();
      PersistenceUnitUtil loaded = entityManager.getEntityManagerFactory().getPersistenceUnitUtil();
      try {
        Position position = entityManager.find(Position.class, 1);

        assertThat(loaded.isLoaded(position, "instrument")).isFalse();
        assertThat(position.getInstrument().getName()).isEqualTo("Violin");
        assertThat(loaded.isLoaded(position, "instrument")).isTrue();
      } finally {
        entityManager.close();
      }
    }
  }

  @Test
  void aLazyRelationFirstUsedAfterItsEntityManagerClosedIsStillRead() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS);
        OrchestraRegistry.Lease lease = registry.lease(route)) {
      EntityManager entityManager = lease.createEntityManager();
      Position position = entityManager.find(Position.class, 1);
      entityManager.close();

      assertThat(position.getInstrument().getName()).isEqualTo("Violin");
    }
  }

  @Test
  void changesAreTrackedAttributeByAttribute() {
    try (OrchestraRegistry registry = new OrchestraRegistry(SETTINGS);
        OrchestraRegistry.Lease lease = registry.lease(route)) {
      EntityManager entityManager = lease.createEntityManager();
      try {
        Session session = entityManager.unwrap(Session.class);
        for (var entity : entityManager.getMetamodel().getEntities()) {
          assertThat(
                  session
                      .getClassDescriptor(entity.getJavaType())
                      .getObjectChangePolicy()
                      .isAttributeChangeTrackingPolicy())
              .as(entity.getName())
              .isTrue();
        }
      } finally {
        entityManager.close();
      }
    }
  }
}
