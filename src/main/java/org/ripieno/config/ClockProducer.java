package org.ripieno.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock staffing reads time from (sending, answers, deadlines, the outbox), so a test or a
 * second implementation can replace it in one place. Millisecond ticks: stored times are {@code
 * TIMESTAMP(3)}, and a value read back must equal the value written.
 */
@ApplicationScoped
public class ClockProducer {

  @Produces
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
