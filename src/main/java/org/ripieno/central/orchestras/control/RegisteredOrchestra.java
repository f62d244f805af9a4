package org.ripieno.central.orchestras.control;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraRoutes;

/**
 * The columns of one central {@code "Orchestra"} row that the code without a persistence unit needs
 * (fleet, provisioning, data safety, the operators' command line), as {@link CentralOrchestraRows}
 * reads them. Mail, SMS and branding settings are the entity's ({@link Orchestra}).
 *
 * @param storedDatabasePassword as stored: encrypted (or legacy plaintext), decrypted only when a
 *     route is built
 * @param provisioning where its provisioning is
 * @param jobs the staffing jobs' bookkeeping on the row
 */
public record RegisteredOrchestra(
    String id,
    String subdomain,
    String name,
    String status,
    String contactName,
    String contactEmail,
    String plan,
    int pricePerMonth,
    String databaseServer,
    String databaseHost,
    Integer databasePort,
    String databaseName,
    String databaseUser,
    String storedDatabasePassword,
    String schemaVersion,
    String lastMigrationResult,
    Instant lastMigratedAt,
    ProvisioningProgress provisioning,
    JobsState jobs) {

  /** The provisioning state machine's columns ({@link Provisioning}). */
  public record ProvisioningProgress(ProvisioningState state, String error) {}

  /**
   * @param dueAt when the jobs next have work there (null: nothing known due)
   * @param failures runs in a row that failed
   */
  public record JobsState(Instant dueAt, Instant lastRunAt, String lastResult, int failures) {}

  public static final String DELETED = Orchestra.DELETED;
  public static final String ACTIVE = "active";

  public boolean isDeleted() {
    return DELETED.equals(status);
  }

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  /** The configured server the row routes through; a row without one uses the default server. */
  public String server() {
    return databaseServer == null ? RipienoSettings.DEFAULT_SERVER : databaseServer;
  }

  /** Whether the row names a database at all (it does not while provisioning has not made one). */
  public boolean hasDatabase() {
    return databaseHost != null && databasePort != null && databaseName != null;
  }

  /** The database the row routes to, if it names one. */
  public Optional<DatabaseAddress> database() {
    return hasDatabase()
        ? Optional.of(new DatabaseAddress(databaseHost, databasePort, databaseName))
        : Optional.empty();
  }

  /** {@code host:port/database}, or null without a database. */
  public String databaseAddress() {
    return hasDatabase() ? databaseHost + ":" + databasePort + "/" + databaseName : null;
  }

  /**
   * The route exactly as requests get it ({@link OrchestraRoutes#routeTo(Orchestra, Map)}).
   *
   * @throws org.ripieno.tenancy.OrchestraUnavailableException without a database or on an unknown
   *     server
   */
  public OrchestraRoute route(Map<String, DatabaseLogin> servers) {
    Orchestra row = new Orchestra();
    row.setId(id);
    row.setSubdomain(subdomain);
    row.setDatabaseServer(databaseServer);
    row.setDatabaseHost(databaseHost);
    row.setDatabasePort(databasePort);
    row.setDatabaseName(databaseName);
    row.setDatabaseUser(databaseUser);
    if (storedDatabasePassword != null) {
      // The entity's own converter: it decrypts with the installed key and fails closed without.
      row.setDatabasePassword(
          new EncryptedString().convertToEntityAttribute(storedDatabasePassword));
    }
    return OrchestraRoutes.routeTo(row, servers);
  }
}
