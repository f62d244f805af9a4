package org.ripieno.central.orchestras.control;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ripieno.config.RipienoSettings;

/** Where a new orchestra's database goes when the create call names no server. */
final class ServerChoice {

  private ServerChoice() {}

  /**
   * The configured server holding the fewest orchestras; on a tie the default server, then the
   * first by name, so that the choice is predictable.
   *
   * @param used orchestras per server name (a null name counts as the default server)
   */
  static Optional<String> fewestOrchestras(Set<String> configured, Map<String, Long> used) {
    return configured.stream()
        .min(
            Comparator.<String>comparingLong(server -> count(server, used))
                .thenComparing(server -> !RipienoSettings.DEFAULT_SERVER.equals(server))
                .thenComparing(Comparator.naturalOrder()));
  }

  private static long count(String server, Map<String, Long> used) {
    boolean isDefault = RipienoSettings.DEFAULT_SERVER.equals(server);
    return used.entrySet().stream()
        .filter(e -> server.equals(e.getKey()) || (isDefault && e.getKey() == null))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
