package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeparturesTest {

  private final AtomicInteger questions = new AtomicInteger();

  private final Departures onCentral =
      new Departures(
          new DatabaseAddress("Db.example", 5432, "central"),
          pid -> questions.incrementAndGet() > 0,
          Duration.ofSeconds(5));

  @Test
  void connectionsToCentralsServerAreWatchedWhateverTheirDatabase() {
    assertThat(onCentral.on(new DatabaseAddress("db.example", 5432, "orchestra_x")))
        .isSameAs(onCentral);
  }

  @Test
  void connectionsToAnotherServerAreNotWatched() {
    assertThat(onCentral.on(new DatabaseAddress("db.example", 5433, "central")))
        .isSameAs(Departures.NONE);
    assertThat(onCentral.on(new DatabaseAddress("other.example", 5432, "central")))
        .isSameAs(Departures.NONE);
    assertThat(Departures.NONE.on(new DatabaseAddress("db.example", 5432, "central")))
        .isSameAs(Departures.NONE);
  }

  @Test
  void aConnectionWithoutAPidIsNotWaitedFor() {
    onCentral.awaitGone(Departures.NOT_WATCHED);

    assertThat(questions).hasValue(0);
  }

  @Test
  void anInterruptedWaitEndsAtOnceAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      long started = System.nanoTime();
      onCentral.awaitGone(4242);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(questions).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
