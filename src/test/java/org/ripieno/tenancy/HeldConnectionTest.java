package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldConnectionTest {

  private final List<String> calls = new ArrayList<>();

  private final HeldConnection source = new HeldConnection(held());

  @Test
  void aSecondHandleWhileTheFirstIsOpenIsRefusedSayingWhy() throws SQLException {
    Connection first = source.getConnection();

    SQLException refused = assertThrows(SQLException.class, source::getConnection);

    assertTrue(refused.getMessage().contains("share its session"), refused.getMessage());
    assertEquals("held", first.getCatalog(), "the first handle still works");
  }

  @Test
  void handlesTakenOneAfterTheOtherAllReachTheHeldConnectionAndNeverCloseIt() throws SQLException {
    for (int i = 0; i < 3; i++) {
      try (Connection handle = source.getConnection()) {
        assertEquals("held", handle.getCatalog());
      }
    }

    assertEquals(3, catalogReads());
    assertFalse(heldClosed());
  }

  @Test
  void aClosedHandleRefusesUseButTheHeldConnectionStaysOpen() throws SQLException {
    Connection first = source.getConnection();
    first.close();

    assertTrue(first.isClosed());
    assertThrows(SQLException.class, first::getCatalog);
    assertEquals(0, catalogReads());
    assertFalse(heldClosed());
  }

  @Test
  void closingAnOldHandleAgainDoesNotEndTheTurnOfTheCurrentOne() throws SQLException {
    Connection first = source.getConnection();
    first.close();
    Connection second = source.getConnection();

    first.close();

    assertThrows(SQLException.class, source::getConnection);
    assertFalse(second.isClosed());
  }

  /** The held connection: records what it is asked and answers the two questions the tests ask. */
  private Connection held() {
    Map<String, Object> answers = Map.of("getCatalog", "held", "isClosed", false);
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return answers.get(method.getName());
            });
  }

  private int catalogReads() {
    return Collections.frequency(calls, "getCatalog");
  }

  private boolean heldClosed() {
    return calls.contains("close");
  }
}
