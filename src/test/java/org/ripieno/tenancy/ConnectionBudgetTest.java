package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

  @Test
  void waitersAreServedInTheOrderTheyCame() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(3, Duration.ofSeconds(5));
    for (int i = 0; i < 3; i++) {
      budget.acquire("busy");
    }
    List<String> served = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiters = new ArrayList<>();
    for (String name : List.of("first", "second", "third")) {
      waiters.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  budget.acquire(name);
                  served.add(name);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
      // Longer than a waiter's retry slice, so that a waiter that re-queues loses its place.
      Thread.sleep(70);
    }
    for (int i = 0; i < 3; i++) {
      budget.release();
      Thread.sleep(30);
    }
    CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertEquals(List.of("first", "second", "third"), served);
  }

  @Test
  void aWaiterGivesUpAfterTheMaximumWaitWithAClearMessage() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofMillis(200));
    budget.acquire("busy");
    long started = System.nanoTime();
    SQLTransientConnectionException refused =
        assertThrows(SQLTransientConnectionException.class, () -> budget.acquire("waiter"));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited >= 150 && waited < 2_000, "waited " + waited + " ms");
    assertTrue(refused.getMessage().contains("ripieno.pool.ceiling"), refused.getMessage());
    assertEquals(1, budget.mostInUse());
  }

  @Test
  void aWaiterTakesTheConnectionAnotherOrchestraFreesForIt() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofSeconds(2));
    budget.acquire("idle");
    budget.reclaimWith(
        requester -> {
          budget.release();
          return true;
        });
    budget.acquire("waiter");
    assertEquals(1, budget.inUse());
  }
}
