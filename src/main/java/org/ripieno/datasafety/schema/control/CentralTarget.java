package org.ripieno.datasafety.schema.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;

/**
 * Whether a database that work is about to treat as central is central: the one check before
 * central data is restored or central's misplaced tables are dropped. Seen as central, an orchestra
 * database holds nothing but misplaced tables, so cleaning it would back up and drop all of its
 * data; it is recognised by its identity marker table, and a database without the central tables is
 * not central either.
 */
public final class CentralTarget {

  private CentralTarget() {}

  /**
   * @return why the database is not central, or empty when it is
   */
  public static Optional<String> whyNotCentral(Connection connection) throws SQLException {
    SchemaReport report = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
    String database = connection.getCatalog();
    if (report.misplaced().containsKey(IdentityMarker.TABLE)) {
      return Optional.of(
          "Database "
              + database
              + " carries an orchestra identity marker ("
              + IdentityMarker.TABLE
              + "): it is an orchestra's database, not central");
    }
    if (!report.missing().isEmpty()) {
      return Optional.of("Database " + database + " lacks the central tables " + report.missing());
    }
    return Optional.empty();
  }
}
