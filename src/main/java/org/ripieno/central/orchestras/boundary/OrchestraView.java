package org.ripieno.central.orchestras.boundary;

import java.time.Instant;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;

/**
 * An orchestra as the platform sees it: metadata, status, where its provisioning stands, its schema
 * version (as central records it) and database server, and, in the detail only, its counts.
 */
public record OrchestraView(
    String id,
    String name,
    String subdomain,
    String status,
    ProvisioningState provisioningState,
    ProvisioningState provisioningFailedStep,
    String provisioningError,
    int provisioningAttempts,
    Instant provisioningRetryAt,
    String schemaVersion,
    String lastMigrationResult,
    Instant lastMigratedAt,
    String server,
    String databaseName,
    String contactName,
    String contactEmail,
    String plan,
    int maxMusicians,
    int maxProjects,
    int pricePerMonth,
    String logoUrl,
    Counts counts,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Rows in the orchestra's database; null in the list (which reads central alone) and when the
   * database could not be counted.
   */
  public record Counts(long musicians, long projects) {}

  public static OrchestraView of(Orchestra orchestra, Counts counts) {
    return new OrchestraView(
        orchestra.getId(),
        orchestra.getName(),
        orchestra.getSubdomain(),
        orchestra.getStatus(),
        orchestra.getProvisioningState(),
        orchestra.getProvisioningFailedStep(),
        orchestra.getProvisioningError(),
        orchestra.getProvisioningAttempts(),
        orchestra.getProvisioningRetryAt(),
        orchestra.getSchemaVersion(),
        orchestra.getLastMigrationResult(),
        orchestra.getLastMigratedAt(),
        orchestra.getDatabaseServer(),
        orchestra.getDatabaseName(),
        orchestra.getContactName(),
        orchestra.getContactEmail(),
        orchestra.getPlan(),
        orchestra.getMaxMusicians(),
        orchestra.getMaxProjects(),
        orchestra.getPricePerMonth(),
        orchestra.getLogoUrl(),
        counts,
        orchestra.getCreatedAt(),
        orchestra.getUpdatedAt());
  }
}
