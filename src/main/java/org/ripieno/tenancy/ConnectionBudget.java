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
 *
 * <p>The permits are counted per pool ({@link Account}), so the budget knows how many a closing
 * pool still holds: they come back once its close has run, on the registry's closer thread, and the
 * {@link Departures} have seen each closed connection's backend gone. Since only the head takes
 * permits, they come back to the waiters in their order, the head first; so the head reclaims only
 * when none is coming back. Otherwise every look while a reclaimed pool was still closing (every
 * retry of the head, and each next head while the first close had not yet returned everything)
 * closed one more warm orchestra that nobody needed closed.
 *
 * <p>Counting on a permit that never comes back would stop every reclaim for good, so nothing is
 * counted on past the pool's close: once the close has returned ({@link Account#closed()}), what
 * the pool still holds open (a connection its adding thread opened too late for the pool to take,
 * or a close cut short by an interrupt) is no longer coming back, though its permit still returns
 * if that connection is closed later. The permits of the connections it did close still count until
 * the departures give them back, which they do within a bound whatever the server says: not
 * counting them let the head close one more warm orchestra for permits a few milliseconds away. And
 * should the count still not move for {@link #patience}, the head reclaims anyway.
 */
public final class ConnectionBudget {

  /**
   * Frees connections held by orchestras other than the requester; returns whether it began to. It
   * must not wait for a pool to close (the pool may wait for its own connection-adding thread,
   * which may be queued here): the freed connection's permit comes back when it is closed. The pool
   * it closes is marked {@link Account#closing()} before it returns, so that the waiters count on
   * those permits instead of asking for more.
   */
  public interface Reclaimer {
    boolean reclaim(String requester);
  }

  private static final Logger LOG = Logger.getLogger(ConnectionBudget.class.getName());

  private static final long RETRY_MILLIS = 50;

  /**
   * How long the head trusts permits coming back while none comes: a closing pool closes its idle
   * connections at once and aborts those in use, so a second in which none came back means one is
   * not coming (soon).
   */
  private static final Duration PATIENCE = Duration.ofSeconds(1);

  private final int ceiling;
  private final Semaphore permits;
  private final ReentrantLock queue = new ReentrantLock(true);
  private final Duration maxWait;
  private final AtomicInteger mostInUse = new AtomicInteger();
  private final long patience;

  /**
   * Guards every account's count and {@link #comingBack}, and is held while the head looks at the
   * free permits and then at those coming back, so that a permit given back in between is not
   * missed in both (and another orchestra closed for nothing).
   */
  private final Object accounting = new Object();

  /** The permits that pools which are closing still hold: the sum of their accounts. */
  private int comingBack;

  /**
   * When a permit last came back from a closing pool, or a pool began to close: the head reclaims
   * anyway once nothing came back for {@link #patience}.
   */
  private long comingBackMovedAt = System.nanoTime();

  private volatile Reclaimer reclaimer = requester -> false;

  public ConnectionBudget(int ceiling, Duration maxWait) {
    this(ceiling, maxWait, PATIENCE);
  }

  ConnectionBudget(int ceiling, Duration maxWait, Duration patience) {
    if (ceiling < 1) {
      throw new IllegalArgumentException("The connection ceiling must be at least 1");
    }
    this.ceiling = ceiling;
    this.permits = new Semaphore(ceiling, true);
    this.maxWait = maxWait;
    this.patience = patience.toNanos();
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

  /** The permits of one pool, whose connections open on behalf of {@code owner}. */
  Account account(String owner) {
    return new Account(owner);
  }

  /** Permits that closing pools still hold and will give back without anyone reclaiming. */
  public int comingBack() {
    synchronized (accounting) {
      return comingBack;
    }
  }

  private void recordInUse() {
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
        for (Look look = look(); look != Look.TAKEN; look = look()) {
          if (look == Look.NOTHING_CAME_BACK) {
            LOG.warning(
                () ->
                    "Orchestra connections: "
                        + comingBack()
                        + " counted as coming back from closing pools, none came back for "
                        + TimeUnit.NANOSECONDS.toMillis(patience)
                        + " ms; "
                        + waiting.requester
                        + " reclaims anyway");
          }
          if (look == Look.NONE_COMING_BACK || look == Look.NOTHING_CAME_BACK) {
            // The head keeps its place while it reclaims: reclaiming only starts closing an idle
            // orchestra's pool, and the connection that closing frees comes back to the head
            // alone (no one else takes permits).
            waiting.reclaimed(reclaimer.reclaim(waiting.requester));
          } else {
            waiting.awaitedClosing();
          }
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

  private enum Look {
    TAKEN,
    COMING_BACK,
    NONE_COMING_BACK,
    /** Some are counted as coming back, but none came for {@link #patience}. */
    NOTHING_CAME_BACK
  }

  /** Takes a free permit, or says whether a closing pool will give one back. */
  private Look look() {
    synchronized (accounting) {
      if (permits.tryAcquire()) {
        return Look.TAKEN;
      }
      if (comingBack == 0) {
        return Look.NONE_COMING_BACK;
      }
      long now = System.nanoTime();
      if (now - comingBackMovedAt < patience) {
        return Look.COMING_BACK;
      }
      // Counted as moved, so that the next reclaim for a stuck count waits as long again instead
      // of closing one more orchestra at every look.
      comingBackMovedAt = now;
      return Look.NOTHING_CAME_BACK;
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
    private int awaitedClosing;

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

    void awaitedClosing() {
      awaitedClosing++;
    }

    SQLTransientConnectionException exhausted() {
      LOG.warning(
          () ->
              String.format(
                  "Orchestra connections: %s waited %d ms without one: %d ms of it queued for its"
                      + " turn, then %d reclaims (%d began to close an idle orchestra) and %d looks"
                      + " that waited for closing pools instead; %d of %d in use, %d coming back",
                  requester,
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                  TimeUnit.NANOSECONDS.toMillis(queuedNanos),
                  reclaims,
                  freed,
                  awaitedClosing,
                  inUse(),
                  ceiling,
                  comingBack()));
      return ConnectionBudget.this.exhausted();
    }
  }

  /**
   * The permits held by one pool's connections. Once the pool is closing, they are all coming back
   * (its idle connections close at once, any in use are aborted), also those of connections it
   * still opens meanwhile, until its close has returned; from then on, only those of the
   * connections it closed whose permits the {@link Departures} have not given back yet (they come
   * back within a bound whatever happens).
   */
  final class Account {
    private final String owner;
    private int held;

    /** Of those held, the permits of connections already closed, on their way back. */
    private int departing;

    private boolean closing;
    private boolean closed;

    private Account(String owner) {
      this.owner = owner;
    }

    /** What this account adds to {@link #comingBack}; the caller holds {@link #accounting}. */
    private int comingBackHere() {
      if (closed) {
        return departing;
      }
      return closing ? held : 0;
    }

    /** Takes a permit for one new connection of this pool, waiting in turn if none is free. */
    void acquire() throws SQLException {
      refuseIfClosed();
      take(owner);
      synchronized (accounting) {
        if (closed) {
          // The pool's close returned while this waited: HikariCP would not take the connection
          // and would never close it.
          permits.release();
          throw poolClosed();
        }
        held++;
        if (closing) {
          comingBack++;
        }
      }
      recordInUse();
    }

    private void refuseIfClosed() throws SQLException {
      synchronized (accounting) {
        if (closed) {
          throw poolClosed();
        }
      }
    }

    private SQLException poolClosed() {
      return new SQLTransientConnectionException(
          "The connection pool of orchestra " + owner + " is closed");
    }

    /**
     * Gives back the permit of one connection of this pool at once: one that was never handed out,
     * or whose departure is not watched.
     */
    void release() {
      synchronized (accounting) {
        int before = comingBackHere();
        held--;
        giveBack(before);
      }
    }

    /**
     * One connection of this pool is closed, its permit on its way back ({@link #departed()}
     * follows, once): counted as coming back if the pool's close has returned, as it already is
     * while the pool is closing.
     */
    void departing() {
      synchronized (accounting) {
        int before = comingBackHere();
        departing++;
        recount(before);
      }
    }

    /** The permit of a connection {@link #departing()} comes back. */
    void departed() {
      synchronized (accounting) {
        int before = comingBackHere();
        held--;
        departing--;
        giveBack(before);
      }
    }

    private void giveBack(int comingBackBefore) {
      recount(comingBackBefore);
      permits.release();
    }

    /**
     * Brings {@link #comingBack} in line with this account after a change, counting a change as the
     * count moving; the caller holds {@link #accounting}.
     */
    private void recount(int comingBackBefore) {
      int change = comingBackHere() - comingBackBefore;
      if (change != 0) {
        comingBack += change;
        comingBackMovedAt = System.nanoTime();
      }
    }

    /** Whether the pool's close has begun: a connection it opens now would never be used. */
    boolean isClosing() {
      synchronized (accounting) {
        return closing;
      }
    }

    /**
     * Marks the pool as closing, before its close runs, so that waiters count on its permits
     * instead of closing another pool for them; a second call changes nothing.
     */
    void closing() {
      synchronized (accounting) {
        if (!closing) {
          closing = true;
          comingBack += held;
          comingBackMovedAt = System.nanoTime();
        }
      }
    }

    /**
     * The pool's close has returned (also when it was cut short): what it still holds open is no
     * longer counted as coming back, so that a permit it never gives back cannot stop every
     * reclaim; what it closed still is, until the departures give it back. A connection closed
     * later still gives its permit back (once: {@link #release()} or {@link #departed()} is called
     * once per connection); the pool opens no more.
     */
    void closed() {
      synchronized (accounting) {
        if (closed) {
          return;
        }
        int before = comingBackHere();
        closed = true;
        closing = true;
        comingBack += comingBackHere() - before;
      }
    }
  }
}
