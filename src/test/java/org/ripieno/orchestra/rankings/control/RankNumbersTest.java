package org.ripieno.orchestra.rankings.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankNumbersTest {

  @Test
  void ranksRunFromOneWithoutGaps() {
    assertThat(RankNumbers.contiguous(0)).isEmpty();
    assertThat(RankNumbers.contiguous(3)).containsExactly(1, 2, 3);
  }
}
