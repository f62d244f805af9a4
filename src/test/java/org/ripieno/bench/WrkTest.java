package org.ripieno.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkTest {

  private static final String OUTPUT =
      """
      Running 4s test @ http://localhost:8080/api/orchestras/demo/musicians/1
        2 threads and 8 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     2.10ms    1.31ms  30.12ms   91.20%
          Req/Sec     1.95k   210.33     2.31k    70.00%
        Latency Distribution
           50%  850.00us
           75%    2.20ms
           90%    3.01ms
           99%    1.20s
        15600 requests in 4.00s, 3.10MB read
        Non-2xx or 3xx responses: 15600
      Requests/sec:   3899.12
      """;

  @Test
  void latencyQuantilesAreReadInMillisecondsWhateverTheUnit() throws IOException {
    assertEquals(0.85, Wrk.quantile(OUTPUT, "50%"), 1e-9);
    assertEquals(2.2, Wrk.quantile(OUTPUT, "75%"), 1e-9);
    assertEquals(1200, Wrk.quantile(OUTPUT, "99%"), 1e-9);
  }

  @Test
  void aMissingQuantileIsAnErrorNotAZero() {
    assertThrows(IOException.class, () -> Wrk.quantile(OUTPUT, "99.9%"));
  }
}
