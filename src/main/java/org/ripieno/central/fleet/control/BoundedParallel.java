package org.ripieno.central.fleet.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Runs one piece of work per item on at most {@code workers} threads at once and returns the
 * results in the items' order. The threads come from the caller's factory (a managed one inside the
 * server, plain ones in the command line) and end with the call.
 */
public final class BoundedParallel {

  private BoundedParallel() {}

  /**
   * @param work must not throw for one item's failure (return it as a result instead); an exception
   *     it throws anyway ends the whole call
   */
  public static <T, R> List<R> map(
      List<T> items, int workers, ThreadFactory threads, Function<T, R> work)
      throws InterruptedException {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, items.size()), threads);
    try {
      List<Callable<R>> tasks = new ArrayList<>();
      for (T item : items) {
        tasks.add(() -> work.apply(item));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> done : pool.invokeAll(tasks)) {
        results.add(done.get());
      }
      return results;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Plain daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... for tools. */
  public static ThreadFactory daemonThreads(String prefix) {
    return new ThreadFactory() {
      private int next;

      @Override
      public synchronized Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + ++next);
        thread.setDaemon(true);
        return thread;
      }
    };
  }
}
