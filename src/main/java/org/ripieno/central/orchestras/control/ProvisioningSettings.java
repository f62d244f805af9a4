package org.ripieno.central.orchestras.control;

import java.time.Duration;
import org.ripieno.config.RipienoSettings;
import org.ripieno.tenancy.SpareDatabases;

/**
 * How provisioning is paced and resumed.
 *
 * @param workers provisionings run at once ({@code ripieno.provisioning.workers}); each borrows at
 *     most one connection of central's pool at a time, and only for one statement
 * @param resumeEvery how often the platform looks for provisionings to resume ({@code
 *     ripieno.provisioning.resume-every}): left between two steps, never started, or failed with a
 *     transient cause and due
 * @param retries how often and when a transient failure is resumed
 * @param spares spare databases each server keeps, cloned from its template ahead of time ({@code
 *     ripieno.provisioning.spares}); 0 keeps none, so every provisioning clones
 */
public record ProvisioningSettings(
    int workers, Duration resumeEvery, ProvisioningRetries retries, int spares) {

  public static final int MAX_WORKERS = 32;

  /** Orchestras that may wait for a worker; more are picked up by the resuming pass. */
  static final int QUEUE_CAPACITY = 10_000;

  public static final ProvisioningSettings DEFAULTS =
      new ProvisioningSettings(3, Duration.ofMinutes(1), ProvisioningRetries.DEFAULTS, 1);

  public ProvisioningSettings {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.workers is 1 to " + MAX_WORKERS + ", got " + workers);
    }
    if (resumeEvery.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.resume-every is at least PT1S, got " + resumeEvery);
    }
    if (spares < 0 || spares > SpareDatabases.MAX_COUNT) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.spares is 0 to " + SpareDatabases.MAX_COUNT + ", got " + spares);
    }
  }

  public static ProvisioningSettings from(RipienoSettings settings) {
    return new ProvisioningSettings(
        settings.number("ripieno.provisioning.workers", DEFAULTS.workers()),
        settings.period("ripieno.provisioning.resume-every", DEFAULTS.resumeEvery()),
        new ProvisioningRetries(
            settings.number("ripieno.provisioning.max-tries", DEFAULTS.retries().maxTries()),
            settings.period("ripieno.provisioning.retry-delay", DEFAULTS.retries().firstDelay())),
        settings.number("ripieno.provisioning.spares", DEFAULTS.spares()));
  }

  /**
   * The workers, fewer than central's pool holds: requests keep at least one connection however
   * busy provisioning is.
   */
  public int workersBelow(int centralPoolSize) {
    return Math.max(1, Math.min(workers, centralPoolSize - 1));
  }
}
