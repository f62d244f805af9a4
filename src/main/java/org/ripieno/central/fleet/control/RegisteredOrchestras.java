package org.ripieno.central.fleet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads and writes the central registry for fleet work over plain JDBC (no persistence unit), so
 * the operators' command line can use it with nothing but a {@link DataSource}.
 */
public final class RegisteredOrchestras {

  private static final String ALL_BUT_DELETED =
      "select \"id\", \"subdomain\", \"name\", \"status\", \"plan\", \"pricePerMonth\","
          + " \"databaseServer\", \"databaseHost\", \"databasePort\", \"databaseName\","
          + " \"databaseUser\", \"databasePassword\", \"schemaVersion\","
          + " \"lastMigrationResult\", \"lastMigratedAt\", \"jobsDueAt\", \"jobsLastRunAt\","
          + " \"jobsLastResult\", \"jobsFailures\""
          + " from \"Orchestra\" where \"status\" <> 'deleted' order by \"subdomain\"";

  /** Longer results are cut, so one odd error message cannot bloat the registry row. */
  static final int MAX_RESULT = 2000;

  private RegisteredOrchestras() {}

  /** Every orchestra except the deleted ones, by subdomain. */
  public static List<RegisteredOrchestra> allButDeleted(DataSource central) throws SQLException {
    List<RegisteredOrchestra> result = new ArrayList<>();
    try (Connection connection = central.getConnection();
        PreparedStatement query = connection.prepareStatement(ALL_BUT_DELETED);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        result.add(
            new RegisteredOrchestra(
                rows.getString("id"),
                rows.getString("subdomain"),
                rows.getString("name"),
                rows.getString("status"),
                rows.getString("plan"),
                rows.getInt("pricePerMonth"),
                rows.getString("databaseServer"),
                rows.getString("databaseHost"),
                (Integer) rows.getObject("databasePort"),
                rows.getString("databaseName"),
                rows.getString("databaseUser"),
                rows.getString("databasePassword"),
                rows.getString("schemaVersion"),
                rows.getString("lastMigrationResult"),
                utc(rows.getObject("lastMigratedAt", LocalDateTime.class)),
                new RegisteredOrchestra.JobsState(
                    utc(rows.getObject("jobsDueAt", LocalDateTime.class)),
                    utc(rows.getObject("jobsLastRunAt", LocalDateTime.class)),
                    rows.getString("jobsLastResult"),
                    rows.getInt("jobsFailures"))));
      }
    }
    return result;
  }

  /** Accounts per orchestra id (central {@code "User"} rows), orchestras without any left out. */
  public static Map<String, Long> usersByOrchestra(DataSource central) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection connection = central.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select \"orchestraId\", count(*) from \"User\""
                    + " where \"orchestraId\" is not null group by \"orchestraId\"");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  /**
   * Records one migration's outcome on the orchestra's row.
   *
   * @param schemaVersion the version the database is at now, or null to keep the recorded one (the
   *     database could not be read)
   */
  public static void recordMigration(
      DataSource central, String orchestraId, String schemaVersion, String result, Instant at)
      throws SQLException {
    try (Connection connection = central.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "update \"Orchestra\" set \"schemaVersion\" = coalesce(?, \"schemaVersion\"),"
                    + " \"lastMigrationResult\" = ?, \"lastMigratedAt\" = ? where \"id\" = ?")) {
      update.setString(1, schemaVersion);
      update.setString(2, result.length() > MAX_RESULT ? result.substring(0, MAX_RESULT) : result);
      // TIMESTAMP(3) columns hold UTC, as the entities' converter writes them.
      update.setObject(
          3, LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
      update.setString(4, orchestraId);
      update.executeUpdate();
    }
  }

  private static Instant utc(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
