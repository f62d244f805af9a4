package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ripieno.launcher.EmbeddedDatabase;
import org.ripieno.testing.TestPostgres;

/**
 * Fault drills on the orchestra registry itself, without an application boot: one orchestra on the
 * machine's PostgreSQL, one on a second server (the embedded PostgreSQL, started and stopped by the
 * test). While the second server is down its orchestra is refused fast with a clear reason and the
 * first is served; when it comes back it is served again by itself; a restart under load fails only
 * the calls made during the outage; an exhausted pool refuses the excess as busy, never hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

  /** What the issue promises for the first call to a database that went away. */
  private static final Duration FIRST_REFUSAL = Duration.ofSeconds(5);

  /** Later calls are refused by the breaker without trying the database. */
  private static final Duration LATER_REFUSAL = Duration.ofMillis(500);

  private final TestPostgres postgres = new TestPostgres();
  private final Path embeddedHome = Path.of("target/it-data/outage-drill");
  private EmbeddedDatabase.Started embedded;
  private DatabaseLogin embeddedServer;
  private OrchestraRoute onMachine;
  private OrchestraRoute onEmbedded;
  private OrchestraRegistry registry;

  @BeforeAll
  void startServersAndOrchestras() throws Exception {
    Files.createDirectories(embeddedHome);
    embedded = EmbeddedDatabase.open(embeddedHome);
    embeddedServer =
        new DatabaseLogin(
            DatabaseAddress.parse(embedded.url()).withDatabase("postgres"),
            EmbeddedDatabase.USER,
            null,
            "ripieno:drill");
    String embeddedName = postgres.uniqueName("emb");
    DatabaseLogin embeddedDatabase =
        OrchestraDatabases.create(embeddedServer, embeddedName, "orch-emb");
    DatabaseLogin machineDatabase = postgres.createOrchestra("mach", "orch-mach");
    onMachine = new OrchestraRoute("orch-mach", "mach", machineDatabase);
    onEmbedded = new OrchestraRoute("orch-emb", "emb", embeddedDatabase);
    registry =
        new OrchestraRegistry(
            new RegistrySettings(2, 10, Duration.ofMinutes(5), Duration.ofSeconds(3), false));
  }

  @AfterAll
  void stopEverything() throws Exception {
    try {
      if (registry != null) {
        registry.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    } finally {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void aStoppedServerIsRefusedFastWhileTheOtherServerServesAndItRecoversByItself()
      throws Exception {
    assertThat(countMusicians(onEmbedded)).isZero();
    assertThat(countMusicians(onMachine)).isZero();

    embedded.close();
    long started = System.nanoTime();
    Throwable first = catchThrowable(() -> countMusicians(onEmbedded));
    Duration firstTook = since(started);
    assertThat(unavailable(first).publicDetail())
        .isEqualTo(OrchestraUnavailableException.UNAVAILABLE);
    assertThat(firstTook).isLessThan(FIRST_REFUSAL);

    started = System.nanoTime();
    Throwable second = catchThrowable(() -> countMusicians(onEmbedded));
    assertThat(unavailable(second)).isNotNull();
    assertThat(since(started)).as("refused by the breaker").isLessThan(LATER_REFUSAL);
    assertThat(registry.isRefusing(onEmbedded)).isTrue();

    // The other server's orchestra does not notice.
    for (int i = 0; i < 5; i++) {
      started = System.nanoTime();
      assertThat(countMusicians(onMachine)).isZero();
      assertThat(since(started)).isLessThan(Duration.ofSeconds(2));
    }

    embedded = EmbeddedDatabase.open(embeddedHome);
    assertThat(awaitServed(onEmbedded, Duration.ofSeconds(20))).isZero();
    assertThat(registry.isRefusing(onEmbedded)).isFalse();
  }

  @Test
  @Order(2)
  void aRestartUnderLoadFailsOnlyTheCallsDuringTheOutage() throws Exception {
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> refusedAt = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> servedAt = new ConcurrentLinkedQueue<>();
    List<Future<?>> loads = new ArrayList<>();
    CountDownLatch warmedUp = new CountDownLatch(workers);
    for (int i = 0; i < workers; i++) {
      loads.add(
          pool.submit(
              () -> {
                boolean counted = false;
                while (running.get()) {
                  long at = System.nanoTime();
                  try {
                    countMusicians(onEmbedded);
                    servedAt.add(System.nanoTime());
                    if (!counted) {
                      warmedUp.countDown();
                      counted = true;
                    }
                  } catch (RuntimeException other) {
                    // Refused, or a query whose connection died under it: nothing else.
                    if (causeOf(other, OrchestraUnavailableException.class)
                        || DatabaseFailures.isUnreachable(other)) {
                      refusedAt.add(at);
                    } else {
                      unexpected.add(other);
                    }
                    pause(50);
                  }
                }
              }));
    }
    assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();

    long down = System.nanoTime();
    embedded.close();
    embedded = EmbeddedDatabase.open(embeddedHome);
    long up = System.nanoTime();
    awaitServed(onEmbedded, Duration.ofSeconds(20));
    long recovered = System.nanoTime();
    // Everything after recovery is served.
    servedAt.clear();
    int refusedBefore = refusedAt.size();
    Thread.sleep(2_000);
    running.set(false);
    for (Future<?> load : loads) {
      load.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    System.out.printf(
        "Restart under load: down for %d ms, recovered %d ms after, %d calls refused, %d served"
            + " after recovery%n",
        (up - down) / 1_000_000, (recovered - up) / 1_000_000, refusedAt.size(), servedAt.size());
    assertThat(unexpected).isEmpty();
    assertThat(refusedAt).as("the outage was noticed").isNotEmpty();
    assertThat(refusedAt).allSatisfy(at -> assertThat(at - recovered).isNegative());
    assertThat(refusedAt.size()).as("no refusal after recovery").isEqualTo(refusedBefore);
    assertThat(servedAt).isNotEmpty();
  }

  @Test
  @Order(3)
  void anExhaustedPoolRefusesTheExcessAsBusyAndServesTheRest() throws Exception {
    // Both connections of the machine orchestra's pool (2) held by open transactions.
    List<EntityManager> holders = new ArrayList<>();
    List<OrchestraRegistry.Lease> leases = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        OrchestraRegistry.Lease lease = registry.lease(onMachine);
        leases.add(lease);
        EntityManager holder = lease.createEntityManager();
        holders.add(holder);
        holder.getTransaction().begin();
        holder.createNativeQuery("select count(*) from \"Musician\"").getSingleResult();
      }
      long started = System.nanoTime();
      Throwable excess = catchThrowable(() -> countMusicians(onMachine));
      Duration took = since(started);
      assertThat(excess).isNotNull();
      assertThat(causeOf(excess, OrchestraUnavailableException.class))
          .as("busy, not unavailable")
          .isFalse();
      assertThat(causeOf(excess, SQLTransientConnectionException.class)).isTrue();
      assertThat(took).as("never a hang").isLessThan(FIRST_REFUSAL);
      assertThat(registry.isRefusing(onMachine)).as("busy does not open the breaker").isFalse();
      // The other orchestra is served meanwhile.
      assertThat(countMusicians(onEmbedded)).isZero();
    } finally {
      for (EntityManager holder : holders) {
        holder.getTransaction().rollback();
        holder.close();
      }
      leases.forEach(OrchestraRegistry.Lease::close);
    }
    assertThat(countMusicians(onMachine)).isZero();
  }

  private long countMusicians(OrchestraRoute route) {
    return RegistryReads.countMusicians(registry, route);
  }

  private long awaitServed(OrchestraRoute route, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return countMusicians(route);
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }

  private static OrchestraUnavailableException unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OrchestraUnavailableException unavailable) {
        return unavailable;
      }
    }
    throw new AssertionError("Not refused as unavailable", failure);
  }

  private static boolean causeOf(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
