package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReclaimOrderTest {

  private final Map<String, Long> lastUsed = Map.of("old", 1L, "middle", 2L, "recent", 3L);
  private final List<String> tried = new ArrayList<>();

  @Test
  void theLeastRecentlyUsedIsClosedFirst() {
    assertTrue(reclaim(Set.of()));
    assertEquals(List.of("old"), tried);
  }

  @Test
  void anOrchestraAnotherCallerClosedFirstIsPassedOverForTheNext() {
    assertTrue(reclaim(Set.of("old")));
    assertEquals(List.of("old", "middle"), tried);
  }

  @Test
  void onlyWhenNoneCanBeClosedIsNothingReclaimed() {
    assertFalse(reclaim(Set.of("old", "middle", "recent")));
    assertEquals(List.of("old", "middle", "recent"), tried);
  }

  private boolean reclaim(Set<String> closedMeanwhile) {
    return OrchestraRegistry.closeLeastRecentlyUsed(
        List.of("recent", "old", "middle"),
        lastUsed::get,
        orchestra -> {
          tried.add(orchestra);
          return !closedMeanwhile.contains(orchestra);
        });
  }
}
