package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {

  @Test
  void choosesTheServerWithTheFewestOrchestras() {
    assertThat(
            ServerChoice.fewestOrchestras(
                Set.of("default", "second", "third"),
                Map.of("default", 4L, "second", 2L, "third", 3L)))
        .contains("second");
  }

  @Test
  void aServerWithoutOrchestrasCountsAsZero() {
    assertThat(ServerChoice.fewestOrchestras(Set.of("default", "second"), Map.of("default", 1L)))
        .contains("second");
  }

  @Test
  void onATiePrefersTheDefaultThenTheFirstByName() {
    assertThat(ServerChoice.fewestOrchestras(Set.of("default", "b", "a"), Map.of()))
        .contains("default");
    assertThat(ServerChoice.fewestOrchestras(Set.of("b", "a"), Map.of())).contains("a");
  }

  @Test
  void orchestrasWithoutAServerNameAreOnTheDefaultServer() {
    Map<String, Long> used = new HashMap<>();
    used.put(null, 2L);
    used.put("second", 1L);
    assertThat(ServerChoice.fewestOrchestras(Set.of("default", "second"), used)).contains("second");
  }

  @Test
  void noConfiguredServerGivesNothing() {
    assertThat(ServerChoice.fewestOrchestras(Set.of(), Map.of())).isEmpty();
  }
}
