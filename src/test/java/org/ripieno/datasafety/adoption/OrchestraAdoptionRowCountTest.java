package org.ripieno.datasafety.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes in the number of rows fail an adoption (the orchestra's data stays untouched). */
class OrchestraAdoptionRowCountTest {

  @Test
  void onlyTheCountersMayChangeAndTheMovedSystemLogMayGo() {
    Map<String, Long> before =
        Map.of("Musician", 3L, "IdSequence", 2L, "SystemLog", 2L, "CustomRanking", 2L);
    Map<String, Long> after =
        Map.of("Musician", 3L, "IdSequence", 13L, "CustomRanking", 2L, "OrchestraIdentity", 1L);

    assertThat(OrchestraAdoption.changedRowCounts(before, after, true, Map.of())).isEmpty();
  }

  @Test
  void anyOtherChangeIsNamedWithBothCounts() {
    Map<String, Long> before = Map.of("Musician", 3L, "Request", 2L, "SystemLog", 2L);
    Map<String, Long> after = Map.of("Musician", 2L, "Request", 2L);

    assertThat(OrchestraAdoption.changedRowCounts(before, after, false, Map.of()))
        .containsExactlyInAnyOrder("Musician (3 -> 2)", "SystemLog (2 -> table gone)");
  }

  @Test
  void theSeedTablesMayGrowByExactlyTheRowsAdoptionAdded() {
    Map<String, Long> before = Map.of("EmailTemplate", 1L, "Settings", 1L, "Musician", 3L);
    Map<String, Long> after = Map.of("EmailTemplate", 8L, "Settings", 4L, "Musician", 3L);

    assertThat(
            OrchestraAdoption.changedRowCounts(
                before, after, false, Map.of("EmailTemplate", 7L, "Settings", 2L)))
        .containsExactly("Settings (1 -> 4)");
  }
}
