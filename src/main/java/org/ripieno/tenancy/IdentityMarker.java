package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The orchestra id an orchestra database carries in itself (table {@value #TABLE}, one row, created
 * by migration V2 and mapped by no entity, so no API can change it). Opening an orchestra compares
 * it with the registry entry, so an entry that points at another orchestra's database fails loudly
 * instead of serving the wrong data.
 */
public final class IdentityMarker {

  public static final String TABLE = "OrchestraIdentity";

  private IdentityMarker() {}

  public static Optional<String> read(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("select \"orchestraId\" from \"" + TABLE + "\"");
        ResultSet row = query.executeQuery()) {
      return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
    }
  }

  /**
   * Marks the database as the given orchestra's. Writing the same id again is harmless; a database
   * already marked for another orchestra is refused.
   */
  public static void write(Connection connection, String orchestraId) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into \"" + TABLE + "\" (\"orchestraId\") values (?) on conflict do nothing")) {
      insert.setString(1, orchestraId);
      insert.executeUpdate();
    }
    verify(connection, orchestraId);
  }

  /** Throws unless the database carries exactly this orchestra's marker. */
  public static void verify(Connection connection, String orchestraId) throws SQLException {
    verify(connection.getCatalog(), read(connection), orchestraId);
  }

  /** Throws unless the marker read from the database is exactly this orchestra's. */
  public static void verify(String database, Optional<String> marker, String orchestraId) {
    if (marker.isEmpty()) {
      throw new IdentityMismatchException(
          "Database " + database + " carries no orchestra identity marker");
    }
    if (!marker.get().equals(orchestraId)) {
      throw new IdentityMismatchException(
          "Database "
              + database
              + " belongs to orchestra "
              + marker.get()
              + ", not to orchestra "
              + orchestraId);
    }
  }

  /** A database that is not the orchestra's own. */
  public static final class IdentityMismatchException extends IllegalStateException {
    IdentityMismatchException(String message) {
      super(message);
    }
  }
}
