package org.ripieno.central.fleet.control;

import java.time.Duration;
import org.ripieno.config.RipienoSettings;

/**
 * How fleet work (migration and probing of every orchestra database) is paced.
 *
 * @param workers databases worked on at once ({@code ripieno.fleet.workers}); each worker holds at
 *     most three short connections to its database, never one of the orchestra pools'
 * @param lockWait how long a migration waits for another run that holds the same database's lock
 *     ({@code ripieno.fleet.lock-wait})
 * @param probeTimeout connect and statement timeout of a probe ({@code
 *     ripieno.fleet.probe-timeout})
 */
public record FleetSettings(int workers, Duration lockWait, Duration probeTimeout) {

  public static final int MAX_WORKERS = 32;
  public static final FleetSettings DEFAULTS =
      new FleetSettings(4, Duration.ofMinutes(5), Duration.ofSeconds(5));

  public FleetSettings {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException(
          "ripieno.fleet.workers is 1 to " + MAX_WORKERS + ", got " + workers);
    }
    if (lockWait.isNegative() || probeTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "ripieno.fleet.lock-wait must not be negative and ripieno.fleet.probe-timeout is at"
              + " least PT1S");
    }
  }

  public static FleetSettings from(RipienoSettings settings) {
    return new FleetSettings(
        settings.number("ripieno.fleet.workers", DEFAULTS.workers()),
        settings.period("ripieno.fleet.lock-wait", DEFAULTS.lockWait()),
        settings.period("ripieno.fleet.probe-timeout", DEFAULTS.probeTimeout()));
  }
}
