package org.ripieno.datasafety.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ripieno.datasafety.adoption.SchemaDifference.Handling;
import org.ripieno.datasafety.adoption.SchemaDifference.Kind;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.datasafety.archive.SchemaCatalog.Column;
import org.ripieno.datasafety.archive.SchemaCatalog.ForeignKey;
import org.ripieno.datasafety.archive.SchemaCatalog.Table;

/** The comparison of a legacy database with the orchestra schema, rule by rule. */
class SchemaComparisonTest {

  private static final String TIMESTAMP = "timestamp(3) without time zone";

  private static final Table MUSICIAN =
      table(
          "Musician",
          column("id", "integer", true),
          column("email", "text", true),
          column("notes", "text", false));

  private static final Table CUSTOM_RANKING =
      table(
          "CustomRanking",
          column("id", "integer", true),
          column("musicianId", "integer", true),
          new Column("addedAt", TIMESTAMP, true, "CURRENT_TIMESTAMP"));

  private static final ForeignKey RANKED_MUSICIAN =
      new ForeignKey(
          "CustomRanking_musicianId_fkey",
          "CustomRanking",
          List.of("musicianId"),
          "Musician",
          List.of("id"),
          "RESTRICT",
          "CASCADE");

  private static final Table CENTRAL_LOG =
      table(
          "SystemLog",
          column("id", "text", true),
          new Column("timestamp", TIMESTAMP, true, "CURRENT_TIMESTAMP"),
          column("message", "text", true),
          column("orchestraId", "text", false));

  private static final SchemaCatalog EXPECTED =
      catalog(List.of(MUSICIAN, CUSTOM_RANKING, table("flyway_schema_history")), RANKED_MUSICIAN);

  @Test
  void anIdenticalDatabaseHasNoDifferencesAndFlywayHistoryIsNotCompared() {
    SchemaCatalog actual = catalog(List.of(MUSICIAN, CUSTOM_RANKING), RANKED_MUSICIAN);
    assertThat(compare(actual)).isEmpty();
  }

  @Test
  void aMissingColumnIsUnexpectedAndNamed() {
    SchemaCatalog actual =
        catalog(
            List.of(
                table("Musician", column("id", "integer", true), column("email", "text", true)),
                CUSTOM_RANKING),
            RANKED_MUSICIAN);

    List<SchemaDifference> differences = compare(actual);

    assertThat(differences).hasSize(1);
    SchemaDifference missing = differences.get(0);
    assertThat(missing.kind()).isEqualTo(Kind.MISSING_COLUMN);
    assertThat(missing.handling()).isEqualTo(Handling.UNEXPECTED);
    assertThat(missing.describe())
        .isEqualTo("column Musician.notes is missing (expected text): unexpected");
  }

