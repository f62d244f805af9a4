package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class BudgetedDataSourceTest {

  private final ConnectionBudget budget = new ConnectionBudget(2, Duration.ofMillis(100));

  /** Like pgjdbc: abort hands the closing to the executor and returns. */
  private final List<Runnable> abortTasks = new ArrayList<>();

  private boolean physicallyClosed;

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

  private BudgetedDataSource budgeted() {
    return budgeted(this::fakeConnection);
  }

  private BudgetedDataSource budgeted(java.util.function.Supplier<Connection> connecting) {
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
    return new BudgetedDataSource(physical, budget.account("orch"));
  }

  private Connection fakeConnection() {
    boolean[] closed = new boolean[1];
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
