package org.ripieno.datasafety.central.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ripieno.security.secrets.SecretBox;

/**
 * What a legacy central row holds that Ripieno keeps in another form, by the rules a legacy central
 * export is restored with ({@link LegacyCentralFormat}): an orchestra's {@code databaseUrl} becomes
 * the registry's host, port, database and login (then cleared, so no plaintext password stays), a
 * plaintext API key its hash, and every secret column the entities encrypt ({@link
 * CentralSecrets#encrypted}: Resend key, Twilio token, webhook secret, SMTP and database passwords,
 * a customer's {@code databaseUrl}) is encrypted. Pure: rows in, changes out.
 */
public final class LegacyCentralRows {

  private static final String ORCHESTRA = "Orchestra";
  private static final String UNCONVERTED_STATE = "REQUESTED";

  private LegacyCentralRows() {}

  /**
   * The changes one row needs.
   *
   * @param changes the new values of the columns that change, secrets still in plaintext
   * @param encrypted the columns of {@code changes} to encrypt when written
   */
  public record Conversion(
      String table, String id, JsonObject changes, Set<String> encrypted, List<String> notes) {

    public Conversion {
      encrypted = Set.copyOf(encrypted);
      notes = List.copyOf(notes);
    }

    /** The row to write: its id and the changed columns, secrets encrypted with the box. */
    public JsonObject row(SecretBox box) {
      JsonObjectBuilder row = Json.createObjectBuilder(changes).add("id", id);
      for (String column : encrypted) {
        row.add(column, box.encrypt(changes.getString(column)));
      }
      return row.build();
    }
  }

  /**
   * @param stored the row as PostgreSQL renders it ({@code row_to_json}), in a table of the current
   *     central schema or of the legacy one
   * @return empty when the row holds nothing in legacy form
   */
  public static Optional<Conversion> convert(String table, JsonObject stored) {
    String id = stored.getString("id");
    JsonObjectBuilder changes = Json.createObjectBuilder();
    List<String> notes = new ArrayList<>();
    JsonObject current = stored;
    if (ORCHESTRA.equals(table)) {
      LegacyCentralFormat.Converted converted = LegacyCentralFormat.orchestra(legacyView(stored));
      notes.addAll(converted.notes());
      // Over the stored row, so the columns the view left out keep their values; addAll builds
      // (and so empties) the builder it is given, hence one made for it.
      current =
          Json.createObjectBuilder(stored)
              .addAll(Json.createObjectBuilder(converted.row()))
              .build();
      changes = Json.createObjectBuilder(current);
      for (String column : current.keySet()) {
        if (Objects.equals(stored.get(column), current.get(column))
            || (current.get(column) == JsonValue.NULL && !stored.containsKey(column))) {
          changes.remove(column);
        }
      }
    }
    Set<String> encrypted = new LinkedHashSet<>();
    for (String column : CentralSecrets.encrypted(table)) {
      if (current.get(column) instanceof JsonString value
          && !SecretBox.isEncrypted(value.getString())) {
        encrypted.add(column);
        changes.add(column, value.getString());
      }
    }
    JsonObject changed = changes.build();
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    List<String> plaintext = encrypted.stream().filter(c -> !c.equals("databasePassword")).toList();
    if (!plaintext.isEmpty()) {
      notes.add(
          table.toLowerCase()
              + " "
              + stored.getString("subdomain", id)
              + ": "
              + String.join(", ", plaintext)
              + " encrypted");
    }
    return Optional.of(new Conversion(table, id, changed, encrypted, notes));
  }

  /**
   * The row as the legacy format reader expects it: columns without a value left out, and the
   * provisioning state the registry migration gave every legacy row left out too while its {@code
   * databaseUrl} is still to be read, so an active orchestra with a database becomes {@code ACTIVE}
   * (it was serving), as a restored legacy export does.
   */
  private static JsonObject legacyView(JsonObject stored) {
    JsonObjectBuilder view = Json.createObjectBuilder();
    boolean unconverted =
        stored.get("databaseUrl") instanceof JsonString
            && !(stored.get("databaseHost") instanceof JsonString);
    stored.forEach(
        (column, value) -> {
          if (value == JsonValue.NULL) {
            return;
          }
          if (unconverted
              && "provisioningState".equals(column)
              && value instanceof JsonString state
              && UNCONVERTED_STATE.equals(state.getString())) {
            return;
          }
          view.add(column, value);
        });
    return view.build();
  }
}
