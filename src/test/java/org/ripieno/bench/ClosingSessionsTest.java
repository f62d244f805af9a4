package org.ripieno.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClosingSessionsTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  @Test
  void aServerSocketInCloseWaitIsTheSessionOfItsClientPort() {
    // 127.0.0.1:5432 (0x1538) <- 127.0.0.1:51234 (0xC822), state 08 (CLOSE_WAIT)
    String line =
        "   3: 0100007F:1538 0100007F:C822 08 00000000:00000000 00:00000000 00000000   106 0 1 1";

    assertEquals(Set.of(51234), ClosingSessions.closing(line, 5432));
  }

  @Test
  void openSessionsOtherPortsAndTheHeaderAreNotClosing() {
    String established =
        "   3: 0100007F:1538 0100007F:C822 01 00000000:00000000 00:00000000 00000000   106 0 1 1";
    String clientSide =
        "   4: 0100007F:C822 0100007F:1538 05 00000000:00000000 00:00000000 00000000     0 0 1 1";

    assertEquals(Set.of(), ClosingSessions.closing(established, 5432));
    assertEquals(Set.of(), ClosingSessions.closing(clientSide, 5432));
    assertEquals(Set.of(), ClosingSessions.closing(HEADER, 5432));
  }

  @Test
  void ipv6LinesAreRead() {
    String line =
        "   0: 00000000000000000000000001000000:1538 00000000000000000000000001000000:C822 08"
            + " 00000000:00000000 00:00000000 00000000   106 0 1 1";

    assertEquals(Set.of(51234), ClosingSessions.closing(line, 5432));
  }
}
