package org.ripieno.datasafety.central.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.datasafety.central.control.LegacyCentralSchema.Difference;
import org.ripieno.datasafety.schema.control.TableStructure;
import org.ripieno.datasafety.schema.control.TableStructure.Column;
import org.ripieno.datasafety.schema.control.TableStructure.Constraint;

/** How a legacy central's tables are compared with V1, and what adoption adds. */
class LegacyCentralSchemaTest {

  private static final String TS = "timestamp(3) without time zone";

  private static Column column(String name, String type, boolean notNull, String defaultValue) {
    return new Column(name, type, notNull, defaultValue, "", null);
  }

  private static TableStructure orchestra(
      List<Column> columns, List<Constraint> constraints, List<String> indexes) {
    return new TableStructure("Orchestra", columns, List.of(), constraints, indexes);
  }

  private static final Constraint PRIMARY_KEY =
      new Constraint("Orchestra_pkey", "p", "PRIMARY KEY (id)");
  private static final String SUBDOMAIN_INDEX =
      "CREATE UNIQUE INDEX \"Orchestra_subdomain_key\" ON public.\"Orchestra\" USING btree"
          + " (subdomain)";

  private static final TableStructure V1 =
      orchestra(
          List.of(
              column("id", "text", true, null),
              column("orchestraId", "text", true, null),
              column("subdomain", "text", true, null),
              column("createdAt", TS, true, "CURRENT_TIMESTAMP"),
              column("updatedAt", TS, true, null),
              column("plan", "text", true, "'medium'::text"),
              column("logoUrl", "text", false, null)),
          List.of(PRIMARY_KEY),
          List.of(SUBDOMAIN_INDEX));

  @Test
  void missingColumnsAreAddedWithV1sDefaultOrFilledFromTheRowItself() {
    TableStructure legacy =
        orchestra(
            List.of(
                column("id", "text", true, null),
                column("subdomain", "text", true, null),
                column("createdAt", TS, true, "CURRENT_TIMESTAMP"),
                column("updatedAt", TS, true, null)),
            List.of(PRIMARY_KEY),
            List.of(SUBDOMAIN_INDEX));

    List<Difference> differences =
        LegacyCentralSchema.compare(Map.of("Orchestra", V1), Map.of("Orchestra", legacy));

    assertThat(differences).allMatch(Difference::known).hasSize(3);
    assertThat(differences.get(0).repair())
        .containsExactly(
            "ALTER TABLE \"Orchestra\" ADD COLUMN \"orchestraId\" text",
            "UPDATE \"Orchestra\" SET \"orchestraId\" = \"id\"",
            "ALTER TABLE \"Orchestra\" ALTER COLUMN \"orchestraId\" SET NOT NULL");
    assertThat(differences.get(1).repair())
        .containsExactly(
            "ALTER TABLE \"Orchestra\" ADD COLUMN \"plan\" text DEFAULT 'medium'::text NOT NULL");
    assertThat(differences.get(2).repair())
        .containsExactly("ALTER TABLE \"Orchestra\" ADD COLUMN \"logoUrl\" text");
  }

  @Test
  void aUniqueConstraintWrittenInlineCountsAsV1sUniqueIndex() {
    TableStructure legacy =
        orchestra(
            V1.columns(),
            List.of(
                PRIMARY_KEY, new Constraint("Orchestra_subdomain_key", "u", "UNIQUE (subdomain)")),
            List.of());

    assertThat(LegacyCentralSchema.compare(Map.of("Orchestra", V1), Map.of("Orchestra", legacy)))
        .isEmpty();
  }

  @Test
  void aMissingTableIsCreatedWithItsKeysAndIndexes() {
    List<Difference> differences = LegacyCentralSchema.compare(Map.of("Orchestra", V1), Map.of());

    assertThat(differences).hasSize(1);
    assertThat(differences.get(0).repair().get(0)).startsWith("CREATE TABLE \"Orchestra\"");
    assertThat(differences.get(0).repair())
        .contains(
            "ALTER TABLE \"Orchestra\" ADD CONSTRAINT \"Orchestra_pkey\" PRIMARY KEY (id)",
            SUBDOMAIN_INDEX);
  }

  @Test
  void aForeignKeyWithOtherActionsIsRecreatedAsV1HasIt() {
    Constraint cascade =
        new Constraint(
            "User_orchestraId_fkey",
            "f",
            "FOREIGN KEY (\"orchestraId\") REFERENCES \"Orchestra\"(id) ON UPDATE CASCADE ON DELETE"
                + " CASCADE");
    Constraint setNull =
        new Constraint(
            "User_orchestraId_fkey",
            "f",
            "FOREIGN KEY (\"orchestraId\") REFERENCES \"Orchestra\"(id) ON UPDATE CASCADE ON DELETE"
                + " SET NULL");
    List<Column> columns =
        List.of(column("id", "text", true, null), column("orchestraId", "text", false, null));
    TableStructure expected =
        new TableStructure("User", columns, List.of(), List.of(cascade), List.of());
    TableStructure legacy =
        new TableStructure("User", columns, List.of(), List.of(setNull), List.of());

    List<Difference> differences =
        LegacyCentralSchema.compare(Map.of("User", expected), Map.of("User", legacy));

    assertThat(differences).hasSize(1);
    assertThat(differences.get(0).repair())
        .containsExactly(
            "ALTER TABLE \"User\" DROP CONSTRAINT \"User_orchestraId_fkey\"",
            "ALTER TABLE \"User\" ADD CONSTRAINT \"User_orchestraId_fkey\" "
                + cascade.definition());
  }

  @Test
  void aColumnOfAnotherTypeOrOneV1LacksIsNotKnown() {
    TableStructure legacy =
        orchestra(
            List.of(
                column("id", "integer", true, null),
                column("orchestraId", "text", true, null),
                column("subdomain", "text", true, null),
                column("createdAt", TS, true, "CURRENT_TIMESTAMP"),
                column("updatedAt", TS, true, null),
                column("plan", "text", true, "'medium'::text"),
                column("logoUrl", "text", false, null),
                column("tenantId", "text", false, null)),
            List.of(PRIMARY_KEY),
            List.of(SUBDOMAIN_INDEX));

    List<Difference> differences =
        LegacyCentralSchema.compare(Map.of("Orchestra", V1), Map.of("Orchestra", legacy));

    assertThat(differences).noneMatch(Difference::known).hasSize(2);
    assertThat(differences.get(0).description()).contains("Orchestra.id has type integer");
    assertThat(differences.get(1).description()).contains("Orchestra.tenantId");
  }
}
