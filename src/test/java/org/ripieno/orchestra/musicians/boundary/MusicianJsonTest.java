package org.ripieno.orchestra.musicians.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.web.StrictJson;

class MusicianJsonTest {

  /** The API's mapping without the hand-written writer: what it must write, byte for byte. */
  private static final Jsonb YASSON = JsonbBuilder.create(StrictJson.mapping());

  private static final Jsonb WRITER =
      JsonbBuilder.create(StrictJson.mapping().withSerializers(new MusicianJson()));

  @Test
  void aMusicianWithEveryFieldIsWrittenAsYassonWritesIt() {
    MusicianView full =
        new MusicianView(
            7,
            "MUS007",
            "Åsa",
            "Öberg \"Solo\"",
            "asa@example.org",
            "+46 70 123 45 67",
            "sv",
            true,
            "Line one\nline two \u2603",
            true,
            false,
            "active",
            Instant.parse("2026-01-02T03:04:05Z"),
            Instant.parse("2026-02-03T04:05:06.789Z"),
            Instant.parse("2025-12-31T23:59:59.123456Z"),
            Instant.parse("2026-12-06T18:00:00Z"),
            List.of(
                new MusicianView.Qualification(3, "POS003", "Tutti", 2, 1, "Violin 1"),
                new MusicianView.Qualification(4, "POS004", "Stämledare", 1, 1, "Violin 1")),
            List.of(new MusicianView.Placement(9, "RL009", "A", 3, "Tutti", "Violin 1", 2)));

    assertThat(WRITER.toJson(full)).isEqualTo(YASSON.toJson(full));
  }

  @Test
  void aMusicianWithoutOptionalFieldsLeavesThemOutAsYassonDoes() {
    MusicianView sparse = withoutOptionalFields("archived");

    assertThat(WRITER.toJson(sparse)).isEqualTo(YASSON.toJson(sparse));
  }

  @Test
  void nestedNullsAreWrittenAsYassonWritesThem() {
    MusicianView nested =
        new MusicianView(
            2,
            "MUS002",
            "Cecilia",
            "Lind",
            null,
            null,
            "en",
            false,
            null,
            true,
            false,
            "active",
            null,
            null,
            Instant.EPOCH,
            Instant.EPOCH,
            Arrays.asList(new MusicianView.Qualification(null, null, null, null, null, null), null),
            Arrays.asList(new MusicianView.Placement(null, null, null, null, null, null, 0), null));

    assertThat(WRITER.toJson(nested)).isEqualTo(YASSON.toJson(nested));
  }

  @Test
  void aPageOfMusiciansUsesTheWriterForEachItem() {
    MusicianView one = withoutOptionalFields("active");

    assertThat(WRITER.toJson(List.of(one, one))).isEqualTo(YASSON.toJson(List.of(one, one)));
  }

  /** Bo Ek, MUS001: none of the optional fields, no qualifications, no rankings. */
  private static MusicianView withoutOptionalFields(String status) {
    return new MusicianView(
        1,
        "MUS001",
        "Bo",
        "Ek",
        null,
        null,
        null,
        false,
        null,
        "active".equals(status),
        "archived".equals(status),
        status,
        null,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        List.of(),
        null);
  }
}
