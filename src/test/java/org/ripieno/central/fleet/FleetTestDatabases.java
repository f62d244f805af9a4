package org.ripieno.central.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.ds.PGSimpleDataSource;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.testing.TestPostgres;

/** Orchestra databases at a chosen schema version, and their central rows, for fleet tests. */
public final class FleetTestDatabases {

  private FleetTestDatabases() {}

  /**
   * An orchestra database migrated to one version before the newest this code carries, with its
   * identity marker written (the marker table is older than that), dropped when the run ends.
   */
  public static DatabaseLogin oneBehind(TestPostgres postgres, String purpose, String orchestraId)
      throws SQLException {
    DatabaseLogin database = postgres.createEmpty(purpose);
    PGSimpleDataSource dataSource = database.dataSource();
    Migrations.flywayConfiguration(dataSource, DatabaseKind.ORCHESTRA)
        .target(previousVersion(dataSource))
        .load()
        .migrate();
    try (Connection connection = dataSource.getConnection()) {
      IdentityMarker.write(connection, orchestraId);
    }
    return database;
  }

  /** The second newest orchestra migration version this code carries. */
  public static String previousVersion(DataSource anyDatabase) {
    List<MigrationVersion> versions = versions(anyDatabase);
    if (versions.size() < 2) {
      throw new IllegalStateException("Need two orchestra migrations to be one behind");
    }
    return versions.get(versions.size() - 2).getVersion();
  }

  /** The newest orchestra migration version this code carries. */
  public static String latestVersion(DataSource anyDatabase) {
    List<MigrationVersion> versions = versions(anyDatabase);
    return versions.get(versions.size() - 1).getVersion();
  }

  /** The version an orchestra database is at now. */
  public static String currentVersion(DatabaseLogin database) {
    return Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA).current();
  }

  private static List<MigrationVersion> versions(DataSource anyDatabase) {
    return java.util.Arrays.stream(
            Migrations.flyway(anyDatabase, DatabaseKind.ORCHESTRA).info().all())
        // Only this code's migrations, not what the given database's history lists.
        .filter(migration -> migration.getState().isResolved())
        .map(MigrationInfo::getVersion)
        .filter(Objects::nonNull)
        .distinct()
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  /**
   * Registers an orchestra in central as {@code PlatformFixture.registerOrchestra} does, with the
   * given status; a null database leaves the row without one (provisioning not done).
   */
  public static void register(
      DatabaseLogin central,
      String id,
      String subdomain,
      String status,
      int pricePerMonth,
      DatabaseLogin database)
      throws SQLException {
    try (Connection connection = central.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\","
                    + " \"status\", \"contactName\", \"contactEmail\", \"updatedAt\","
                    + " \"pricePerMonth\", \"provisioningState\", \"databaseHost\","
                    + " \"databasePort\", \"databaseName\") values (?, ?, ?, ?, ?, 'Contact',"
                    + " 'contact@example.org', now(), ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, id + "-code");
      insert.setString(3, "Orchestra " + subdomain);
      insert.setString(4, subdomain);
      insert.setString(5, status);
      insert.setInt(6, pricePerMonth);
      insert.setString(7, database == null ? "REQUESTED" : "ACTIVE");
      insert.setString(8, database == null ? null : database.address().host());
      insert.setObject(9, database == null ? null : database.address().port());
      insert.setString(10, database == null ? null : database.address().database());
      insert.executeUpdate();
    }
  }
}
