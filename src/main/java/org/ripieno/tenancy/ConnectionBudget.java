package org.ripieno.tenancy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ceiling on the physical connections of all orchestra pools together. HikariCP caps each pool
 * but has no cap across pools, so every physical orchestra connection takes a permit here when it
 * is opened and gives it back when it is closed. When none is left, the registry is asked to free
 * some (idle orchestras first) and the caller waits a bounded time.
 */
public final class ConnectionBudget {

  /** Frees connections held by orchestras other than the requester; returns whether it did. */
  public interface Reclaimer {
    boolean reclaim(String requester);
  }

  private static final long RETRY_MILLIS = 50;

  private final int ceiling;
  private final Semaphore permits;
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
    mostInUse.accumulateAndGet(inUse(), Math::max);
  }

  private void take(String requester) throws SQLException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (!permits.tryAcquire()) {
        boolean freed = reclaimer.reclaim(requester);
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTransientConnectionException(
              "All "
                  + ceiling
                  + " orchestra connections are in use (ripieno.pool.ceiling); try again shortly");
        }
        long wait = freed ? 0 : Math.min(left, TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
        if (permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("Interrupted while waiting for a connection", e);
    }
  }

  void release() {
    permits.release();
  }
}
