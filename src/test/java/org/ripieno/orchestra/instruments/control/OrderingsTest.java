package org.ripieno.orchestra.instruments.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class OrderingsTest {

  @Test
  void anExactPermutationIsTheNewOrder() {
    assertThat(Orderings.requireExactly(List.of(3, 1, 2), List.of(1, 2, 3), "musicians"))
        .containsExactly(3, 1, 2);
    assertThat(Orderings.requireExactly(List.of(), List.of(), "musicians")).isEmpty();
  }

  @Test
  void aMissingExtraOrRepeatedIdIsRefusedWithA400() {
    for (List<Integer> wrong :
        List.of(List.of(1, 2), List.of(1, 2, 3, 4), List.of(1, 2, 4), List.of(1, 1, 2, 3))) {
      assertThatThrownBy(() -> Orderings.requireExactly(wrong, List.of(1, 2, 3), "musicians"))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status().getStatusCode()).isEqualTo(400));
    }
    assertThatThrownBy(() -> Orderings.requireExactly(List.of(1, 2), List.of(1, 2, 3), "musicians"))
        .hasMessageContaining("exactly the current musicians")
        .hasMessageContaining("3 expected, 2 given");
  }

  @Test
  void noListOrANullIdIsRefused() {
    assertThatThrownBy(() -> Orderings.requireExactly(null, List.of(1), "positions"))
        .hasMessageContaining("positions in their new order");
    assertThatThrownBy(() -> Orderings.requireExactly(Arrays.asList(1, null), List.of(1), "x"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void arrangePutsTheUnnamedOptionalOnesAfterInTheirCurrentOrder() {
    List<Integer> all = List.of(1, 2, 3, 4, 5);
    assertThat(Orderings.arrange(List.of(5, 3, 1), all, List.of(1, 3, 5), "instruments"))
        .containsExactly(5, 3, 1, 2, 4);
    assertThat(Orderings.arrange(List.of(4, 5, 3, 1), all, List.of(1, 3, 5), "instruments"))
        .containsExactly(4, 5, 3, 1, 2);
  }

  @Test
  void arrangeRefusesAMissingRequiredOrAnUnknownId() {
    assertThatThrownBy(
            () ->
                Orderings.arrange(List.of(5, 3), List.of(1, 3, 5), List.of(1, 3, 5), "instruments"))
        .hasMessageContaining("every current instruments once");
    assertThatThrownBy(
            () ->
                Orderings.arrange(
                    List.of(5, 3, 1, 9), List.of(1, 3, 5), List.of(1, 3, 5), "instruments"))
        .isInstanceOf(ProblemException.class);
  }
}
