package org.ripieno.orchestra.musicians.boundary;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a {@link MusicianView} exactly as the API's JSON-B mapping would ({@code StrictJson}:
 * properties in lexicographic order, nulls left out, instants in ISO-8601), straight to the
 * generator. Yasson's reflective mapping (a visibility, null and recursion check around every
 * property) was about 9 % of the CPU of an orchestra's single-musician read, the API's most
 * frequent call; {@code MusicianJsonTest} holds this writer to Yasson's own output.
 */
public final class MusicianJson implements JsonbSerializer<MusicianView> {

  @Override
  public void serialize(MusicianView view, JsonGenerator json, SerializationContext context) {
    json.writeStartObject();
    instant(json, "archivedAt", view.archivedAt());
    instant(json, "createdAt", view.createdAt());
    string(json, "email", view.email());
    string(json, "firstName", view.firstName());
    integer(json, "id", view.id());
    json.write("isActive", view.isActive());
    json.write("isArchived", view.isArchived());
    string(json, "lastName", view.lastName());
    json.write("localResidence", view.localResidence());
    string(json, "musicianId", view.musicianId());
    string(json, "notes", view.notes());
    string(json, "phone", view.phone());
    string(json, "preferredLanguage", view.preferredLanguage());
    qualifications(json, view.qualifications());
    rankings(json, view.rankings());
    instant(json, "restoredAt", view.restoredAt());
    string(json, "status", view.status());
    instant(json, "updatedAt", view.updatedAt());
    json.writeEnd();
  }

  private static void qualifications(JsonGenerator json, List<MusicianView.Qualification> list) {
    array(
        json,
        "qualifications",
        list,
        q -> {
          integer(json, "hierarchyLevel", q.hierarchyLevel());
          integer(json, "instrumentId", q.instrumentId());
          string(json, "instrumentName", q.instrumentName());
          string(json, "positionCode", q.positionCode());
          integer(json, "positionId", q.positionId());
          string(json, "positionName", q.positionName());
        });
  }

  private static void rankings(JsonGenerator json, List<MusicianView.Placement> list) {
    array(
        json,
        "rankings",
        list,
        p -> {
          string(json, "instrumentName", p.instrumentName());
          string(json, "listCode", p.listCode());
          integer(json, "listId", p.listId());
          string(json, "listType", p.listType());
          integer(json, "positionId", p.positionId());
          string(json, "positionName", p.positionName());
          json.write("rank", p.rank());
        });
  }

  /** A list as an array of objects (a null element as null), left out when the list is null. */
  private static <T> void array(
      JsonGenerator json, String name, List<T> list, Consumer<T> properties) {
    if (list == null) {
      return;
    }
    json.writeStartArray(name);
    for (T element : list) {
      if (element == null) {
        json.writeNull();
        continue;
      }
      json.writeStartObject();
      properties.accept(element);
      json.writeEnd();
    }
    json.writeEnd();
  }

  private static void string(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.write(name, value);
    }
  }

  private static void integer(JsonGenerator json, String name, Integer value) {
    if (value != null) {
      json.write(name, value);
    }
  }

  private static void instant(JsonGenerator json, String name, Instant value) {
    if (value != null) {
      json.write(name, value.toString());
    }
  }
}
