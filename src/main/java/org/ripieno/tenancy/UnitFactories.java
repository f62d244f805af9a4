package org.ripieno.tenancy;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Application-managed factories of the two persistence units, on a pool Ripieno owns. */
final class UnitFactories {

  private static final Logger LOG = Logger.getLogger(UnitFactories.class.getName());

  /**
   * Whether the server lets the application see EclipseLink's session API, which {@link
   * NoQueryRetry} and {@link UnavailableDatabaseLog} implement: Payara Micro and WildFly (through
   * the module the WAR imports) do, Payara Server keeps it to itself, and there EclipseLink keeps
   * its own retries and logs every unavailable database's exception with its stack trace.
   */
  private static final boolean SESSION_API_VISIBLE = sessionApiVisible();

  private UnitFactories() {}

  static EntityManagerFactory create(DatabaseKind kind, DataSource pool, String sessionName) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    properties.put("jakarta.persistence.jtaDataSource", "");
    properties.put("jakarta.persistence.nonJtaDataSource", pool);
    properties.put("eclipselink.target-server", "None");
    properties.put("eclipselink.session-name", sessionName);
    if (SESSION_API_VISIBLE) {
      properties.put("eclipselink.session.customizer", NoQueryRetry.class.getName());
      properties.put("eclipselink.logging.logger", UnavailableDatabaseLog.class.getName());
    }
    return Persistence.createEntityManagerFactory(kind.unitName(), properties);
  }

  private static boolean sessionApiVisible() {
    try {
      Class.forName(
          "org.eclipse.persistence.sessions.SessionCustomizer",
          false,
          UnitFactories.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.warning(
          "EclipseLink's session API is not visible to the application on this server: a query"
              + " whose connection failed is retried by EclipseLink (up to 3 times, 5 s apart)"
              + " before its 503, and logs each such failure with its stack trace");
      return false;
    }
  }
}
