package org.ripieno.web;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import org.ripieno.orchestra.musicians.boundary.MusicianJson;

/**
 * JSON-B for the API: unknown properties in a request body are refused (Yasson ignores them by
 * default, so a misspelt field would silently do nothing), a boolean must be {@code true} or {@code
 * false} (Yasson would read {@code "yes"} as false), and nulls are left out of answers.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB =
      JsonbBuilder.create(
          // The API's hottest answer, written without Yasson's per-property reflection.
          mapping().withSerializers(new MusicianJson()));

  /**
   * The API's mapping without its hand-written writers: what each of them must write as it is
   * ({@code MusicianJsonTest}).
   */
  public static JsonbConfig mapping() {
    return new JsonbConfig()
        .withNullValues(false)
        .withDeserializers(new StrictBoolean())
        .setProperty("jsonb.fail-on-unknown-properties", true);
  }

  /** Only JSON's own {@code true} and {@code false}. */
  static final class StrictBoolean implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
      JsonValue value = parser.getValue();
      if (value == JsonValue.TRUE) {
        return Boolean.TRUE;
      }
      if (value == JsonValue.FALSE) {
        return Boolean.FALSE;
      }
      if (value == JsonValue.NULL) {
        return null;
      }
      throw new JsonbException("A true/false field has another value");
    }
  }

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
