package org.ripieno.tenancy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * One ceiling on the physical connections of all orchestra pools together. HikariCP caps each pool
 * but has no cap across pools, so every physical orchestra connection takes a permit here when it
 * is opened and gives it back when it is closed. When none is left, the registry is asked to free
 * some (idle orchestras first) and the caller waits a bounded time.
 *
 * <p>Waiters are served in turn: they queue on a fair lock, and only the head of the queue takes
 * permits. A semaphore alone is not enough: its waiters give up their place at every retry, and a
 * caller arriving just as a permit came back took it, so with many orchestras opening at once one
 * of them could lose every race until its wait ran out. The head also keeps its place while it
 * reclaims (the {@link Reclaimer} only starts closing an idle pool), so the connection it frees
 * comes back to it: a head that left the queue to reclaim and queued again behind the others handed
 * what it freed to the next head, and in figure 3 of the benchmark one opening went without a
 * connection for its whole wait while 94 others opened.
 */
public final class ConnectionBudget {

  /**
   * Frees connections held by orchestras other than the requester; returns whether it began to. It
   * must not wait for a pool to close (the pool may wait for its own connection-adding thread,
   * which may be queued here): the freed connection's permit comes back when it is closed.
   */
  public interface Reclaimer {
    boolean reclaim(String requester);
  }

  private static final Logger LOG = Logger.getLogger(ConnectionBudget.class.getName());

  private static final long RETRY_MILLIS = 50;

  private final int ceiling;
  private final Semaphore permits;
  private final ReentrantLock queue = new ReentrantLock(true);
  private final Duration maxWait;
  private final AtomicInteger mostInUse = new AtomicInteger();
  private volatile Reclaimer reclaimer = requester -> false;

  public ConnectionBudget(int ceiling, Duration maxWait) {
    if (ceiling < 1) {
      throw new IllegalArgumentException("The connection ceiling must be at least 1");
    }
    this.ceiling = ceiling;
    this.permits = new Semaphore(ceiling, true);
    this.maxWait = maxWait;
  }

  void reclaimWith(Reclaimer reclaimer) {
    this.reclaimer = reclaimer;
  }

  public int ceiling() {
    return ceiling;
  }

  /** Physical orchestra connections open right now. */
  public int inUse() {
    return ceiling - permits.availablePermits();
  }

  /** The most physical orchestra connections that were open at once. */
  public int mostInUse() {
    return mostInUse.get();
  }

  void acquire(String requester) throws SQLException {
    take(requester);
    int now = inUse();
    int before = mostInUse.getAndAccumulate(now, Math::max);
    if (now > before) {
      // At most one line per connection of the ceiling in a process's life: how close this
      // instance came to its budget, for an operator sizing it (and for the benchmark's figure 3).
      LOG.info(
          () ->
              "Orchestra connections: "
                  + now
                  + " open at once, the most so far (ripieno.pool.ceiling "
                  + ceiling
                  + ")");
    }
  }

  private void take(String requester) throws SQLException {
    Waiting waiting = new Waiting(requester, System.nanoTime() + maxWait.toNanos());
    try {
      waiting.queue(maxWait.toNanos());
      try {
        while (!permits.tryAcquire()) {
          // The head keeps its place while it reclaims: reclaiming only starts closing an idle
          // orchestra's pool, and the connection that closing frees comes back to the head alone
          // (no one else waits on the permits).
          waiting.reclaimed(reclaimer.reclaim(waiting.requester));
          long left = waiting.deadline - System.nanoTime();
          if (left <= 0) {
            throw waiting.exhausted();
          }
          long wait = Math.min(left, TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
          if (permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            return;
          }
        }
      } finally {
        queue.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("Interrupted while waiting for a connection", e);
    }
  }

  private SQLTransientConnectionException exhausted() {
    return new SQLTransientConnectionException(
        "All "
            + ceiling
            + " orchestra connections are in use (ripieno.pool.ceiling); try again shortly");
  }

  /** One caller's wait, so that a wait that runs out says where its time went. */
  private final class Waiting {
    private final String requester;
    private final long started = System.nanoTime();
    private final long deadline;
    private long queuedNanos;
    private int reclaims;
    private int freed;

    Waiting(String requester, long deadline) {
      this.requester = requester;
      this.deadline = deadline;
    }

    void queue(long timeoutNanos) throws InterruptedException, SQLException {
      long asked = System.nanoTime();
      boolean locked = queue.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
      queuedNanos += System.nanoTime() - asked;
      if (!locked) {
        throw exhausted();
      }
    }

    void reclaimed(boolean freedOne) {
      reclaims++;
      if (freedOne) {
        freed++;
      }
    }

    SQLTransientConnectionException exhausted() {
      LOG.warning(
          () ->
              String.format(
                  "Orchestra connections: %s waited %d ms without one: %d ms of it queued for its"
                      + " turn, then %d reclaims (%d began to close an idle orchestra); %d of %d"
                      + " in use",
                  requester,
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                  TimeUnit.NANOSECONDS.toMillis(queuedNanos),
                  reclaims,
                  freed,
                  inUse(),
                  ceiling));
      return ConnectionBudget.this.exhausted();
    }
  }

  void release() {
    permits.release();
  }
}
