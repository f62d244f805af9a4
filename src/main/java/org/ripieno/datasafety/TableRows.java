package org.ripieno.datasafety;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rows as JSON, converted by PostgreSQL itself in both directions ({@code row_to_json} out, {@code
 * json_populate_record} in), so every type round-trips exactly, whatever the server version and
 * without a client-side mapping of types.
 */
public final class TableRows {

  private TableRows() {}

  /** A quoted identifier: table and column names keep their case ("Musician", "firstName"). */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Every row of the table, ordered by the given columns (or unordered when none). */
  public static JsonArray readAll(Connection connection, String table, List<String> orderBy)
      throws SQLException {
    String order =
        orderBy.isEmpty()
            ? ""
            : " order by "
                + orderBy.stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", "));
    JsonArrayBuilder rows = Json.createArrayBuilder();
    try (Statement query = connection.createStatement();
        ResultSet result =
            query.executeQuery("select row_to_json(t)::text from " + quote(table) + " t" + order)) {
      while (result.next()) {
        rows.add(JsonDocuments.parseObject(result.getString(1)));
      }
    }
    return rows.build();
  }

  /** The row with this id, as PostgreSQL renders it. */
  public static Optional<JsonObject> byId(Connection connection, String table, String id)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select row_to_json(t)::text from " + quote(table) + " t where t.\"id\"::text = ?")) {
      query.setString(1, id);
      try (ResultSet result = query.executeQuery()) {
        return result.next()
            ? Optional.of(JsonDocuments.parseObject(result.getString(1)))
            : Optional.empty();
      }
    }
  }

  /**
   * How PostgreSQL reads a JSON row into the table's row type and renders it back: the value the
   * row would have once written, for comparison with what is stored.
   */
  public static JsonObject asStored(Connection connection, String table, JsonObject row)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select row_to_json(f)::text from json_populate_record(null::"
                + quote(table)
                + ", ?::json) f")) {
      query.setString(1, row.toString());
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return JsonDocuments.parseObject(result.getString(1));
      }
    }
  }

  /**
   * Inserts the rows into the named columns (the others get their defaults) in one statement.
   *
   * @param overridingSystemValue for tables with {@code GENERATED ALWAYS AS IDENTITY} columns
   */
  public static int insertAll(
      Connection connection,
      String table,
      List<String> columns,
      JsonArray rows,
      boolean overridingSystemValue)
      throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    String names = columns.stream().map(TableRows::quote).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "r." + quote(c)).collect(Collectors.joining(", "));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into "
                + quote(table)
                + " ("
                + names
                + ")"
                + (overridingSystemValue ? " overriding system value" : "")
                + " select "
                + values
                + " from json_populate_recordset(null::"
                + quote(table)
                + ", ?::json) r")) {
      insert.setString(1, rows.toString());
      return insert.executeUpdate();
    }
  }

  public static long count(Connection connection, String table) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet result = query.executeQuery("select count(*) from " + quote(table))) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Whether the table exists in the public schema. */
  public static boolean exists(Connection connection, String table) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select to_regclass('public.' || quote_ident(?)) is not null")) {
      query.setString(1, table);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }
}
