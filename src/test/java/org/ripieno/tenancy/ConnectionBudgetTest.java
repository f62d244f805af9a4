package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

  @Test
  void waitersAreServedInTheOrderTheyCame() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(3, Duration.ofSeconds(5));
    ConnectionBudget.Account busy = budget.account("busy");
    for (int i = 0; i < 3; i++) {
      busy.acquire();
    }
    List<String> served = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiters = new ArrayList<>();
    for (String name : List.of("first", "second", "third")) {
      ConnectionBudget.Account waiter = budget.account(name);
      waiters.add(
          inThreadOfItsOwn(
              () -> {
                waiter.acquire();
                served.add(name);
              }));
      // Longer than a waiter's retry slice, so that a waiter that re-queues loses its place.
      Thread.sleep(70);
    }
    for (int i = 0; i < 3; i++) {
      busy.release();
      Thread.sleep(30);
    }
    CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertEquals(List.of("first", "second", "third"), served);
  }

  @Test
  void aWaiterGivesUpAfterTheMaximumWaitWithAClearMessage() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofMillis(200));
    budget.account("busy").acquire();
    ConnectionBudget.Account waiter = budget.account("waiter");
    long started = System.nanoTime();
    SQLTransientConnectionException refused =
        assertThrows(SQLTransientConnectionException.class, waiter::acquire);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited >= 150 && waited < 2_000, "waited " + waited + " ms");
    assertTrue(refused.getMessage().contains("ripieno.pool.ceiling"), refused.getMessage());
    assertEquals(1, budget.mostInUse());
  }

  @Test
  void aWaiterTakesTheConnectionAnotherOrchestraFreesForIt() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofSeconds(2));
    ConnectionBudget.Account idle = budget.account("idle");
    idle.acquire();
    budget.reclaimWith(
        requester -> {
          idle.release();
          return true;
        });
    budget.account("waiter").acquire();
    assertEquals(1, budget.inUse());
  }

  @Test
  void aClosingPoolsPermitsCountAsComingBackUntilItsConnectionsAreClosed() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(3, Duration.ofSeconds(1));
    ConnectionBudget.Account closing = budget.account("closing");
    closing.acquire();
    closing.acquire();
    ConnectionBudget.Account open = budget.account("open");
    open.acquire();

    closing.closing();
    closing.closing();
    assertEquals(2, budget.comingBack());

    closing.release();
    open.release();
    assertEquals(1, budget.comingBack());
    // A connection the pool still opened while closing is closed with it.
    closing.acquire();
    assertEquals(2, budget.comingBack());
    closing.release();
    closing.release();
    assertEquals(0, budget.comingBack());
    assertEquals(0, budget.inUse());
  }

  @Test
  void waitersCountOnTheConnectionsOfAClosingOrchestraInsteadOfClosingAnother() throws Exception {
    IdleOrchestras idle = new IdleOrchestras(new Idle("old", 2), new Idle("recent", 1));

    Waiters waiters = Waiters.behindOneThatReclaimedOld(idle);
    // The close is held back over several of the head's looks (one each 50 ms), as a pool that is
    // slow to close. Whatever the timing, a budget that counts the two connections coming back
    // never closes "recent"; one that does not closed it at the head's next look.
    Thread.sleep(300);
    idle.runCloser();

    waiters.first().get(5, TimeUnit.SECONDS);
    waiters.second().get(5, TimeUnit.SECONDS);
    assertEquals(List.of("old"), idle.reclaimed);
    assertEquals(3, idle.budget.inUse());
    assertEquals(0, idle.budget.comingBack());
  }

  @Test
  void theNextWaiterClosesAnotherOrchestraWhenNothingMoreIsComingBack() throws Exception {
    IdleOrchestras idle = new IdleOrchestras(new Idle("old", 1), new Idle("recent", 1));

    Waiters waiters = Waiters.behindOneThatReclaimedOld(idle);
    idle.runCloser();
    waiters.first().get(5, TimeUnit.SECONDS);
    // "old"'s one connection went to the first waiter: the second, now at the head, has nothing
    // coming back for it.
    assertEquals("recent", idle.nextClosing());
    idle.runCloser();

    waiters.second().get(5, TimeUnit.SECONDS);
    assertEquals(List.of("old", "recent"), idle.reclaimed);
    assertEquals(2, idle.budget.inUse());
  }

  @Test
  void aPoolClosedWhileStillHoldingAPermitDoesNotStopReclaiming() throws Exception {
    // Patience longer than the wait: only the pool's returned close can let the waiter reclaim.
    BehindAClosingPool full = new BehindAClosingPool(Duration.ofSeconds(2), Duration.ofHours(1));
    ConnectionBudget budget = full.budget;
    ConnectionBudget.Account closedPool = full.closingPool;
    // Its close returned with one connection not closed (opened too late for the pool to take it,
    // or the close was interrupted).
    closedPool.closed();
    assertEquals(0, budget.comingBack());
    budget.account("waiter").acquire();

    assertEquals(List.of("idle"), full.reclaimed);
    assertEquals(2, budget.inUse());
    // That connection, closed later after all, gives its permit back, and no more.
    closedPool.release();
    assertEquals(1, budget.inUse());
    assertEquals(0, budget.comingBack());
    budget.account("next").acquire();
    assertEquals(2, budget.inUse());
    assertEquals(List.of("idle"), full.reclaimed);
  }

  @Test
  void aClosedConnectionsPermitOnItsWayBackCountsAsComingBackOnlyFromAClosingOrClosedPool()
      throws Exception {
    ConnectionBudget budget = new ConnectionBudget(3, Duration.ofSeconds(1));
    ConnectionBudget.Account open = budget.account("open");
    ConnectionBudget.Account closing = budget.account("closing");
    open.acquire();
    closing.acquire();
    closing.acquire();

    open.departing();
    assertEquals(0, budget.comingBack(), "an open pool's connection closed for idleness");
    closing.closing();
    closing.departing();
    assertEquals(2, budget.comingBack());
    // The close returned: the connection it closed is still on its way back, the other not.
    closing.closed();
    assertEquals(1, budget.comingBack());
    // The one left open, closed later, is on its way back too.
    closing.departing();
    assertEquals(2, budget.comingBack());

    closing.departed();
    closing.departed();
    open.departed();
    assertEquals(0, budget.comingBack());
    assertEquals(0, budget.inUse());
  }

  @Test
  void anAcquireThatOutlivedItsPoolsCloseIsRefusedAndHoldsNoPermit() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, Duration.ofSeconds(5));
    ConnectionBudget.Account busy = budget.account("busy");
    busy.acquire();
    ConnectionBudget.Account closedPool = budget.account("closed");
    // Like HikariCP's adding thread, waiting in the budget while its pool is reclaimed.
    CompletableFuture<Void> adding = inThreadOfItsOwn(closedPool::acquire);
    Thread.sleep(100);
    closedPool.closing();
    closedPool.closed();
    busy.release();

    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> adding.get(5, TimeUnit.SECONDS));
    assertTrue(refused.getCause() instanceof SQLTransientConnectionException, refused.toString());
    assertEquals(0, budget.inUse());
    assertEquals(0, budget.comingBack());
  }

  @Test
  void theHeadReclaimsAnywayWhenNothingComesBackForItsPatience() throws Exception {
    // The pool's close never returns, nor gives anything back.
    BehindAClosingPool full = new BehindAClosingPool(Duration.ofSeconds(5), Duration.ofMillis(300));

    long started = System.nanoTime();
    full.budget.account("waiter").acquire();
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertEquals(List.of("idle"), full.reclaimed);
    assertTrue(waited >= 250, "reclaimed after " + waited + " ms, before its patience");
    assertEquals(1, full.budget.comingBack());
  }

  /**
   * A budget of two: one connection of a pool that is closing, one of an idle orchestra, which a
   * reclaim closes at once.
   */
  private static final class BehindAClosingPool {
    final ConnectionBudget budget;
    final ConnectionBudget.Account closingPool;
    final List<String> reclaimed = new CopyOnWriteArrayList<>();

    BehindAClosingPool(Duration maxWait, Duration patience) throws SQLException {
      budget = new ConnectionBudget(2, maxWait, patience);
      closingPool = budget.account("closing");
      closingPool.acquire();
      ConnectionBudget.Account idle = budget.account("idle");
      idle.acquire();
      budget.reclaimWith(
          requester -> {
            idle.closing();
            reclaimed.add("idle");
            idle.release();
            return true;
          });
      closingPool.closing();
    }
  }

  /** Two waiters, the second queued behind the first once the first has reclaimed "old". */
  private record Waiters(CompletableFuture<Void> first, CompletableFuture<Void> second) {
    static Waiters behindOneThatReclaimedOld(IdleOrchestras idle) throws InterruptedException {
      CompletableFuture<Void> first = acquire(idle.budget, "first");
      assertEquals("old", idle.nextClosing());
      return new Waiters(first, acquire(idle.budget, "second"));
    }
  }

  /** An idle orchestra holding connections, for the budget to reclaim. */
  private record Idle(String name, int connections) {}

  /**
   * A budget that idle orchestras fill to its ceiling, and its reclaimer, which reclaims like the
   * registry: the least recently used orchestra first, its pool marked as closing at once, and
   * closed later, when the test runs the closer.
   */
  private static final class IdleOrchestras implements ConnectionBudget.Reclaimer {
    final ConnectionBudget budget;
    private final Queue<Runnable> leastRecentlyUsedFirst = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> closer = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> closing = new LinkedBlockingQueue<>();
    final List<String> reclaimed = new CopyOnWriteArrayList<>();

    /** Least recently used first. */
    IdleOrchestras(Idle... orchestras) throws SQLException {
      budget =
          new ConnectionBudget(
              Arrays.stream(orchestras).mapToInt(Idle::connections).sum(), Duration.ofSeconds(5));
      for (Idle orchestra : orchestras) {
        ConnectionBudget.Account permits = budget.account(orchestra.name());
        for (int i = 0; i < orchestra.connections(); i++) {
          permits.acquire();
        }
        leastRecentlyUsedFirst.add(
            () -> {
              permits.closing();
              reclaimed.add(orchestra.name());
              closer.add(
                  () -> {
                    for (int i = 0; i < orchestra.connections(); i++) {
                      permits.release();
                    }
                  });
              closing.add(orchestra.name());
            });
      }
      budget.reclaimWith(this);
    }

    @Override
    public boolean reclaim(String requester) {
      Runnable next = leastRecentlyUsedFirst.poll();
      if (next == null) {
        return false;
      }
      next.run();
      return true;
    }

    /** Waits until a waiter reclaims the next orchestra, and names it. */
    String nextClosing() throws InterruptedException {
      return closing.poll(5, TimeUnit.SECONDS);
    }

    void runCloser() {
      for (Runnable close = closer.poll(); close != null; close = closer.poll()) {
        close.run();
      }
    }
  }

  private static CompletableFuture<Void> acquire(ConnectionBudget budget, String name) {
    ConnectionBudget.Account account = budget.account(name);
    return inThreadOfItsOwn(account::acquire);
  }

  private interface Work {
    void run() throws SQLException;
  }

  /** Each waiter blocks a thread of its own (a shared pool may have one thread for all). */
  private static CompletableFuture<Void> inThreadOfItsOwn(Work work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
                done.complete(null);
              } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return done;
  }
}
