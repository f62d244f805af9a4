package org.ripieno.central.orchestras.control;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ripieno.config.RipienoSettings;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraTemplate;
import org.ripieno.tenancy.SpareDatabases;

/**
 * Runs provisioning in the background, on a fixed number of workers fed by a queue ({@link
 * ProvisioningQueue}), so that a burst of creations never takes more of central's pool than the
 * workers borrow. At start-up it brings the template database of every configured server up to date
 * (readiness waits for that) and provisions the demo orchestra when asked to; at start-up and then
 * every {@code ripieno.provisioning.resume-every} it resumes provisionings that were left behind
 * (between two steps, never started, or failed with a transient cause and due).
 */
@ApplicationScoped
public class OrchestraProvisioner {

  private static final Logger LOG = Logger.getLogger(OrchestraProvisioner.class.getName());

  @Inject CentralDatabase central;
  @Inject RipienoSettings settings;
  @Inject DemoOrchestra demo;
  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threads;

  private final Map<String, OrchestraTemplate> templates = new ConcurrentHashMap<>();

  /**
   * Sessions kept for the runs, a few per worker at most: a new PostgreSQL session costs about as
   * much as cloning the template (25 ms and more on a loaded server), and a run needs one on
   * central for its lock and one on the server's maintenance database besides the new database's.
   */
  private final Map<String, HikariDataSource> sessionPools = new ConcurrentHashMap<>();

  private int workers;
  private final Map<String, String> templateProblems = new ConcurrentHashMap<>();
  private volatile boolean prepared;
  private ProvisioningSettings provisioning;
  private ProvisioningQueue queue;
  private ScheduledFuture<?> resuming;

  @PostConstruct
  void createQueue() {
    provisioning = ProvisioningSettings.from(settings);
    workers = provisioning.workersBelow(settings.centralPoolSize());
    if (workers < provisioning.workers()) {
      LOG.warning(
          "ripieno.provisioning.workers is "
              + provisioning.workers()
              + ", not below the central pool ("
              + settings.centralPoolSize()
              + "): "
              + workers
              + " workers run provisionings");
    }
    queue =
        new ProvisioningQueue(
            workers, ProvisioningSettings.QUEUE_CAPACITY, threads, id -> runNow(id));
    spareThread = Executors.newSingleThreadExecutor(threads);
  }

