package org.ripieno.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load from a fixed number of workers: each sends its next call as soon as the last one
 * answered, as wrk does with one connection per worker. Latency is recorded per call; a call that
 * does not answer the expected status counts as a failure (and still as a call).
 */
final class Load {

  /** One unit of work; returns whether it went as expected. */
  @FunctionalInterface
  interface Call {
    boolean run() throws Exception;
  }

  private static final int MAX_SAMPLES_PER_WORKER = 2_000_000;

  private Load() {}

  /** An HTTP client for one worker: HTTP/1.1, so that each worker keeps its own connection. */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A GET with an optional bearer token, expecting the status. */
  static Call get(HttpClient client, URI uri, String token, int expectedStatus) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpRequest request = builder.GET().build();
    return () ->
        client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expectedStatus;
  }

  /** Creates one call per worker (each with its own client or connection). */
  @FunctionalInterface
  interface CallFactory {
    Call create(int worker) throws Exception;
  }

  /** Runs the workers for a warm-up (not recorded), then for the measured duration. */
  static Latencies run(int workers, Duration warmUp, Duration measured, CallFactory factory)
      throws Exception {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      calls.add(factory.create(i));
    }
    if (!warmUp.isZero()) {
      drive(calls, warmUp);
    }
    return drive(calls, measured);
  }

  /**
   * Several phases measured in turns: each is warmed up once, then every round runs each phase for
   * one window, so that a change in the machine's load (other builds on a shared machine) falls on
   * all of them alike. Returns each phase's windows, in rounds.
   */
  static Map<String, List<Latencies>> interleaved(
      int workers, Duration warmUp, Duration window, int rounds, Map<String, CallFactory> phases)
      throws Exception {
    Map<String, List<Call>> calls = new LinkedHashMap<>();
    for (Map.Entry<String, CallFactory> phase : phases.entrySet()) {
      List<Call> mine = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        mine.add(phase.getValue().create(i));
      }
      calls.put(phase.getKey(), mine);
      drive(mine, warmUp);
    }
    Map<String, List<Latencies>> windows = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, List<Call>> phase : calls.entrySet()) {
        windows
            .computeIfAbsent(phase.getKey(), key -> new ArrayList<>())
            .add(drive(phase.getValue(), window));
      }
    }
    return windows;
  }

  private static Latencies drive(List<Call> calls, Duration duration) throws Exception {
    int workers = calls.size();
    long[][] samples = new long[workers][];
    int[] counts = new int[workers];
    AtomicLong failures = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      samples[w] = new long[1024];
      threads.add(
          new Thread(
              () -> {
                Call call = calls.get(worker);
                long[] mine = samples[worker];
                int n = 0;
                while (!stop.get()) {
                  long started = System.nanoTime();
                  boolean ok;
                  try {
                    ok = call.run();
                  } catch (Exception e) {
                    ok = false;
                    if (errors.size() < 5) {
                      errors.add(e);
                    }
                  }
                  long took = System.nanoTime() - started;
                  if (!ok) {
                    failures.incrementAndGet();
                  }
                  if (n == mine.length && n < MAX_SAMPLES_PER_WORKER) {
                    mine = java.util.Arrays.copyOf(mine, Math.min(n * 2, MAX_SAMPLES_PER_WORKER));
                    samples[worker] = mine;
                  }
                  if (n < mine.length) {
                    mine[n++] = took;
                  }
                }
                counts[worker] = n;
              },
              "bench-load-" + w));
    }
    long started = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(duration.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    long[] all = new long[total];
    int at = 0;
    for (int w = 0; w < workers; w++) {
      System.arraycopy(samples[w], 0, all, at, counts[w]);
      at += counts[w];
    }
    if (!errors.isEmpty()) {
      System.out.println(
          "  (load: " + failures.get() + " failed calls, e.g. " + errors.get(0) + ")");
    }
    return Latencies.of(all, total, seconds, failures.get());
  }
}
