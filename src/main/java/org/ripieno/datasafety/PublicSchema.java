package org.ripieno.datasafety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the commands need to know of a database's public schema before they decide. */
public final class PublicSchema {

  private PublicSchema() {}

  /** No relation of any kind in the public schema: a database nobody has used yet. */
  public static boolean isEmpty(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement(
                "select count(*) from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
                    + " on n.oid = c.relnamespace where n.nspname = 'public'");
        ResultSet result = query.executeQuery()) {
      result.next();
      return result.getLong(1) == 0;
    }
  }
}
