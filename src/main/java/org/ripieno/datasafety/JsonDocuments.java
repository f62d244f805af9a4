package org.ripieno.datasafety;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ripieno.config.OwnerOnlyFiles;

/**
 * Reading and writing the JSON documents of the data-safety tools (exports, backups, reports) with
 * JSON-P, which the server provides and the command line carries, so both write the same bytes.
 */
public final class JsonDocuments {

  private static final JsonWriterFactory PRETTY =
      Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  private JsonDocuments() {}

  /** A JSON object from text; a document that is not one is refused with the reason. */
  public static JsonObject parseObject(String text) {
    JsonValue value = parse(text);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidDocumentException("The document is not a JSON object");
    }
    return value.asJsonObject();
  }

  public static JsonValue parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw new InvalidDocumentException("The document is not valid JSON: " + e.getMessage());
    }
  }

  public static JsonObject readObject(Path file) {
    try {
      return parseObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (" + e + ")", e);
    }
  }

  /** Indented, with a final newline. */
  public static String pretty(JsonStructure document) {
    StringWriter text = new StringWriter();
    write(document, text);
    return text.toString().stripLeading() + System.lineSeparator();
  }

  public static void write(JsonStructure document, Writer out) {
    try (JsonWriter writer = PRETTY.createWriter(out)) {
      writer.write(document);
    }
  }

  /**
   * Writes the document next to the file first, forces it to disk and then moves it in place, so a
   * file of that name is either complete or absent (never half a backup). The file is readable by
   * its owner only from the moment it exists (backups hold every row of a table), and directories
   * it creates are its owner's only too ({@link OwnerOnlyFiles}).
   */
  public static void writeDurably(JsonStructure document, Path file) {
    try {
      Path directory = file.toAbsolutePath().getParent();
      OwnerOnlyFiles.createDirectories(directory);
      Path partial = directory.resolve(file.getFileName() + ".partial");
      OwnerOnlyFiles.createEmpty(partial);
      Files.writeString(
          partial,
          pretty(document),
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** A document that cannot be read as what it claims to be. */
  public static final class InvalidDocumentException extends IllegalArgumentException {
    public InvalidDocumentException(String message) {
      super(message);
    }
  }
}
