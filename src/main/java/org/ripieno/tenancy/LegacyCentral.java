package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A central database the legacy system made (its central script, or Prisma): the legacy registry
 * tables {@code Orchestra} and {@code User}, no Ripieno migration history and no orchestra identity
 * marker. Flyway refuses such a database with advice for a developer ("use baseline()"); the server
 * and readiness recognise it first and tell the operator to adopt it ({@code ripieno-admin central
 * adopt}), which is the one place that brings it to Ripieno's schema.
 */
public final class LegacyCentral {

  /** Readiness is public: general words, never the database's name or address. */
  public static final String PROBLEM =
      "This is a central database of the legacy system, not yet adopted by Ripieno";

  /** What the operator does, for readiness (the database's name stays a placeholder). */
  public static final String ACTION =
      "Adopt it with ripieno-admin central adopt --confirm <database name> (docs/admin.md,"
          + " 'central adopt'); Ripieno uses it once it is adopted, without a restart";

  private static final String RECOGNISE =
      "select to_regclass('public.\"Orchestra\"') is not null"
          + " and to_regclass('public.\"User\"') is not null"
          + " and to_regclass('public."
          + DatabaseKind.MIGRATION_HISTORY_TABLE
          + "') is null"
          + " and to_regclass('public.\""
          + IdentityMarker.TABLE
          + "\"') is null";

  private LegacyCentral() {}

  /** Whether the connection's database is a legacy central database, not yet adopted. */
  public static boolean recognise(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet result = query.executeQuery(RECOGNISE)) {
      result.next();
      return result.getBoolean(1);
    }
  }

  /** For the log, which the operator reads: names the database to confirm with. */
  public static String logMessage(String database) {
    return "The central database "
        + database
        + " is a central database of the legacy system (Orchestra and User, without Ripieno's"
        + " migration history); Ripieno does not change it by itself. Adopt it with:"
        + " ripieno-admin central adopt --confirm "
        + database
        + " (try --dry-run first; docs/admin.md). Ripieno uses it once it is adopted, without a"
        + " restart";
  }
}
