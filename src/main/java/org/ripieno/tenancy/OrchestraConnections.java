package org.ripieno.tenancy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ripieno.config.RipienoSettings;

/**
 * Owns the {@link OrchestraRegistry} of this application instance and produces the
 * {@code @OrchestraData} {@link EntityManager} of the current orchestra. Without a current
 * orchestra the producer throws, and no connection is opened.
 */
@ApplicationScoped
public class OrchestraConnections {

  private static final long SWEEP_SECONDS = 15;

  @Inject RipienoSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  OrchestraRegistry registry;
  private ScheduledFuture<?> sweeper;

  @PostConstruct
  void open() {
    // Whether a closed orchestra connection's backend is gone is asked on central's database: that
    // takes no orchestra permit and opens nothing on an orchestra's database.
    registry =
        new OrchestraRegistry(
            settings.registry(),
            settings.central().map(Departures::askingOn).orElse(Departures.NONE));
  }

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    sweeper =
        scheduler.scheduleWithFixedDelay(
            registry::evictIdle, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  public OrchestraRegistry registry() {
    return registry;
  }

  /** The orchestra of the current request or job: none until it is entered. */
  @Produces
  @RequestScoped
  CurrentOrchestra currentOrchestra() {
    return new CurrentOrchestra(registry);
  }

  /**
   * A request or job ends: its orchestra's entity manager and database are let go. Static, so that
   * a job ending while the application stops needs nothing of this bean's.
   */
  static void leave(@Disposes CurrentOrchestra current) {
    current.leave();
  }

  /** Closed by {@link CurrentOrchestra} when the request or job ends, before its lease. */
  @Produces
  @OrchestraData
  @RequestScoped
  EntityManager entityManager(CurrentOrchestra current) {
    return current.entityManager();
  }

  @PreDestroy
  void close() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    registry.close();
  }
}
