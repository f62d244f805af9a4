package org.ripieno.orchestra.instruments.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ripieno.web.ProblemException;

/**
 * Checks a requested order of ids against the ids that exist, so a reorder either places every
 * member exactly once or changes nothing. Pure rules, shared by instruments, positions and ranking
 * lists.
 */
public final class Orderings {

  private Orderings() {}

  /**
   * The requested ids must be exactly the current ones (same members, each once, any order).
   *
   * @param what what is ordered, for the message ("musicians of this list")
   */
  public static List<Integer> requireExactly(
      List<Integer> requested, Collection<Integer> current, String what) {
    List<Integer> order = requireDistinct(requested, what);
    if (!new HashSet<>(order).equals(new HashSet<>(current))) {
      throw ProblemException.badRequest(
          "The order must name exactly the current {0}, each once ({1} expected, {2} given).",
          "Ordningen ska ange exakt de nuvarande {0}, var och en en gång ({1} väntade, {2}"
              + " angivna).",
          what,
          current.size(),
          order.size());
    }
    return order;
  }

  /**
   * The full order when the request must name every required id and may name optional ones (for
   * example archived instruments); what it leaves out of {@code all} follows in its current order.
   *
   * @param all every id in its current order
   * @param required the ids the request must name
   */
  public static List<Integer> arrange(
      List<Integer> requested, List<Integer> all, Collection<Integer> required, String what) {
    List<Integer> order = requireDistinct(requested, what);
    Set<Integer> named = new HashSet<>(order);
    if (!all.containsAll(named) || !named.containsAll(required)) {
      throw ProblemException.badRequest(
          "The order must name every current {0} once and nothing else.",
          "Ordningen ska ange varje nuvarande {0} en gång och inget annat.", what);
    }
    List<Integer> full = new ArrayList<>(order);
    all.stream().filter(id -> !named.contains(id)).forEach(full::add);
    return full;
  }

  private static List<Integer> requireDistinct(List<Integer> requested, String what) {
    if (requested == null || requested.stream().anyMatch(java.util.Objects::isNull)) {
      throw ProblemException.badRequest(
          "Give the {0} in their new order as a list of ids.",
          "Ange {0} i den nya ordningen som en lista med id.", what);
    }
    if (new LinkedHashSet<>(requested).size() != requested.size()) {
      throw ProblemException.badRequest(
          "The order names an id more than once.", "Ordningen anger ett id mer än en gång.");
    }
    return List.copyOf(requested);
  }
}
