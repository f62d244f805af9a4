package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.boundary.OrchestraView;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Counts musicians and projects of orchestras for the platform's lists, over one short connection
 * per orchestra outside the orchestra pools, so that listing the fleet never takes connections from
 * the orchestras' own budget.
 */
@ApplicationScoped
public class OrchestraCounter {

  private static final Logger LOG = Logger.getLogger(OrchestraCounter.class.getName());

  @Inject OrchestraRoutes routes;

  /** Counts by orchestra id; orchestras without a reachable, provisioned database are absent. */
  public Map<String, OrchestraView.Counts> count(List<Orchestra> orchestras) {
    Map<String, OrchestraView.Counts> counts = new HashMap<>();
    for (Orchestra orchestra : orchestras) {
      if (orchestra.getProvisioningState() != ProvisioningState.ACTIVE
          || "deleted".equals(orchestra.getStatus())) {
        continue;
      }
      try (Connection connection = routes.routeTo(orchestra).login().connect();
          Statement statement = connection.createStatement();
          ResultSet row =
              statement.executeQuery(
                  "SELECT (SELECT count(*) FROM \"Musician\"), (SELECT count(*) FROM"
                      + " \"Project\")")) {
        row.next();
        counts.put(orchestra.getId(), new OrchestraView.Counts(row.getLong(1), row.getLong(2)));
      } catch (SQLException | OrchestraUnavailableException e) {
        LOG.fine(() -> "Cannot count " + orchestra.getSubdomain() + ": " + e.getMessage());
      }
    }
    return counts;
  }
}
