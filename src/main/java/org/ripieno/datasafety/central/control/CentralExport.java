package org.ripieno.datasafety.central.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ripieno.datasafety.TableRows;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseKind;

/**
 * Writes the central database in Ripieno's format ({@link CentralFormat}): every column of every
 * row of the central tables, read in one snapshot. Secrets stay encrypted as stored (a legacy
 * plaintext value still in the database is encrypted on the way out), or are left out on request.
 */
public final class CentralExport {

  private CentralExport() {}

  /**
   * @param secrets needed only when a secret is still stored in plaintext
   */
  public static JsonObject export(
      Connection central, boolean withoutSecrets, Supplier<SecretBox> secrets) throws SQLException {
    boolean autoCommit = central.getAutoCommit();
    central.setAutoCommit(false);
    central.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    central.setReadOnly(true);
    try {
      JsonObjectBuilder document =
          Json.createObjectBuilder()
              .add("kind", CentralFormat.KIND)
              .add("formatVersion", CentralFormat.FORMAT_VERSION)
              .add("exportDate", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
              .add("database", central.getCatalog());
      String version = schemaVersion(central);
      if (version != null) {
        document.add("schemaVersion", version);
      }
      document.add("secretsIncluded", !withoutSecrets);
      for (String table : CentralFormat.tables()) {
        JsonArray rows = TableRows.readAll(central, table, List.of("id"));
        document.add(CentralFormat.key(table), secretsOf(table, rows, withoutSecrets, secrets));
      }
      return document.build();
    } finally {
      central.rollback();
      central.setReadOnly(false);
      central.setAutoCommit(autoCommit);
    }
  }

  /** Per table, how many rows an export holds. */
  public static Map<String, Integer> counts(JsonObject export) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : CentralFormat.tables()) {
      JsonArray rows = export.getJsonArray(CentralFormat.key(table));
      counts.put(table, rows == null ? 0 : rows.size());
    }
    return counts;
  }

  private static JsonArray secretsOf(
      String table, JsonArray rows, boolean withoutSecrets, Supplier<SecretBox> secrets) {
    Set<String> encrypted = CentralSecrets.encrypted(table);
    Set<String> leftOut = CentralSecrets.leftOutWithoutSecrets(table);
    JsonArrayBuilder result = Json.createArrayBuilder();
    for (JsonValue value : rows) {
      JsonObject row = value.asJsonObject();
      JsonObjectBuilder copy = Json.createObjectBuilder(row);
      if (withoutSecrets) {
        leftOut.forEach(copy::remove);
      } else {
        for (String column : encrypted) {
          if (row.get(column) instanceof JsonString stored
              && !SecretBox.isEncrypted(stored.getString())) {
            copy.add(column, secrets.get().encrypt(stored.getString()));
          }
        }
      }
      result.add(copy);
    }
    return result.build();
  }

  private static String schemaVersion(Connection central) throws SQLException {
    if (!TableRows.exists(central, DatabaseKind.MIGRATION_HISTORY_TABLE)) {
      return null;
    }
    try (Statement query = central.createStatement();
        ResultSet result =
            query.executeQuery(
                "select version from "
                    + TableRows.quote(DatabaseKind.MIGRATION_HISTORY_TABLE)
                    + " where success and version is not null"
                    + " order by installed_rank desc limit 1")) {
      return result.next() ? result.getString(1) : null;
    }
  }
}
