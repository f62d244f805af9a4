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
 * of them could lose every race until its wait ran out. The head leaves the queue while it reclaims
 * (see {@link #reclaimOutsideTheQueue}) and queues again after it.
 */
public final class ConnectionBudget {

  /** Frees connections held by orchestras other than the requester; returns whether it did. */
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
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      if (!queue.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw exhausted();
      }
      try {
        while (!permits.tryAcquire()) {
          boolean freed = reclaimOutsideTheQueue(requester, deadline);
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw exhausted();
          }
          long wait = freed ? 0 : Math.min(left, TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
          if (permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            return;
          }
        }
      } finally {
        if (queue.isHeldByCurrentThread()) {
          queue.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("Interrupted while waiting for a connection", e);
    }
  }

  /**
   * Reclaims with the queue left: closing an idle orchestra's pool waits for that pool's own
   * connection-adding thread, which may itself be queued here, and must not wait for this one. The
   * caller then queues again for what is left of its wait.
   */
  private boolean reclaimOutsideTheQueue(String requester, long deadline)
      throws InterruptedException, SQLException {
    queue.unlock();
    boolean freed = reclaimer.reclaim(requester);
    if (!queue.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw exhausted();
    }
    return freed;
  }

  private SQLTransientConnectionException exhausted() {
    return new SQLTransientConnectionException(
        "All "
            + ceiling
            + " orchestra connections are in use (ripieno.pool.ceiling); try again shortly");
  }

  void release() {
    permits.release();
  }
}
