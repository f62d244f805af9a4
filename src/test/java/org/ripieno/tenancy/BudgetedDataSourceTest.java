package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class BudgetedDataSourceTest {

  private final ConnectionBudget budget = new ConnectionBudget(2, Duration.ofMillis(100));

  /** Like pgjdbc: abort hands the closing to the executor and returns. */
  private final List<Runnable> abortTasks = new ArrayList<>();

  private boolean physicallyClosed;

  private static final int BACKEND = 4242;

  private static final DatabaseAddress CENTRAL = new DatabaseAddress("db", 5432, "central");

  private static final DatabaseAddress ORCHESTRA = new DatabaseAddress("DB", 5432, "orch");

  /** The backend pid of the connections the fake opens; none: not pgjdbc's. */
  private Integer backendPid = BACKEND;

  /** Whether the server still lists the backend, as the departures' listing is told. */
  private final AtomicBoolean listed = new AtomicBoolean(true);

  /** The pids the listing was asked about, one per pid and question. */
  private final List<Integer> asked = new CopyOnWriteArrayList<>();

  private final CountDownLatch askedTwice = new CountDownLatch(2);

  private final Departures departures =
      new Departures(
          CENTRAL,
          pids -> {
            asked.addAll(pids);
            pids.forEach(pid -> askedTwice.countDown());
            return listed.get() ? Set.copyOf(pids) : Set.of();
          },
          Duration.ofSeconds(5));

  /** Other departures a test makes; all closed after it. */
  private final List<Departures> others = new ArrayList<>();

  @AfterEach
  void stopDepartures() {
    departures.close();
    others.forEach(Departures::close);
  }

  @Test
  void anAbortedConnectionHoldsItsPermitUntilTheAbortHasClosedIt() throws SQLException {
    Connection connection = budgeted().getConnection();
    List<Runnable> queued = new ArrayList<>();

    connection.abort(queued::add);

    assertEquals(1, budget.inUse(), "given back before the connection was closed");
    queued.forEach(Runnable::run);
    assertEquals(true, physicallyClosed);
    assertEquals(0, budget.inUse());
  }

  @Test
  void anAbortTheExecutorRefusesGivesThePermitBackAtOnce() throws SQLException {
    Connection connection = budgeted().getConnection();
    Executor refusing =
        task -> {
          throw new RejectedExecutionException("shut down");
        };

    assertThrows(RejectedExecutionException.class, () -> connection.abort(refusing));

    assertEquals(0, budget.inUse());
  }

  @Test
  void aConnectionClosedThenAbortedGivesOnePermitBack() throws SQLException {
    Connection first = budgeted().getConnection();
    budgeted().getConnection();

    first.close();
    first.abort(Runnable::run);
    first.close();

    assertEquals(1, budget.inUse());
  }

  @Test
  void aConnectionStillOpenWhenItsPoolsCloseReturnedGivesItsPermitBackOnceWhenClosedLater()
      throws SQLException {
    BudgetedDataSource pool = budgeted();
    Connection late = pool.getConnection();
    budgeted().getConnection();
    pool.poolClosing();
    assertEquals(1, budget.comingBack());

    pool.poolClosed();
    assertEquals(0, budget.comingBack(), "still waited for after the pool's close returned");
    late.close();
    late.abort(Runnable::run);
    late.close();

    assertEquals(1, budget.inUse());
    assertEquals(0, budget.comingBack());
  }

  @Test
  void aPoolWhoseCloseReturnedOpensNoMoreConnections() {
    BudgetedDataSource pool = budgeted();
    pool.poolClosing();
    pool.poolClosed();

    assertThrows(SQLException.class, pool::getConnection);

    assertEquals(0, budget.inUse());
  }

  @Test
  void aConnectionOpenedWhileItsPoolBeganToCloseIsClosedAtOnceAndGivesItsPermitBack() {
    BudgetedDataSource[] pool = new BudgetedDataSource[1];
    pool[0] =
        budgeted(
            () -> {
              // The close begins while the server is still answering the connection's start-up.
              pool[0].poolClosing();
              return fakeConnection();
            });

    assertThrows(SQLException.class, pool[0]::getConnection);

    assertEquals(true, physicallyClosed, "left open on the server");
    assertEquals(0, budget.inUse());
    assertEquals(0, budget.comingBack());
  }

  @Test
  void aClosedConnectionsPermitComesBackOnlyOnceItsBackendIsNoLongerListed() throws Exception {
    Connection connection = watched(departures).getConnection();

    connection.close();

    assertTrue(physicallyClosed);
    assertTrue(askedTwice.await(5, TimeUnit.SECONDS));
    assertEquals(1, budget.inUse(), "given back while the server still listed the backend");
    listed.set(false);
    awaitInUse(0);
    assertEquals(List.of(BACKEND), asked.stream().distinct().toList());
  }

  @Test
  void closingReturnsAtOnceWhileTheServerIsAskedAndDoesNotAnswer() throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    Departures slow =
        departures(
            pids -> {
              asking.countDown();
              try {
                answer.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Set.of();
            },
            Duration.ofSeconds(5));
    BudgetedDataSource pool = watched(slow);
    pool.getConnection().close();
    assertTrue(asking.await(5, TimeUnit.SECONDS));
    Connection second = pool.getConnection();

    long started = System.nanoTime();
    second.close();

    assertTrue(
        System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(100), "waited for the server");
    assertEquals(2, budget.inUse());
    answer.countDown();
    awaitInUse(0);
  }

  @Test
  void aBackendStillListedAfterTheBoundGivesThePermitBackWithAWarning() throws Exception {
    Departures bounded = departures(pids -> Set.copyOf(pids), Duration.ofMillis(40));
    Connection connection = watched(bounded).getConnection();

    long started = System.nanoTime();
    List<LogRecord> warnings =
        warningsWhile(
            () -> {
              connection.close();
              assertEquals(1, budget.inUse(), "given back at close");
              awaitInUse(0);
            });

    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(40), "not waited");
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).getMessage().contains("backend 4242 still listed"));
    assertTrue(warnings.get(0).getMessage().contains("given back anyway"));
  }

  @Test
  void aListingThatFailsGivesThePermitBackWithAWarning() throws Exception {
    Departures failing =
        departures(
            pids -> {
              throw new SQLException("Connection refused", "08001");
            },
            Duration.ofSeconds(5));
    Connection connection = watched(failing).getConnection();

    List<LogRecord> warnings =
        warningsWhile(
            () -> {
              connection.close();
              awaitInUse(0);
            });

    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).getMessage().contains("Connection refused"));
  }

  @Test
  void aConnectionWithoutABackendPidGivesItsPermitBackAtOnce() throws SQLException {
    backendPid = null;
    Connection connection = watched(departures).getConnection();

    connection.close();

    assertEquals(0, budget.inUse());
    assertEquals(List.of(), asked);
  }

  @Test
  void aConnectionToAnotherServerGivesItsPermitBackAtOnce() throws SQLException {
    BudgetedDataSource elsewhere =
        budgeted(this::fakeConnection, departures.on(new DatabaseAddress("db", 5433, "orch")));
    Connection connection = elsewhere.getConnection();

    connection.close();

    assertEquals(0, budget.inUse());
    assertEquals(List.of(), asked);
  }

  @Test
  void aWatchedConnectionClosedTwiceThenAbortedGivesOnePermitBack() throws Exception {
    listed.set(false);
    BudgetedDataSource pool = watched(departures);
    Connection first = pool.getConnection();
    pool.getConnection();

    first.close();
    first.close();
    first.abort(Runnable::run);

    awaitInUse(1);
    Thread.sleep(50);
    assertEquals(1, budget.inUse());
  }

  @Test
  void anAbortedConnectionsPermitComesBackOnceTheAbortRanAndItsBackendIsGone() throws Exception {
    Connection connection = watched(departures).getConnection();
    List<Runnable> queued = new ArrayList<>();

    connection.abort(queued::add);
    Thread.sleep(20);
    assertEquals(List.of(), asked, "asked before the abort closed the connection");
    queued.forEach(Runnable::run);

    assertTrue(askedTwice.await(5, TimeUnit.SECONDS));
    assertEquals(1, budget.inUse(), "given back while the server still listed the backend");
    listed.set(false);
    awaitInUse(0);
  }

  @Test
  void aConnectionClosedAtOnceSinceItsPoolBeganToCloseWaitsForItsBackendToo() throws Exception {
    BudgetedDataSource[] pool = new BudgetedDataSource[1];
    pool[0] =
        budgeted(
            () -> {
              pool[0].poolClosing();
              return fakeConnection();
            },
            departures.on(ORCHESTRA));

    assertThrows(SQLException.class, pool[0]::getConnection);

    assertTrue(askedTwice.await(5, TimeUnit.SECONDS));
    assertEquals(1, budget.inUse());
    assertEquals(1, budget.comingBack());
    listed.set(false);
    awaitInUse(0);
    assertEquals(0, budget.comingBack());
  }

  @Test
  void aClosedPoolsPermitsStillOnTheirWayBackCountAsComingBackUntilTheyAreBack() throws Exception {
    BudgetedDataSource pool = watched(departures);
    Connection connection = pool.getConnection();
    pool.poolClosing();
    connection.close();

    pool.poolClosed();

    assertEquals(1, budget.comingBack(), "no longer counted while still on its way back");
    assertEquals(1, budget.inUse());
    listed.set(false);
    awaitInUse(0);
    assertEquals(0, budget.comingBack());
  }

  @Test
  void stoppedDeparturesGiveBackWhatIsPendingAndLaterPermitsAtOnce() throws Exception {
    BudgetedDataSource pool = watched(departures);
    Connection first = pool.getConnection();
    Connection second = pool.getConnection();
    first.close();
    assertTrue(askedTwice.await(5, TimeUnit.SECONDS));
    assertEquals(2, budget.inUse());

    departures.close();
    assertEquals(1, budget.inUse());
    second.close();

    assertEquals(0, budget.inUse());
    first.close();
    assertEquals(0, budget.inUse());
  }

  private Departures departures(Departures.Listing listing, Duration bound) {
    Departures made = new Departures(CENTRAL, listing, bound);
    others.add(made);
    return made;
  }

  private void awaitInUse(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (budget.inUse() != expected) {
      assertTrue(System.nanoTime() < deadline, "in use " + budget.inUse() + ", not " + expected);
      Thread.sleep(1);
    }
  }

  private interface Closing {
    void run() throws Exception;
  }

  private static List<LogRecord> warningsWhile(Closing closing) throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(Departures.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      closing.run();
      // The departures' thread warns right after it gave the permit back.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (records.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    } finally {
      log.removeHandler(handler);
    }
    return records;
  }

  private BudgetedDataSource watched(Departures on) {
    return budgeted(this::fakeConnection, on.on(ORCHESTRA));
  }

  private BudgetedDataSource budgeted() {
    return budgeted(this::fakeConnection);
  }

  private BudgetedDataSource budgeted(java.util.function.Supplier<Connection> connecting) {
    return budgeted(connecting, Departures.NONE);
  }

  private BudgetedDataSource budgeted(
      java.util.function.Supplier<Connection> connecting, Departures departing) {
    DataSource physical =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (!"getConnection".equals(method.getName())) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  return connecting.get();
                });
    return new BudgetedDataSource(physical, budget.account("orch"), departing);
  }

  private Connection fakeConnection() {
    boolean[] closed = new boolean[1];
    Integer pid = backendPid;
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  closed[0] = true;
                  physicallyClosed = true;
                  return null;
                }
                case "isClosed" -> {
                  return closed[0];
                }
                case "unwrap" -> {
                  if (pid == null || args[0] != PGConnection.class) {
                    throw new SQLException("Not a wrapper for " + args[0]);
                  }
                  return Proxy.newProxyInstance(
                      getClass().getClassLoader(),
                      new Class<?>[] {PGConnection.class},
                      (pgProxy, pgMethod, pgArgs) -> {
                        if (!"getBackendPID".equals(pgMethod.getName())) {
                          throw new UnsupportedOperationException(pgMethod.getName());
                        }
                        return pid;
                      });
                }
                case "abort" -> {
                  if (!closed[0]) {
                    ((Executor) args[0])
                        .execute(
                            () -> {
                              closed[0] = true;
                              physicallyClosed = true;
                            });
                  }
                  return null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
