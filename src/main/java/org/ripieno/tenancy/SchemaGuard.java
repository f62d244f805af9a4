package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the tables of a database with the set its kind must hold. One catalog query, plus one
 * count per misplaced table (there are normally none).
 */
public final class SchemaGuard {

  private static final String TABLES_IN_PUBLIC_SCHEMA =
      "select c.relname from pg_catalog.pg_class c"
          + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = 'public' and c.relkind in ('r', 'p')";

  private SchemaGuard() {}

  public static SchemaReport inspect(Connection connection, DatabaseKind kind) throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(TABLES_IN_PUBLIC_SCHEMA);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        present.add(rows.getString(1));
      }
    }
    return inspect(connection, kind, present);
  }

  /**
   * Compares tables already read (the names of the public schema's tables) with the kind's set; a
   * query only for a misplaced table's rows.
   */
  public static SchemaReport inspect(Connection connection, DatabaseKind kind, Set<String> present)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    for (String table : kind.tables()) {
      if (!present.contains(table)) {
        missing.add(table);
      }
    }
    Map<String, Long> misplaced = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (String table : present) {
      if (kind.tables().contains(table) || DatabaseKind.MIGRATION_HISTORY_TABLE.equals(table)) {
        continue;
      }
      if (kind.other().tables().contains(table)) {
        misplaced.put(table, countRows(connection, table));
      } else {
        unknown.add(table);
      }
    }
    missing.sort(null);
    unknown.sort(null);
    return new SchemaReport(connection.getCatalog(), kind, missing, misplaced, unknown);
  }

  private static long countRows(Connection connection, String table) throws SQLException {
    // The name comes from our own table set, never from input; quoting keeps its case.
    try (Statement count = connection.createStatement();
        ResultSet result = count.executeQuery("select count(*) from \"" + table + "\"")) {
      result.next();
      return result.getLong(1);
    }
  }
}
