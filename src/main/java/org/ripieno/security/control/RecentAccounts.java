package org.ripieno.security.control;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Accounts as central gave them to a request of this instance, reused by the requests of the same
 * account that follow within {@code lifetime}: a front end's page load makes several calls at once,
 * and a busy client many per second, and each would otherwise read the same row again.
 *
 * <p>What a change may take to be seen is bounded by {@code lifetime}, counted from when the read
 * began (a row read just before a change is at most that old when it is last used). A change made
 * through this instance is seen at once: {@link #forgetAll()} runs once its transaction has ended,
 * and an account read before it (or while it ran, which may have seen the row as it was) is not
 * used again, even if it was put after.
 *
 * @param <V> what is kept for an account
 */
final class RecentAccounts<V> {

  /** Past this many, expired entries are dropped; if that is not enough, all are. */
  static final int CAPACITY = 10_000;

  /** An account as read at {@code readAt}, when {@link #changes} stood at {@code changesBefore}. */
  private record Entry<V>(V value, long readAt, long changesBefore) {}

  private final long lifetime;
  private final LongSupplier nanoClock;
  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

  /** Moves at every {@link #forgetAll()}: an account read before must not be used again. */
  private final AtomicLong changes = new AtomicLong();

  RecentAccounts(Duration lifetime) {
    this(lifetime, System::nanoTime);
  }

  RecentAccounts(Duration lifetime, LongSupplier nanoClock) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("The lifetime of a recent account cannot be negative");
    }
    this.lifetime = lifetime.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * The account read within the lifetime, or {@code read}'s answer now. An absent account is not
   * kept: only an account that exists is worth a second look.
   */
  Optional<V> get(String accountId, Supplier<Optional<V>> read) {
    if (lifetime == 0) {
      return read.get();
    }
    long now = nanoClock.getAsLong();
    Entry<V> kept = entries.get(accountId);
    long changesNow = changes.get();
    if (kept != null && kept.changesBefore() == changesNow && now - kept.readAt() < lifetime) {
      return Optional.of(kept.value());
    }
    Optional<V> value = read.get();
    if (value.isPresent()) {
      // Kept even when a change ended meanwhile: its count no longer matches, so it is never used,
      // and the next read replaces it.
      entries.put(accountId, new Entry<>(value.get(), now, changesNow));
      if (entries.size() > CAPACITY) {
        dropExpired();
      }
    }
    return value;
  }

  /** Forgets every account: something central authentication reads has just changed. */
  void forgetAll() {
    changes.incrementAndGet();
    entries.clear();
  }

  /** How many accounts are kept now. */
  int size() {
    return entries.size();
  }

  private void dropExpired() {
    long now = nanoClock.getAsLong();
    entries.values().removeIf(entry -> now - entry.readAt() >= lifetime);
    if (entries.size() > CAPACITY) {
      entries.clear();
    }
  }
}
