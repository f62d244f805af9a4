package org.ripieno.central.orchestras.control;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Orchestras waiting to be provisioned, worked off by a fixed number of workers: a burst of
 * creations queues up instead of starting a run (and taking connections) for each. An orchestra
 * already waiting or being worked on is not queued twice. A full queue refuses; what it refused
 * stays as it is in central and is picked up by the next resuming pass.
 */
final class ProvisioningQueue implements AutoCloseable {

  private final ThreadPoolExecutor workers;
  private final Set<String> waitingOrRunning = ConcurrentHashMap.newKeySet();
  private final Consumer<String> work;

  /**
   * @param workers runs at once
   * @param capacity orchestras that may wait
   * @param threads makes the workers' threads
   * @param work one run for an orchestra id
   */
  ProvisioningQueue(int workers, int capacity, ThreadFactory threads, Consumer<String> work) {
    this.work = work;
    this.workers =
        new ThreadPoolExecutor(
            workers,
            workers,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(capacity),
            threads,
            new ThreadPoolExecutor.AbortPolicy());
    // Idle workers end, so a quiet platform keeps no threads for provisioning.
    this.workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Queues the orchestra unless it is waiting or being worked on already.
   *
   * @return false when the queue is full (or closed) and the orchestra was not queued
   */
  boolean offer(String orchestraId) {
    if (!waitingOrRunning.add(orchestraId)) {
      return true;
    }
    try {
      workers.execute(
          () -> {
            try {
              work.accept(orchestraId);
            } finally {
              waitingOrRunning.remove(orchestraId);
            }
          });
      return true;
    } catch (RejectedExecutionException full) {
      waitingOrRunning.remove(orchestraId);
      return false;
    }
  }

  /** Orchestras waiting or being worked on. */
  int size() {
    return waitingOrRunning.size();
  }

  /**
   * Stops the workers; runs in progress are interrupted, and what they leave between two steps is
   * resumed at the next start.
   */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
