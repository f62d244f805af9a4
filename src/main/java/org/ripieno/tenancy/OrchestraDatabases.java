package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates and drops orchestra databases on a PostgreSQL server, through the server's maintenance
 * connection (separate from every pool). A created database is migrated to the current version and
 * carries its orchestra's identity marker before anyone can route to it.
 */
public final class OrchestraDatabases {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private OrchestraDatabases() {}

  /**
   * @param server login to the server's maintenance database (e.g. {@code postgres})
   * @return the login of the new database, with the server's credentials
   */
  public static DatabaseLogin create(DatabaseLogin server, String databaseName, String orchestraId)
      throws SQLException {
    requireValidName(databaseName);
    try (Connection maintenance = server.connect();
        Statement create = maintenance.createStatement()) {
      create.execute("CREATE DATABASE \"" + databaseName + "\"");
    }
    DatabaseLogin login = server.forDatabase(databaseName, "ripieno:create:" + databaseName);
    PGSimpleDataSource dataSource = login.dataSource();
    Migrations.migrate(dataSource, DatabaseKind.ORCHESTRA);
    try (Connection connection = dataSource.getConnection()) {
      IdentityMarker.write(connection, orchestraId);
    }
    return login;
  }

  /** Whether the server holds a database of this name. */
  public static boolean exists(Connection maintenance, String databaseName) throws SQLException {
    try (PreparedStatement query =
        maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, databaseName);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  /**
   * Whether the server's database of this name accepts connections (a spare does not until it is
   * claimed); empty when there is no such database.
   */
  public static Optional<Boolean> allowsConnections(Connection maintenance, String databaseName)
      throws SQLException {
    try (PreparedStatement query =
        maintenance.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
      query.setString(1, databaseName);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
      }
    }
  }

  /** Opens the database to connections again (a claimed spare's state). */
  public static void allowConnections(Connection maintenance, String databaseName)
      throws SQLException {
    requireValidName(databaseName);
    try (Statement alter = maintenance.createStatement()) {
      alter.execute("ALTER DATABASE \"" + databaseName + "\" WITH ALLOW_CONNECTIONS true");
    }
  }

  /** Drops the database, ending sessions still connected to it. */
  public static void drop(DatabaseLogin server, String databaseName) throws SQLException {
    requireValidName(databaseName);
    try (Connection maintenance = server.connect();
        Statement drop = maintenance.createStatement()) {
      drop.execute("DROP DATABASE IF EXISTS \"" + databaseName + "\" WITH (FORCE)");
    }
  }

  static void requireValidName(String databaseName) {
    if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
      throw new IllegalArgumentException(
          "A database name is 1 to 63 lower-case letters, digits or _, starting with a letter: "
              + databaseName);
    }
  }
}
