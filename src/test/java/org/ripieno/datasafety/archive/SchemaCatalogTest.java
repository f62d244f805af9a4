package org.ripieno.datasafety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.datasafety.archive.SchemaCatalog.ForeignKey;

/** The insertion order the archive derives from foreign keys. */
class SchemaCatalogTest {

  @Test
  void everyTableComesAfterTheTablesItReferencesWithTiesByName() {
    SchemaCatalog catalog =
        catalog(
            key("Request", "Musician"),
            key("Request", "ProjectNeed"),
            key("ProjectNeed", "Project"),
            key("ProjectNeed", "Position"),
            key("Position", "Instrument"),
            key("RequestToken", "Request"),
            key("Audit", "Outside"));

    assertThat(
            catalog.insertionOrder(
                List.of(
                    "RequestToken",
                    "Request",
                    "ProjectNeed",
                    "Project",
                    "Position",
                    "Instrument",
                    "Musician",
                    "Audit")))
        .containsExactly(
            "Audit",
            "Instrument",
            "Musician",
            "Position",
            "Project",
            "ProjectNeed",
            "Request",
            "RequestToken");
  }

  @Test
  void aTableReferencingItselfNeedsNoOrderButACycleIsRefused() {
    assertThat(catalog(key("Tree", "Tree")).insertionOrder(List.of("Tree")))
        .containsExactly("Tree");
    assertThatThrownBy(
            () -> catalog(key("A", "B"), key("B", "A")).insertionOrder(List.of("A", "B", "C")))
        .hasMessageContaining("[A, B] form a cycle");
  }

  @Test
  void aForeignKeyDefinitionQuotesItsNames() {
    ForeignKey key =
        new ForeignKey(
            "CustomRanking_musicianId_fkey",
            "CustomRanking",
            List.of("musicianId"),
            "Musician",
            List.of("id"),
            "RESTRICT",
            "CASCADE");
    assertThat(key.definition())
        .isEqualTo(
            "CONSTRAINT \"CustomRanking_musicianId_fkey\" FOREIGN KEY (\"musicianId\")"
                + " REFERENCES \"Musician\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE");
    assertThat(SchemaCatalog.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
  }

  private static SchemaCatalog catalog(ForeignKey... keys) {
    return new SchemaCatalog(Map.of(), List.of(keys));
  }

  private static ForeignKey key(String table, String referenced) {
    return new ForeignKey(
        table + "_" + referenced + "_fkey",
        table,
        List.of(referenced.toLowerCase() + "Id"),
        referenced,
        List.of("id"),
        "CASCADE",
        "CASCADE");
  }
}
