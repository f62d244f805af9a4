package org.ripieno.orchestra.musicians.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Rows that PostgreSQL aggregated into one JSON array of arrays ({@code json_agg(json_build_array(
 * ...))}), so that a query returns a parent row and its children in one round trip: each row is
 * read by column index, a JSON {@code null} as Java {@code null}.
 */
record JsonRows(JsonArray row) {

  /**
   * Made once: {@code Json.createReader} looks the provider up through the service loader at every
   * call, which cost more than the query it read when the musician read did that per request.
   */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /** The rows of the array; none for SQL {@code NULL} or {@code []}. */
  static List<JsonRows> of(String json) {
    if (json == null) {
      return List.of();
    }
    try (var reader = READERS.createReader(new StringReader(json))) {
      return reader.readArray().stream().map(JsonValue::asJsonArray).map(JsonRows::new).toList();
    }
  }

  Integer integer(int column) {
    JsonValue value = row.get(column);
    return value.getValueType() == JsonValue.ValueType.NULL
        ? null
        : ((JsonNumber) value).intValueExact();
  }

  String text(int column) {
    JsonValue value = row.get(column);
    return value.getValueType() == JsonValue.ValueType.NULL
        ? null
        : ((JsonString) value).getString();
  }
}