  @PreDestroy
  void stop() {
    if (resuming != null) {
      resuming.cancel(false);
    }
    queue.close();
    // A running pass ends before its session pool closes, or gives up quietly.
    stopping = true;
    spareThread.shutdownNow();
    try {
      spareThread.awaitTermination(SPARE_CONNECTION_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sessionPools.values().forEach(HikariDataSource::close);
  }

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    executor.execute(this::prepare);
    long every = provisioning.resumeEvery().toMillis();
    resuming =
        scheduler.scheduleWithFixedDelay(
            this::resumeLeftBehind, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Templates current, provisionings left behind resumed, the demo orchestra there if asked. What
   * failed (a server or central not reachable yet) is tried again a minute later.
   */
  void prepare() {
    boolean complete = true;
    try {
      for (String server : settings.orchestraServers().keySet()) {
        try {
          template(server).ensureCurrent();
          templateProblems.remove(server);
          keepSparesInBackground(server);
        } catch (RuntimeException | SQLException e) {
          complete = false;
          templateProblems.put(server, String.valueOf(e.getMessage()));
          LOG.log(Level.SEVERE, "The orchestra template on server " + server + " failed", e);
        }
      }
    } finally {
      prepared = true;
    }
    try {
      if (settings.demo()) {
        demo.ensure(this);
      }
    } catch (RuntimeException e) {
      complete = false;
      LOG.log(Level.SEVERE, "Provisioning the demo orchestra failed", e);
    }
    resumeLeftBehind();
    if (!complete) {
      scheduler.schedule(this::prepare, RETRY_MINUTES, TimeUnit.MINUTES);
    }
  }

  private static final long RETRY_MINUTES = 1;

  /**
   * Queues every provisioning the platform resumes by itself. Never throws: a failure (central
   * unreachable) is logged, and the next pass tries again.
   */
  void resumeLeftBehind() {
    // Also replaces spares left stale by a template another instance rebuilt, and retries a
    // spare whose making failed.
    settings.orchestraServers().keySet().forEach(this::keepSparesInBackground);
    try {
      for (String id : provisioning().resumable()) {
        startInBackground(id);
      }
    } catch (RuntimeException | SQLException e) {
      LOG.log(Level.WARNING, "Looking for provisionings to resume failed; tried again later", e);
    }
  }

  /** Whether the start-up pass over the templates has finished, and what failed in it. */
  public TemplateStatus templateStatus() {
    return new TemplateStatus(prepared, new TreeMap<>(templateProblems));
  }

  public record TemplateStatus(boolean checked, Map<String, String> problems) {}

  /**
   * Queues the provisioning (or its resume) for a worker; returns at once. When the queue is full
   * the orchestra stays as it is, and the next resuming pass queues it.
   */
  public void startInBackground(String orchestraId) {
    if (!queue.offer(orchestraId)) {
      LOG.warning(
          () ->
              "The provisioning queue is full; orchestra "
                  + orchestraId
                  + " is provisioned by the next resuming pass");
    }
  }

  /**
   * An operator's resume: the failed runs counted so far are forgotten (the platform resumes
   * transient failures of this run again), then the provisioning is queued.
   */
  public void resumeByOperator(String orchestraId) {
    try {
      provisioning().forgetFailedRuns(orchestraId);
    } catch (SQLException e) {
      throw new CentralDatabase.CentralUnavailableException(
          "The central database cannot be reached: " + e.getMessage(), e);
    }
    startInBackground(orchestraId);
  }

  /**
   * Provisions (or resumes) in the calling thread. A run that failed for a transient cause is
   * queued again when its wait is over.
   */
  public Provisioning.Outcome runNow(String orchestraId) {
    try {
      Provisioning.Outcome outcome = provisioning().run(orchestraId);
      if (outcome.retryIn() != null) {
        scheduler.schedule(
            () -> startInBackground(orchestraId),
            outcome.retryIn().toMillis(),
            TimeUnit.MILLISECONDS);
      }
      return outcome;
    } catch (SQLException | RuntimeException e) {
      // Nothing recorded (central out of reach): the resuming pass finds it where it stopped.
      LOG.log(Level.SEVERE, "Provisioning of orchestra " + orchestraId + " could not run", e);
      return new Provisioning.Outcome(null, e.getMessage());
    }
  }

  Provisioning provisioning() {
    DataSource pool = central.dataSource();
    DatabaseLogin login =
        settings
            .central()
            .orElseThrow(() -> new IllegalStateException("ripieno.central.url is not set"));
    return new Provisioning(
        pool,
        sessions(
            "central-lock",
            login.forDatabase(login.address().database(), LOCK_SESSION_NAME),
            workers + 2,
            Duration.ofSeconds(30)),
        settings.orchestraServers(),
        name -> maintenanceSessions(name),
        this::template,
        settings.provisioningDatabasePrefix(),
        provisioning.retries(),
        Provisioning.StepListener.NONE,
        new Provisioning.Spares(provisioning.spares(), this::keepSparesInBackground));
  }

  /**
   * Makes the server's spares what {@code ripieno.provisioning.spares} asks for, on the spare
   * thread: after a provisioning created a database (claimed a spare, or cloned when there was
   * none), and on the resuming pass. Never throws, never waits.
   */
  void keepSparesInBackground(String server) {
    // A pass queued and not started yet will see this server as it is now: a burst of runs
    // queues one pass, not one each (at most one running and one queued per server).
    AtomicBoolean queued = sparePassQueued.computeIfAbsent(server, name -> new AtomicBoolean());
    if (!queued.compareAndSet(false, true)) {
      return;
    }
    try {
      spareThread.execute(
          () -> {
            queued.set(false);
            keepSpares(server);
          });
    } catch (RuntimeException e) {
      queued.set(false);
      // Shutting down: the next start's passes make the spares.
      LOG.log(Level.FINE, "Making a spare database on " + server + " was not started", e);
    }
  }

  private final Map<String, AtomicBoolean> sparePassQueued = new ConcurrentHashMap<>();

  /**
   * One thread of its own runs every spare pass, one after the other: a pass waiting for an
   * unreachable server never holds a thread that prepare, fleet migrations or provisioning runs
   * need, and two passes never run at once in this instance (across instances, see {@link
   * OrchestraTemplate#SPARES_KEY}).
   */
  private ExecutorService spareThread;

  /**
   * Brings the server's spare databases to the configured count (dropping stale ones, see {@link
   * OrchestraTemplate#keepSpares}). A failure never reaches a provisioning: the first one is
   * logged, further ones are not until the spares are kept again, and the next creation or resuming
   * pass tries again. A template the pass finds current clears the server's template problem.
   */
  void keepSpares(String server) {
    DataSource sessions = spareSessions(server);
    try (Connection maintenance = sessions.getConnection()) {
      try {
        OrchestraTemplate.SpareChanges changes =
            template(server)
                .keepSpares(
                    maintenance,
                    new SpareDatabases(
                        settings.provisioningDatabasePrefix(), provisioning.spares()));
        if (changes.templateCurrent()) {
          templateProblems.remove(server);
        }
        if (failingSpares.remove(server)) {
          LOG.info("Spare databases on server " + server + " are kept again");
        }
        if (!changes.dropped().isEmpty()) {
          LOG.info("Dropped spare databases on server " + server + ": " + changes.dropped());
        }
      } catch (SQLException | RuntimeException e) {
        // It may hold an advisory lock: closed rather than given back.
        sessions.unwrap(HikariDataSource.class).evictConnection(maintenance);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      if (stopping || !failingSpares.add(server)) {
        LOG.log(Level.FINE, "Making a spare database on server " + server + " failed again", e);
      } else {
        LOG.log(
            Level.WARNING,
            "Making a spare database on server "
                + server
                + " failed; provisioning clones from the template meanwhile (logged once until"
                + " it works again)",
            e);
      }
    }
  }

  private final Set<String> failingSpares = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * The spare passes' session on the server, apart from the runs' pool: one session, and a short
   * wait when the server is out of reach.
   */
  private DataSource spareSessions(String serverName) {
    DatabaseLogin server = settings.orchestraServers().get(serverName);
    if (server == null) {
      throw new IllegalStateException("The database server '" + serverName + "' is not configured");
    }
    return sessions("spares-" + serverName, server, 1, SPARE_CONNECTION_TIMEOUT);
  }

  private static final Duration SPARE_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  private DataSource maintenanceSessions(String serverName) {
    DatabaseLogin server = settings.orchestraServers().get(serverName);
    if (server == null) {
      throw new IllegalStateException("The database server '" + serverName + "' is not configured");
    }
    return sessions("server-" + serverName, server, workers + 2, Duration.ofSeconds(30));
  }

  /**
   * A small pool of sessions on one database for the provisioning runs (one per worker, and the
   * start-up pass), or for the spare passes; none kept longer than a minute unused.
   */
  private DataSource sessions(
      String name, DatabaseLogin login, int size, Duration connectionTimeout) {
    return sessionPools.computeIfAbsent(
        name,
        key -> {
          HikariConfig config = new HikariConfig();
          config.setPoolName("provisioning-" + key);
          config.setDataSource(login.dataSource());
          config.setMaximumPoolSize(size);
          config.setMinimumIdle(0);
          config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
          config.setConnectionTimeout(connectionTimeout.toMillis());
          config.setInitializationFailTimeout(-1);
          return new HikariDataSource(config);
        });
  }

  /** The application name of the sessions holding provisioning locks, for pg_stat_activity. */
  private static final String LOCK_SESSION_NAME = "ripieno:provisioning-lock";

  OrchestraTemplate template(String serverName) {
    return templates.computeIfAbsent(
        serverName,
        name -> {
          DatabaseLogin server = settings.orchestraServers().get(name);
          if (server == null) {
            throw new IllegalStateException("The database server '" + name + "' is not configured");
          }
          return new OrchestraTemplate(
              server,
              settings.provisioningDatabasePrefix() + "template",
              ProvisionedSeed.REVISION,
              ProvisionedSeed.version(),
              ProvisionedSeed::writeTemplateSeed);
        });
  }
}
