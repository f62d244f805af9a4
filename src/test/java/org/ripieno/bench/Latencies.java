package org.ripieno.bench;

import java.util.Arrays;

/** Latencies of one measured phase, in nanoseconds, and what a report shows of them. */
record Latencies(long count, double seconds, long[] sortedNanos, long failures) {

  static Latencies of(long[] nanos, int count, double seconds, long failures) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Latencies(count, seconds, sorted, failures);
  }

  /** Several windows as one: all their calls, their time added up. */
  static Latencies merged(java.util.List<Latencies> windows) {
    int total = 0;
    for (Latencies window : windows) {
      total += window.sortedNanos().length;
    }
    long[] all = new long[total];
    int at = 0;
    long count = 0;
    double seconds = 0;
    long failures = 0;
    for (Latencies window : windows) {
      System.arraycopy(window.sortedNanos(), 0, all, at, window.sortedNanos().length);
      at += window.sortedNanos().length;
      count += window.count();
      seconds += window.seconds();
      failures += window.failures();
    }
    Arrays.sort(all);
    return new Latencies(count, seconds, all, failures);
  }

  double perSecond() {
    return count / seconds;
  }

  /** The quantile in milliseconds (nearest rank). */
  double millis(double quantile) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(quantile * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1e6;
  }

  double p50() {
    return millis(0.50);
  }

  double p99() {
    return millis(0.99);
  }
}
