package org.ripieno.central.orchestras.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.config.RipienoSettings;
import org.ripieno.orchestra.seed.control.ProvisionedSeed;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraTemplate;

/**
 * Runs provisioning in the background. At start-up it brings the template database of every
 * configured server up to date (readiness waits for that), then resumes provisionings that an
 * earlier process left half-way, and provisions the demo orchestra when asked to.
 */
@ApplicationScoped
public class OrchestraProvisioner {

  private static final Logger LOG = Logger.getLogger(OrchestraProvisioner.class.getName());

  @Inject CentralDatabase central;
  @Inject RipienoSettings settings;
  @Inject DemoOrchestra demo;
  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;

  private final Map<String, OrchestraTemplate> templates = new ConcurrentHashMap<>();
  private final Map<String, String> templateProblems = new ConcurrentHashMap<>();
  private volatile boolean prepared;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    executor.execute(this::prepare);
  }

  /**
   * Templates current, interrupted provisionings resumed, the demo orchestra there if asked. What
   * failed (a server or central not reachable yet) is tried again a minute later.
   */
  void prepare() {
    boolean complete = true;
    try {
      for (String server : settings.orchestraServers().keySet()) {
        try {
          template(server).ensureCurrent();
          templateProblems.remove(server);
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
      unfinished().forEach(this::runNow);
      if (settings.demo()) {
        demo.ensure(this);
      }
    } catch (RuntimeException | SQLException e) {
      complete = false;
      LOG.log(Level.SEVERE, "Resuming provisionings failed", e);
    }
    if (!complete) {
      scheduler.schedule(this::prepare, RETRY_MINUTES, TimeUnit.MINUTES);
    }
  }

  private static final long RETRY_MINUTES = 1;

  /** Whether the start-up pass over the templates has finished, and what failed in it. */
  public TemplateStatus templateStatus() {
    return new TemplateStatus(prepared, new TreeMap<>(templateProblems));
  }

  public record TemplateStatus(boolean checked, Map<String, String> problems) {}

  /** Provisions (or resumes) in the background; returns at once. */
  public void startInBackground(String orchestraId) {
    executor.execute(() -> runNow(orchestraId));
  }

  /** Provisions (or resumes) in the calling thread. */
  public Provisioning.Outcome runNow(String orchestraId) {
    try {
      return provisioning().run(orchestraId);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.SEVERE, "Provisioning of orchestra " + orchestraId + " could not run", e);
      return new Provisioning.Outcome(null, e.getMessage());
    }
  }

  Provisioning provisioning() {
    return new Provisioning(
        central.dataSource(),
        settings.orchestraServers(),
        this::template,
        settings.provisioningDatabasePrefix(),
        Provisioning.StepListener.NONE);
  }

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
              ProvisionedSeed.version(),
              ProvisionedSeed::writeTemplateSeed);
        });
  }

  /** Orchestras whose provisioning a stopped process left between two steps. */
  private List<String> unfinished() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = central.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT id FROM \"Orchestra\" WHERE status <> 'deleted'"
                    + " AND \"provisioningState\" NOT IN ('ACTIVE', 'FAILED')"
                    + " ORDER BY \"createdAt\"");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
