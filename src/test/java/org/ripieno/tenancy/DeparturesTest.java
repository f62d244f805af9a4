package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeparturesTest {

  private static final DatabaseAddress CENTRAL = new DatabaseAddress("Db.example", 5432, "central");

  private static final Duration BOUND = Duration.ofMillis(100);

  /** Longer than any wait a test expects to pass. */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** Whether the fake server still lists every backend asked about. */
  private final AtomicBoolean listed = new AtomicBoolean(true);

  /** The pids of each question, in order. */
  private final List<Set<Integer>> questions = new CopyOnWriteArrayList<>();

  private final AtomicInteger givenBack = new AtomicInteger();

  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();

  private final Handler warningsHandler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Departures departures = new Departures(CENTRAL, this::answer, BOUND);

  private Set<Integer> answer(Collection<Integer> pids) {
    questions.add(Set.copyOf(pids));
    return listed.get() ? Set.copyOf(pids) : Set.of();
  }

  @BeforeEach
  void listenForWarnings() {
    Logger.getLogger(Departures.class.getName()).addHandler(warningsHandler);
  }

  @AfterEach
  void stop() {
    departures.close();
    Logger.getLogger(Departures.class.getName()).removeHandler(warningsHandler);
  }

  @Test
  void connectionsToCentralsServerAreWatchedWhateverTheirDatabase() {
    assertThat(departures.on(new DatabaseAddress("db.example", 5432, "orchestra_x")))
        .isSameAs(departures);
  }

  @Test
  void connectionsToAnotherServerAreNotWatched() {
    assertThat(departures.on(new DatabaseAddress("db.example", 5433, "central")))
        .isSameAs(Departures.NONE);
    assertThat(departures.on(new DatabaseAddress("other.example", 5432, "central")))
        .isSameAs(Departures.NONE);
    assertThat(Departures.NONE.on(new DatabaseAddress("db.example", 5432, "central")))
        .isSameAs(Departures.NONE);
  }

  @Test
  void aConnectionWithoutAPidIsGivenBackAtOnceWithoutAsking() {
    departures.depart(Departures.NOT_WATCHED, givenBack::incrementAndGet);

    assertThat(givenBack).hasValue(1);
    assertThat(questions).isEmpty();
  }

  @Test
  void departingReturnsAtOnceAndThePermitComesBackOnlyOnceTheBackendIsNoLongerListed()
      throws InterruptedException {
    departures.depart(4242, givenBack::incrementAndGet);

    assertThat(givenBack).as("given back while the server still lists the backend").hasValue(0);
    await(() -> questions.size() >= 2);
    assertThat(givenBack).hasValue(0);
    listed.set(false);
    await(() -> givenBack.get() == 1);
    assertThat(departures.pendingCount()).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void theBackendsPendingAreAskedAboutInOneQuestion() throws InterruptedException {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    departures =
        new Departures(
            CENTRAL,
            pids -> {
              asked.countDown();
              await(answer);
              return answer(pids);
            },
            PATIENCE);
    departures.depart(1, givenBack::incrementAndGet);
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    departures.depart(2, givenBack::incrementAndGet);
    departures.depart(3, givenBack::incrementAndGet);
    listed.set(false);

    answer.countDown();

    await(() -> givenBack.get() == 3);
    assertThat(questions).contains(Set.of(2, 3));
    assertThat(questions).allSatisfy(pids -> assertThat(pids).isNotEmpty());
  }

  @Test
  void aBackendStillListedAfterTheBoundIsGivenBackAnywayWithAWarning() throws InterruptedException {
    long started = System.nanoTime();
    departures.depart(4242, givenBack::incrementAndGet);

    await(() -> givenBack.get() == 1);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(BOUND);
    // Warned right after the permit came back.
    await(() -> !warnings.isEmpty());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("backend 4242 still listed in pg_stat_activity")
        .contains("given back anyway");
    Thread.sleep(50);
    assertThat(givenBack).hasValue(1);
  }

  @Test
  void aQuestionLongerThanTheBoundBlocksNoCloseAndDelaysNoPermitBeyondTheBoundAndItsTimeout()
      throws InterruptedException {
    Duration checkTimeout = Duration.ofMillis(300);
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    departures =
        new Departures(
            CENTRAL,
            pids -> {
              asked.countDown();
              // A server that does not answer: the listing gives up after its own timeout.
              if (!awaited(never, checkTimeout)) {
                throw new SQLTimeoutException(
                    "no answer within " + checkTimeout.toMillis() + " ms");
              }
              return Set.copyOf(pids);
            },
            BOUND);
    long started = System.nanoTime();
    departures.depart(1, givenBack::incrementAndGet);
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    long secondAt = System.nanoTime();
    departures.depart(2, givenBack::incrementAndGet);
    long handedOver = System.nanoTime() - secondAt;

    await(() -> givenBack.get() == 2);

    assertThat(Duration.ofNanos(handedOver)).isLessThan(Duration.ofMillis(50));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(BOUND.plus(checkTimeout).plusMillis(200));
    // Warned right after the permit came back.
    await(() -> !warnings.isEmpty());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("could not ask whether 2 backends are still listed")
        .contains("no answer within 300 ms");
  }

  @Test
  void aFailedQuestionGivesBackWhatIsPendingWithAWarningAndPermitsComeBackAtOnceForAWhile()
      throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();
    departures =
        new Departures(
            CENTRAL,
            pids -> {
              asked.incrementAndGet();
              throw new SQLException("Connection refused", "08001");
            },
            PATIENCE,
            PATIENCE);
    departures.depart(4242, givenBack::incrementAndGet);
    await(() -> givenBack.get() == 1);

    departures.depart(4343, givenBack::incrementAndGet);
    await(() -> givenBack.get() == 2);

    assertThat(asked).as("asked again while central failed moments ago").hasValue(1);
    // Warned right after the permit came back.
    await(() -> !warnings.isEmpty());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("could not ask whether backend 4242 is still listed")
        .contains("Connection refused");
  }

  @Test
  void closingGivesBackWhatIsPendingStopsTheThreadAndLaterDeparturesComeBackAtOnce()
      throws InterruptedException {
    AtomicInteger closed = new AtomicInteger();
    departures =
        new Departures(
            CENTRAL,
            new Departures.Listing() {
              @Override
              public Set<Integer> stillListed(Collection<Integer> pids) {
                return answer(pids);
              }

              @Override
              public void close() {
                closed.incrementAndGet();
              }
            },
            PATIENCE);
    departures.depart(4242, givenBack::incrementAndGet);
    await(() -> !questions.isEmpty());
    assertThat(givenBack).hasValue(0);

    departures.close();

    assertThat(givenBack).hasValue(1);
    assertThat(closed).as("the listing's connection closed, by its thread as it ended").hasValue(1);
    departures.depart(4343, givenBack::incrementAndGet);
    assertThat(givenBack).hasValue(2);
    departures.close();
    assertThat(givenBack).hasValue(2);
  }

  @Test
  void anInterruptedClosingThreadHandsItsDepartureOverAndKeepsTheInterrupt()
      throws InterruptedException {
    Thread.currentThread().interrupt();
    try {
      departures.depart(4242, givenBack::incrementAndGet);

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    await(() -> questions.size() >= 2);
    assertThat(givenBack).hasValue(0);
    listed.set(false);
    await(() -> givenBack.get() == 1);
  }

  @Test
  void watchingNothingStartsNoThread() {
    Departures.NONE.depart(Departures.NOT_WATCHED, givenBack::incrementAndGet);
    Departures.NONE.close();
    Departures.NONE.depart(Departures.NOT_WATCHED, givenBack::incrementAndGet);

    assertThat(givenBack).hasValue(2);
  }

  private static boolean awaited(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("not within " + PATIENCE).isNegative();
      Thread.sleep(1);
    }
  }
}
