package org.ripieno.orchestra.musicians.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.musicians.boundary.MusicianView.Placement;
import org.ripieno.orchestra.musicians.boundary.MusicianView.Qualification;

/** The qualifications and placements of one musician, as the single read gets them in JSON. */
class MusicianListsJsonTest {

  @Test
  void qualificationsAreReadByColumnAndOrderedByInstrumentThenHierarchyWithNullsLast() {
    String json =
        "[[2, 11, \"POS011\", \"Tutti\", 3, 5, \"Viola\"],"
            + " [null, 12, \"POS012\", \"Solo\", 1, 6, \"Harp\"],"
            + " [1, 13, \"POS013\", \"Konsertmästare\", 1, 4, \"Violin 1\"],"
            + " [2, 14, \"POS014\", \"Stämledare\", null, 5, \"Viola\"]]";

    assertEquals(
        List.of(
            new Qualification(13, "POS013", "Konsertmästare", 1, 4, "Violin 1"),
            new Qualification(11, "POS011", "Tutti", 3, 5, "Viola"),
            new Qualification(14, "POS014", "Stämledare", null, 5, "Viola"),
            new Qualification(12, "POS012", "Solo", 1, 6, "Harp")),
        Musicians.qualifications(json));
  }

  @Test
  void placementsAreReadByColumnAndOrderedByInstrumentHierarchyThenListType() {
    String json =
        "[[1, 2, 7, \"RANK007\", \"B\", 21, \"Tutti\", \"Violin 1\", 4],"
            + " [1, 2, 6, \"RANK006\", \"A\", 21, \"Tutti\", \"Violin 1\", 1],"
            + " [1, 1, 5, \"RANK005\", \"C\", 20, \"Konsertmästare\", \"Violin 1\", 2]]";

    assertEquals(
        List.of(
            new Placement(5, "RANK005", "C", 20, "Konsertmästare", "Violin 1", 2),
            new Placement(6, "RANK006", "A", 21, "Tutti", "Violin 1", 1),
            new Placement(7, "RANK007", "B", 21, "Tutti", "Violin 1", 4)),
        Musicians.placements(json));
  }

  @Test
  void anEmptyArrayOrSqlNullIsNoRows() {
    assertEquals(List.of(), Musicians.qualifications("[]"));
    assertEquals(List.of(), Musicians.placements(null));
  }
}
