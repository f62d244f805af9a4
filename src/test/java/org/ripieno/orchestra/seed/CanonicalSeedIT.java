package org.ripieno.orchestra.seed;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.TestPostgres;

/**
 * The canonical seed on a fresh orchestra database: exact contents, codes, counters, idempotence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanonicalSeedIT {

  private final TestPostgres postgres = new TestPostgres();
  private DatabaseLogin database;
  private EntityManagerFactory factory;
  private CanonicalSeed.Result first;
  private CanonicalSeed.Result second;
  private Map<String, Integer> countersAfterFirst;

  @BeforeAll
  void seedTwice() throws Exception {
    database = postgres.createOrchestra("seed", "orch-seed");
    factory =
        Persistence.createEntityManagerFactory(
            "orchestra",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", database.dataSource(),
                "eclipselink.target-server", "None",
                "eclipselink.session-name", "seed-test"));
    first = inTransaction(em -> CanonicalSeed.onSequences(em).apply(em, "Seedorkestern"));
    countersAfterFirst = counters();
    second = inTransaction(em -> CanonicalSeed.onSequences(em).apply(em, "Seedorkestern"));
  }

  @AfterAll
  void drop() throws Exception {
    if (factory != null) {
      factory.close();
    }
    postgres.close();
  }

  @Test
  void aFreshDatabaseGetsExactlyTheCanonicalRows() throws Exception {
    assertThat(first).isEqualTo(new CanonicalSeed.Result(14, 43, 129, 8, 3));
    assertThat(count("select count(*) from \"Instrument\"")).isEqualTo(14);
    assertThat(count("select count(*) from \"Position\"")).isEqualTo(43);
    assertThat(count("select count(*) from \"RankingList\"")).isEqualTo(129);
    assertThat(count("select count(*) from \"EmailTemplate\"")).isEqualTo(8);
    assertThat(count("select count(*) from \"Settings\"")).isEqualTo(3);
  }

  @Test
  void codesFollowTheOrderOfTheSeed() throws Exception {
    assertThat(
            strings(
                "select \"instrumentId\" || ' ' || \"name\" || ' ' || \"displayOrder\""
                    + " from \"Instrument\" order by \"instrumentId\""))
        .startsWith("INST001 Violin 1", "INST002 Viola 2")
        .endsWith("INST014 Harpa 14");
    assertThat(
            strings(
                "select p.\"positionId\" || ' ' || p.\"name\" || ' ' || p.\"hierarchyLevel\""
                    + " from \"Position\" p order by p.\"positionId\""))
        .startsWith("POS001 Förste konsertmästare 1", "POS002 Andre konsertmästare 2")
        .contains("POS006 Stämledare 1", "POS038 Solotuba 1", "POS041 Puka 3")
        .endsWith("POS043 Harpa 2 2");
    assertThat(
            strings(
                "select \"rankingListId\" || ' ' || \"listType\" || ' ' || \"description\""
                    + " from \"RankingList\" order by \"rankingListId\""))
        .startsWith(
            "RANK001 A A-lista för Förste konsertmästare (Violin)",
            "RANK002 B B-lista för Förste konsertmästare (Violin)",
            "RANK003 C C-lista för Förste konsertmästare (Violin)")
        .endsWith("RANK129 C C-lista för Harpa 2 (Harpa)");
    assertThat(
            strings(
                "select \"emailTemplateId\" || ' ' || \"type\" from \"EmailTemplate\" order by 1"))
        .containsExactly(
            "TMPL001 request",
            "TMPL002 reminder",
            "TMPL003 confirmation",
            "TMPL004 position_filled",
            "TMPL005 request_en",
            "TMPL006 reminder_en",
            "TMPL007 confirmation_en",
            "TMPL008 position_filled_en");
    assertThat(strings("select \"body\" from \"EmailTemplate\""))
        .allSatisfy(body -> assertThat(body).endsWith("Seedorkestern"));
    assertThat(strings("select \"key\" || '=' || \"value\" from \"Settings\" order by 1"))
        .containsExactly(
            "ranking_conflict_strategy=simple",
            "reminder_percentage=75",
            "time_zone=Europe/Stockholm");
  }

  @Test
  void theCountersEndPastTheSeededCodesAndEveryTypeHasOne() throws Exception {
    assertThat(countersAfterFirst)
        .hasSize(13)
        .containsEntry("instrument", 14)
        .containsEntry("position", 43)
        .containsEntry("rankingList", 129)
        .containsEntry("emailTemplate", 8)
        .containsEntry("musician", 0)
        .containsEntry("project", 0)
        .containsEntry("customList", 0);
  }

  @Test
  void seedingASeededDatabaseChangesNothing() throws Exception {
    assertThat(second.changedNothing()).isTrue();
    assertThat(counters()).isEqualTo(countersAfterFirst);
    assertThat(count("select count(*) from \"RankingList\"")).isEqualTo(129);
  }

  private <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager entityManager = factory.createEntityManager();
    try {
      entityManager.getTransaction().begin();
      T result = work.apply(entityManager);
      entityManager.getTransaction().commit();
      return result;
    } finally {
      if (entityManager.getTransaction().isActive()) {
        entityManager.getTransaction().rollback();
      }
      entityManager.close();
    }
  }

  private Map<String, Integer> counters() throws Exception {
    Map<String, Integer> counters = new HashMap<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select \"entityType\", \"lastNumber\" from \"IdSequence\"")) {
      while (rows.next()) {
        counters.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counters;
  }

  private long count(String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private List<String> strings(String sql) throws Exception {
    List<String> values = new java.util.ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
