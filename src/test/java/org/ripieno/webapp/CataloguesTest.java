package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The web application's message catalogues: one per language, with the same keys. */
class CataloguesTest {

  private static final Path APP = Path.of("src", "main", "webapp", "app");
  private static final Pattern STATIC_KEY = Pattern.compile("(?<![\\w.])t\\('([\\w.-]+)'");

  private static JsonObject catalogue(String language) throws IOException {
    try (JsonReader reader =
        Json.createReader(Files.newBufferedReader(APP.resolve("i18n/" + language + ".json")))) {
      return reader.readObject();
    }
  }

  @Test
  void everySwedishKeyHasAnEnglishMessageAndTheOtherWayRound() throws IOException {
    JsonObject swedish = catalogue("sv");
    JsonObject english = catalogue("en");
    assertThat(english.keySet()).containsExactlyInAnyOrderElementsOf(swedish.keySet());
  }

  @Test
  void everyMessageIsNonEmptyTextWithTheSamePlaceholdersInBothLanguages() throws IOException {
    JsonObject swedish = catalogue("sv");
    JsonObject english = catalogue("en");
    for (String key : swedish.keySet()) {
      assertThat(swedish.get(key).getValueType()).as(key).isEqualTo(JsonValue.ValueType.STRING);
      assertThat(swedish.getString(key)).as(key).isNotBlank();
      assertThat(english.getString(key)).as(key).isNotBlank();
      assertThat(placeholders(english.getString(key)))
          .as(key)
          .isEqualTo(placeholders(swedish.getString(key)));
    }
  }

  @Test
  void everyKeyTheCodeAsksForByNameIsInTheCatalogue() throws IOException {
    Set<String> keys = catalogue("sv").keySet();
    Set<String> asked = new TreeSet<>();
    try (Stream<Path> files = Files.walk(APP)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
        Matcher key = STATIC_KEY.matcher(Files.readString(file));
        while (key.find()) {
          asked.add(key.group(1));
        }
      }
    }
    assertThat(asked).isNotEmpty();
    assertThat(keys).containsAll(asked);
  }

  private static Set<String> placeholders(String message) {
    Set<String> names = new TreeSet<>();
    Matcher placeholder = Pattern.compile("\\{(\\w+)}").matcher(message);
    while (placeholder.find()) {
      names.add(placeholder.group(1));
    }
    return names;
  }
}
