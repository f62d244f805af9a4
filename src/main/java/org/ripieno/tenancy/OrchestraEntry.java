package org.ripieno.tenancy;

import org.ripieno.central.orchestras.entity.Orchestra;

/**
 * The columns of a central {@code "Orchestra"} row that entering the orchestra in a request needs:
 * who it is and whether it may be entered (the gate), its plan's limits, where its database is
 * ({@link OrchestraRoutes#routeTo(OrchestraEntry)}), and its name and branding (the overview). Read
 * from central with the caller's account, and reused with it for at most {@code
 * ripieno.token.account-cache} ({@code Authenticator}).
 *
 * @param databasePassword the database's own login's password, decrypted (null without one)
 */
public record OrchestraEntry(
    String id,
    String subdomain,
    String name,
    String status,
    String logoUrl,
    String primaryColor,
    String secondaryColor,
    int maxMusicians,
    int maxProjects,
    String databaseServer,
    String databaseHost,
    Integer databasePort,
    String databaseName,
    String databaseUser,
    String databasePassword) {

  /** The same columns of the entity. */
  public static OrchestraEntry of(Orchestra row) {
    return new OrchestraEntry(
        row.getId(),
        row.getSubdomain(),
        row.getName(),
        row.getStatus(),
        row.getLogoUrl(),
        row.getPrimaryColor(),
        row.getSecondaryColor(),
        row.getMaxMusicians(),
        row.getMaxProjects(),
        row.getDatabaseServer(),
        row.getDatabaseHost(),
        row.getDatabasePort(),
        row.getDatabaseName(),
        row.getDatabaseUser(),
        row.getDatabasePassword());
  }

  public boolean isDeleted() {
    return Orchestra.DELETED.equals(status);
  }

  public boolean isActive() {
    return "active".equals(status);
  }

  /** Without the password, which must not reach a log through a record's default text. */
  @Override
  public String toString() {
    return "OrchestraEntry[id="
        + id
        + ", subdomain="
        + subdomain
        + ", status="
        + status
        + ", database="
        + databaseHost
        + ":"
        + databasePort
        + "/"
        + databaseName
        + "]";
  }
}
