package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProvisioningQueueTest {

  @Test
  void noMoreRunsAtOnceThanWorkersHoweverManyAreQueued() throws InterruptedException {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(40);
    try (ProvisioningQueue queue =
        new ProvisioningQueue(
            3,
            100,
            Executors.defaultThreadFactory(),
            id -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              sleep(5);
              running.decrementAndGet();
              done.countDown();
            })) {
      for (int i = 0; i < 40; i++) {
        assertThat(queue.offer("o" + i)).isTrue();
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(most.get()).isEqualTo(3);
  }

  @Test
  void anOrchestraWaitingOrBeingWorkedOnIsNotQueuedTwice() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<String> runs = new CopyOnWriteArrayList<>();
    try (ProvisioningQueue queue =
        new ProvisioningQueue(
            1,
            10,
            Executors.defaultThreadFactory(),
            id -> {
              runs.add(id);
              await(release);
            })) {
      queue.offer("a");
      queue.offer("b");
      queue.offer("a");
      queue.offer("b");
      assertThat(queue.size()).isEqualTo(2);
      release.countDown();
      awaitEmpty(queue);
      queue.offer("a");
      awaitEmpty(queue);
    }
    assertThat(runs).containsExactly("a", "b", "a");
  }

  @Test
  void aFullQueueRefusesAndForgetsWhatItRefused() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (ProvisioningQueue queue =
        new ProvisioningQueue(1, 1, Executors.defaultThreadFactory(), id -> await(release))) {
      // The first goes straight to the worker, the second waits, the third finds no room.
      assertThat(queue.offer("running")).isTrue();
      assertThat(queue.offer("waiting")).isTrue();
      assertThat(queue.offer("refused")).isFalse();
      assertThat(queue.size()).isEqualTo(2);
      release.countDown();
      awaitEmpty(queue);
      assertThat(queue.offer("refused")).isTrue();
    }
  }

  private static void awaitEmpty(ProvisioningQueue queue) {
    for (int i = 0; i < 500 && queue.size() > 0; i++) {
      sleep(10);
    }
    assertThat(queue.size()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
