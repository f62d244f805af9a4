package org.ripieno.tenancy;

import java.time.Duration;

/**
 * The connection budget of the orchestra registry (configuration keys {@code ripieno.pool.*} and
 * {@code ripieno.orchestra.migrate-on-open}).
 *
 * @param maxPerOrchestra largest pool of one orchestra; at least 2, since checking the schema
 *     version takes two connections (Flyway's)
 * @param ceiling most physical connections of all orchestra pools together
 * @param idleTimeout how long an unused orchestra keeps its pool and factory, and an idle
 *     connection stays open (HikariCP's floor is 10 s)
 * @param maxWait how long a caller waits for a connection before getting 503 (the budget and the
 *     pool's timeout; also the longest wait when a database does not answer)
 * @param migrateOnOpen migrate a database that is behind when it is opened, instead of refusing it
 */
public record RegistrySettings(
    int maxPerOrchestra,
    int ceiling,
    Duration idleTimeout,
    Duration maxWait,
    boolean migrateOnOpen) {

  public static final RegistrySettings DEFAULTS =
      new RegistrySettings(5, 40, Duration.ofMinutes(5), Duration.ofSeconds(3), false);

  public RegistrySettings {
    if (maxPerOrchestra < 2 || ceiling < maxPerOrchestra) {
      throw new IllegalArgumentException(
          "Need 2 <= ripieno.pool.max-per-orchestra <= ripieno.pool.ceiling, got "
              + maxPerOrchestra
              + " and "
              + ceiling);
    }
    if (idleTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
      idleTimeout = Duration.ofSeconds(10);
    }
  }
}