  @Test
  void typeNullabilityExtraColumnsAndMissingTablesAreUnexpected() {
    SchemaCatalog actual =
        catalog(
            List.of(
                table(
                    "Musician",
                    column("id", "bigint", true),
                    column("email", "text", false),
                    column("notes", "text", false),
                    column("tenantId", "text", false))));

    assertThat(compare(actual))
        .extracting(
            SchemaDifference::kind,
            SchemaDifference::table,
            SchemaDifference::name,
            SchemaDifference::handling)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Kind.MISSING_TABLE, "CustomRanking", null, Handling.UNEXPECTED),
            org.assertj.core.groups.Tuple.tuple(
                Kind.COLUMN_TYPE, "Musician", "id", Handling.UNEXPECTED),
            org.assertj.core.groups.Tuple.tuple(
                Kind.COLUMN_NULLABILITY, "Musician", "email", Handling.UNEXPECTED),
            org.assertj.core.groups.Tuple.tuple(
                Kind.EXTRA_COLUMN, "Musician", "tenantId", Handling.UNEXPECTED));
  }

  @Test
  void prismaHistoryIsKeptAndTheLegacySystemLogMovesToCentral() {
    SchemaCatalog actual =
        catalog(
            List.of(
                MUSICIAN,
                CUSTOM_RANKING,
                table("_prisma_migrations", column("id", "character varying(36)", true)),
                table(
                    "SystemLog",
                    column("id", "text", true),
                    column("timestamp", TIMESTAMP, true),
                    column("message", "text", true))),
            RANKED_MUSICIAN);

    assertThat(compare(actual))
        .extracting(SchemaDifference::table, SchemaDifference::handling)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SystemLog", Handling.MOVED_TO_CENTRAL),
            org.assertj.core.groups.Tuple.tuple("_prisma_migrations", Handling.KEPT));
  }

  @Test
  void aSystemLogCentralCannotTakeIsUnexpected() {
    Table legacyLog =
        table("SystemLog", column("id", "text", true), column("legacyOnly", "text", false));
    SchemaCatalog actual = catalog(List.of(MUSICIAN, CUSTOM_RANKING, legacyLog), RANKED_MUSICIAN);

    List<SchemaDifference> differences = compare(actual);

    assertThat(differences)
        .filteredOn(SchemaDifference::isUnexpected)
        .extracting(SchemaDifference::kind, SchemaDifference::name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_COLUMN, "legacyOnly"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_COLUMN, "timestamp"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_COLUMN, "message"));
    // Without central's table to compare with, the legacy SystemLog is only a misplaced table.
    assertThat(SchemaComparison.compare(EXPECTED, actual, Optional.empty()))
        .extracting(SchemaDifference::table, SchemaDifference::handling)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SystemLog", Handling.UNEXPECTED));
  }

  @Test
  void centralTablesLeftByTheLegacyIncidentAreKeptAndReportedNotUnexpected() {
    SchemaCatalog actual =
        catalog(
            List.of(
                MUSICIAN,
                CUSTOM_RANKING,
                table("User", column("id", "text", true)),
                table("Orchestra", column("id", "text", true)),
                table("Customer", column("id", "text", true))),
            RANKED_MUSICIAN);

    List<SchemaDifference> differences = compare(actual);

    assertThat(differences)
        .extracting(SchemaDifference::kind, SchemaDifference::table, SchemaDifference::handling)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_TABLE, "Customer", Handling.KEPT),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_TABLE, "Orchestra", Handling.KEPT),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_TABLE, "User", Handling.KEPT));
    assertThat(differences).noneMatch(SchemaDifference::isUnexpected);
    assertThat(differences.stream().filter(d -> d.table().equals("User")).findFirst())
        .hasValueSatisfying(
            d ->
                assertThat(d.describe())
                    .isEqualTo(
                        "table User is not in the orchestra schema (a central table, left by the"
                            + " legacy incident; remove it with schema clean --orchestra): kept"
                            + " as it is"));
    assertThat(differences).allMatch(d -> d.repair().isEmpty());
  }

  @Test
  void anyOtherExtraTableStaysUnexpected() {
    SchemaCatalog actual =
        catalog(
            List.of(MUSICIAN, CUSTOM_RANKING, table("Tenant", column("id", "text", true))),
            RANKED_MUSICIAN);

    assertThat(compare(actual))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.isUnexpected()).isTrue();
              assertThat(d.describe())
                  .isEqualTo("table Tenant is not in the orchestra schema: unexpected");
            });
  }

  @Test
  void theDocumentedCustomRankingDriftIsRepairedKeepingItsTimes() {
    SchemaCatalog actual =
        catalog(
            List.of(MUSICIAN, drifted(columns -> columns)),
            withActions(RANKED_MUSICIAN, "CASCADE", "CASCADE"));

    List<SchemaDifference> differences = compare(actual);

    assertThat(differences).allMatch(d -> d.handling() == Handling.REPAIRED);
    assertThat(differences)
        .extracting(SchemaDifference::kind, SchemaDifference::name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_COLUMN, "addedAt"),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_COLUMN, "createdAt"),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_COLUMN, "updatedAt"),
            org.assertj.core.groups.Tuple.tuple(
                Kind.FOREIGN_KEY_DEFINITION, "CustomRanking_musicianId_fkey"));
    assertThat(differences.stream().flatMap(d -> d.repair().stream()))
        .containsExactly(
            "ALTER TABLE \"CustomRanking\" RENAME COLUMN \"createdAt\" TO \"addedAt\"",
            "UPDATE \"CustomRanking\" SET \"addedAt\" = COALESCE(\"updatedAt\","
                + " CURRENT_TIMESTAMP) WHERE \"addedAt\" IS NULL",
            "ALTER TABLE \"CustomRanking\" ALTER COLUMN \"addedAt\" SET DEFAULT CURRENT_TIMESTAMP,"
                + " ALTER COLUMN \"addedAt\" SET NOT NULL",
            "ALTER TABLE \"CustomRanking\" DROP COLUMN \"updatedAt\"",
            "ALTER TABLE \"CustomRanking\" DROP CONSTRAINT \"CustomRanking_musicianId_fkey\", ADD"
                + " CONSTRAINT \"CustomRanking_musicianId_fkey\" FOREIGN KEY (\"musicianId\")"
                + " REFERENCES \"Musician\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE");
  }

  @Test
  void aColumnNotNullWhereTheSchemaAllowsNullIsRelaxedAndTheOtherWayRoundIsNot() {
    SchemaCatalog actual =
        catalog(
            List.of(
                table(
                    "Musician",
                    column("id", "integer", true),
                    column("email", "text", true),
                    column("notes", "text", true)),
                CUSTOM_RANKING),
            RANKED_MUSICIAN);

    assertThat(compare(actual))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.COLUMN_NULLABILITY);
              assertThat(d.handling()).isEqualTo(Handling.REPAIRED);
              assertThat(d.repair())
                  .containsExactly("ALTER TABLE \"Musician\" ALTER COLUMN \"notes\" DROP NOT NULL");
              assertThat(d.describe())
                  .isEqualTo(
                      "column Musician.notes is NOT NULL, expected nullable: brought to the"
                          + " orchestra schema");
            });
  }

  @Test
  void aCreatedAtOfAnotherTimestampTypeIsConvertedKeepingItsValues() {
    SchemaCatalog withoutPrecision =
        catalog(
            List.of(
                MUSICIAN,
                drifted(
                    columns -> {
                      columns.set(
                          2,
                          new Column(
                              "createdAt",
                              "timestamp without time zone",
                              true,
                              "CURRENT_TIMESTAMP"));
                      columns.remove(3);
                      return columns;
                    })),
            RANKED_MUSICIAN);
    assertThat(compare(withoutPrecision)).allMatch(d -> d.handling() == Handling.REPAIRED);
    assertThat(compare(withoutPrecision).stream().flatMap(d -> d.repair().stream()))
        .contains(
            "ALTER TABLE \"CustomRanking\" ALTER COLUMN \"addedAt\" TYPE "
                + TIMESTAMP
                + " USING \"addedAt\"")
        .noneMatch(sql -> sql.contains("updatedAt"));

    SchemaCatalog zoned =
        catalog(
            List.of(
                MUSICIAN,
                drifted(
                    columns -> {
                      columns.set(2, column("createdAt", "timestamp(3) with time zone", true));
                      return columns;
                    })),
            RANKED_MUSICIAN);
    assertThat(compare(zoned).stream().flatMap(d -> d.repair().stream()))
        .contains(
            "ALTER TABLE \"CustomRanking\" ALTER COLUMN \"addedAt\" TYPE "
                + TIMESTAMP
                + " USING \"addedAt\" AT TIME ZONE 'UTC'");
  }

  @Test
  void aCustomRankingThatDiffersInAnyOtherWayIsNotTheKnownDrift() {
    SchemaCatalog withAnotherColumn =
        catalog(
            List.of(
                MUSICIAN,
                drifted(
                    columns -> {
                      columns.add(column("score", "integer", false));
                      return columns;
                    })),
            RANKED_MUSICIAN);
    assertThat(compare(withAnotherColumn)).allMatch(SchemaDifference::isUnexpected).hasSize(4);

    SchemaCatalog createdAtAsText =
        catalog(
            List.of(
                MUSICIAN,
                drifted(
                    columns -> {
                      columns.set(2, column("createdAt", "text", true));
                      return columns;
                    })),
            RANKED_MUSICIAN);
    assertThat(compare(createdAtAsText)).allMatch(SchemaDifference::isUnexpected);
  }

  @Test
  void foreignKeysArePairedByWhatTheyConnect() {
    ForeignKey renamed =
        new ForeignKey(
            "fk_custom_musician",
            "CustomRanking",
            List.of("musicianId"),
            "Musician",
            List.of("id"),
            "RESTRICT",
            "CASCADE");
    ForeignKey extra =
        new ForeignKey(
            "CustomRanking_id_fkey",
            "CustomRanking",
            List.of("id"),
            "Musician",
            List.of("id"),
            "NO ACTION",
            "NO ACTION");

    List<SchemaDifference> renamedAndExtra =
        compare(catalog(List.of(MUSICIAN, CUSTOM_RANKING), renamed, extra));
    assertThat(renamedAndExtra)
        .extracting(SchemaDifference::kind, SchemaDifference::handling)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.FOREIGN_KEY_DEFINITION, Handling.REPAIRED),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_FOREIGN_KEY, Handling.UNEXPECTED));
    assertThat(renamedAndExtra.get(0).repair().get(0))
        .startsWith(
            "ALTER TABLE \"CustomRanking\" DROP CONSTRAINT \"fk_custom_musician\", ADD"
                + " CONSTRAINT \"CustomRanking_musicianId_fkey\"");

    assertThat(compare(catalog(List.of(MUSICIAN, CUSTOM_RANKING))))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.MISSING_FOREIGN_KEY);
              assertThat(d.isUnexpected()).isTrue();
            });
  }

  private static List<SchemaDifference> compare(SchemaCatalog actual) {
    return SchemaComparison.compare(EXPECTED, actual, Optional.of(CENTRAL_LOG));
  }

  /** CustomRanking as combined_custom_lists_migration.sql made it. */
  private static Table drifted(UnaryOperator<List<Column>> change) {
    List<Column> columns = new ArrayList<>();
    columns.add(column("id", "integer", true));
    columns.add(column("musicianId", "integer", true));
    columns.add(new Column("createdAt", TIMESTAMP, true, "CURRENT_TIMESTAMP"));
    columns.add(column("updatedAt", TIMESTAMP, true));
    return new Table("CustomRanking", change.apply(columns), List.of("id"), Map.of());
  }

  private static ForeignKey withActions(ForeignKey key, String onDelete, String onUpdate) {
    return new ForeignKey(
        key.name(),
        key.table(),
        key.columns(),
        key.referencedTable(),
        key.referencedColumns(),
        onDelete,
        onUpdate);
  }

  private static Column column(String name, String type, boolean notNull) {
    return new Column(name, type, notNull, null);
  }

  private static Table table(String name, Column... columns) {
    return new Table(name, List.of(columns), List.of(), Map.of());
  }

  private static SchemaCatalog catalog(List<Table> tables, ForeignKey... keys) {
    Map<String, Table> byName = new LinkedHashMap<>();
    tables.forEach(t -> byName.put(t.name(), t));
    return new SchemaCatalog(byName, List.of(keys));
  }
}
