package org.ripieno.orchestra.musicians.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

/** The list's query parameters: checked, and turned into JPQL that carries values as parameters. */
class MusicianFilterTest {

  @Test
  void defaultsHideArchivedAndShowTheNewestFirst() {
    MusicianFilter filter = MusicianFilter.of(null, null, null, null, null);
    assertThat(filter.where()).isEqualTo(" where m.isArchived = false");
    assertThat(filter.orderBy()).isEqualTo(" order by m.createdAt desc, m.id desc");
    assertThat(filter.parameters()).isEmpty();
  }

  @Test
  void searchIsAParameterWithLikeWildcardsEscaped() {
    MusicianFilter filter = MusicianFilter.of(" 50%_Off\\ ", null, null, "all", "lastName");
    assertThat(filter.parameters()).containsEntry("search", "%50\\%\\_off\\\\%");
    assertThat(filter.where()).doesNotContain("50").contains(":search");
    assertThat(filter.orderBy())
        .isEqualTo(" order by lower(m.lastName) asc, lower(m.firstName) asc, m.id asc");
  }

  @Test
  void filtersByPositionAndInstrument() {
    MusicianFilter filter = MusicianFilter.of(null, "7", "3", "inactive", "-musicianId");
    assertThat(filter.where())
        .contains("m.isActive = false and m.isArchived = false", ":positionId", ":instrumentId");
    assertThat(filter.parameters()).containsEntry("positionId", 3).containsEntry("instrumentId", 7);
    assertThat(filter.orderBy()).startsWith(" order by length(m.musicianId) desc");
  }

  @Test
  void refusesUnknownValues() {
    assertThatThrownBy(() -> MusicianFilter.of(null, null, null, "gone", null))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("status is");
    assertThatThrownBy(() -> MusicianFilter.of(null, null, null, null, "password"))
        .hasMessageContaining("sort is one of");
    assertThatThrownBy(() -> MusicianFilter.of(null, "one", null, null, null))
        .hasMessage("instrumentId is a number.");
  }
}
