package org.ripieno.tenancy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What opening an orchestra reads from its database, in one query: its tables, the versions its
 * migration history applied, and its identity marker. Flyway reads the same history with several
 * queries over two connections after scanning the migrations on the classpath; this is the common
 * case's shortcut, and whenever it does not plainly say "current" (a version behind or ahead, a
 * failed migration, no history) the opening falls back to Flyway, which explains or migrates.
 */
record OpeningCheck(
    Set<String> tables, List<String> appliedVersions, long failedMigrations, List<String> markers) {

  private static final String QUERY =
      "select"
          + " (select array_agg(c.relname::text) from pg_catalog.pg_class c"
          + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = 'public' and c.relkind in ('r', 'p')),"
          + " (select array_agg(version) from \""
          + DatabaseKind.MIGRATION_HISTORY_TABLE
          + "\" where success and version is not null),"
          + " (select count(*) from \""
          + DatabaseKind.MIGRATION_HISTORY_TABLE
          + "\" where not success),"
          + " (select array_agg(\"orchestraId\") from \""
          + IdentityMarker.TABLE
          + "\")";

  /** PostgreSQL's "undefined table": the history or the marker table does not exist. */
  private static final String UNDEFINED_TABLE = "42P01";

  /**
   * Reads the database's state, or nothing when it lacks the history or the marker table (then only
   * Flyway and the schema guard can say what it is).
   */
  static Optional<OpeningCheck> read(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(QUERY);
        ResultSet row = query.executeQuery()) {
      row.next();
      return Optional.of(
          new OpeningCheck(
              Set.copyOf(strings(row.getArray(1))),
              strings(row.getArray(2)),
              row.getLong(3),
              strings(row.getArray(4))));
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    } finally {
      array.free();
    }
  }

  /**
   * Whether the history plainly says the database is at exactly the expected version: no failed
   * migration, and the newest applied version is the expected one.
   */
  boolean isAtVersion(String expected) {
    if (failedMigrations > 0 || appliedVersions.isEmpty()) {
      return false;
    }
    MigrationVersion newest =
        appliedVersions.stream()
            .map(MigrationVersion::fromVersion)
            .max(MigrationVersion::compareTo)
            .orElseThrow();
    return newest.equals(MigrationVersion.fromVersion(expected));
  }

  /** The one identity marker the database carries, empty when it carries none (or several). */
  Optional<String> marker() {
    return markers.size() == 1 ? Optional.of(markers.get(0)) : Optional.empty();
  }
}
