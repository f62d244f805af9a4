package org.ripieno.datasafety.central.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.ripieno.datasafety.JsonDocuments.InvalidDocumentException;
import org.ripieno.security.secrets.ApiKeys;

/**
 * The legacy {@code main-tables-export-<epoch-ms>.json} ({@code exportDate}, {@code orchestras},
 * {@code users}; legacy-operations.md §1.2) read as Ripieno rows. Fields the file has are taken as
 * they are; of the fields older files lack, those with a column default get it from the database,
 * and the few without one are derived here:
 *
 * <ul>
 *   <li>{@code orchestraId} is the orchestra's {@code id} (what the legacy restore did, and the
 *       same on every run);
 *   <li>{@code databaseUrl} becomes the registry's connection settings (host, port, database and
 *       the entry's own login; the password is encrypted when written) and is then cleared, so no
 *       plaintext password stays in central; its query parameters are for the legacy client and are
 *       named in the notes;
 *   <li>{@code provisioningState} is {@code ACTIVE} for an active orchestra with a database (it was
 *       serving), else the column default;
 *   <li>{@code updatedAt} is {@code createdAt} when missing;
 *   <li>a plaintext {@code apiKey} is stored as its hash, with {@code apiKeyLast4} from it.
 * </ul>
 */
public final class LegacyCentralFormat {

  /** A row converted, and what the operator should know about it. */
  public record Converted(JsonObject row, List<String> notes) {}

  private LegacyCentralFormat() {}

  /** Legacy files have no {@code formatVersion}, and both arrays. */
  public static boolean isLegacy(JsonObject file) {
    return !file.containsKey("formatVersion")
        && file.get("orchestras") instanceof jakarta.json.JsonArray
        && file.get("users") instanceof jakarta.json.JsonArray;
  }

  public static Converted orchestra(JsonObject legacy) {
    JsonObjectBuilder row = Json.createObjectBuilder(legacy);
    List<String> notes = new ArrayList<>();
    String name = legacy.getString("subdomain", legacy.getString("id", "?"));
    if (!present(legacy, "orchestraId")) {
      row.add("orchestraId", legacy.get("id"));
    }
    boolean hasDatabase = present(legacy, "databaseHost");
    if (present(legacy, "databaseUrl") && !legacy.containsKey("databaseHost")) {
      LegacyDatabaseUrl url;
      try {
        url = LegacyDatabaseUrl.parse(legacy.getString("databaseUrl"));
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new InvalidDocumentException(
            "Orchestra " + name + ": databaseUrl cannot be read: " + e.getMessage());
      }
      row.add("databaseHost", url.host());
      row.add("databasePort", url.port());
      row.add("databaseName", url.database());
      addOrNull(row, "databaseUser", url.user());
      addOrNull(row, "databasePassword", url.password());
      row.add("databaseUrl", JsonValue.NULL);
      hasDatabase = true;
      notes.add(
          "orchestra "
              + name
              + ": database "
              + url
              + " taken from databaseUrl"
              + (url.password() == null ? "" : " (password encrypted)")
              + (url.parameters().isEmpty()
                  ? ""
                  : "; parameters for the legacy client not carried: " + url.droppedParameters()));
    }
    if (!present(legacy, "provisioningState")
        && hasDatabase
        && "active".equals(legacy.getString("status", null))) {
      row.add("provisioningState", "ACTIVE");
    }
    defaultUpdatedAt(legacy, row);
    Converted hashed = apiKeyHashed(row.build());
    notes.addAll(hashed.notes());
    return new Converted(hashed.row(), notes);
  }

  /**
   * An orchestra row whose {@code apiKey} is a plaintext key (the legacy system stored keys as they
   * were handed out) with the key replaced by its hash ({@link ApiKeys#hash}, what Ripieno stores
   * and compares a presented key with) and {@code apiKeyLast4} taken from it. The hash is the same
   * on every run, so restoring the file again finds the row identical. A stored hash ({@code
   * sha256:...}) is left as it is.
   */
  public static Converted apiKeyHashed(JsonObject orchestra) {
    if (!present(orchestra, "apiKey")
        || !(orchestra.get("apiKey") instanceof JsonString key)
        || key.getString().startsWith(ApiKeys.HASH_PREFIX)) {
      return new Converted(orchestra, List.of());
    }
    String plaintext = key.getString();
    String last4 = plaintext.substring(Math.max(0, plaintext.length() - 4));
    JsonObject row =
        Json.createObjectBuilder(orchestra)
            .add("apiKey", ApiKeys.hash(plaintext))
            .add("apiKeyLast4", last4)
            .build();
    String name = orchestra.getString("subdomain", orchestra.getString("id", "?"));
    return new Converted(
        row,
        List.of(
            "orchestra "
                + name
                + ": the plaintext apiKey is stored as its hash (the key still works; ends in "
                + last4
                + ")"));
  }

  public static JsonObject user(JsonObject legacy) {
    JsonObjectBuilder row = Json.createObjectBuilder(legacy);
    defaultUpdatedAt(legacy, row);
    return row.build();
  }

  private static void defaultUpdatedAt(JsonObject legacy, JsonObjectBuilder row) {
    if (!present(legacy, "updatedAt") && present(legacy, "createdAt")) {
      row.add("updatedAt", legacy.get("createdAt"));
    }
  }

  private static boolean present(JsonObject row, String key) {
    return row.containsKey(key) && !row.isNull(key);
  }

  private static void addOrNull(JsonObjectBuilder row, String key, String value) {
    if (value == null) {
      row.add(key, JsonValue.NULL);
    } else {
      row.add(key, value);
    }
  }
}
