package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import org.ripieno.datasafety.JsonDocuments;

/**
 * What a command tells the operator. Plain text on standard output; with {@code --json}, standard
 * output carries exactly one JSON document (written when the command ends, also when it fails) and
 * the text lines go to standard error instead. Every {@code target:} line is also listed in the
 * document's {@code targets}.
 */
public final class Output {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final JsonArrayBuilder targets = Json.createArrayBuilder();
  private final JsonObjectBuilder result = Json.createObjectBuilder();
  private boolean finished;

  Output(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  /** Names the database a command acts on; printed before it acts. */
  public void target(String description) {
    text().println("target: " + description);
    text().flush();
    targets.add(description);
  }

  /** A line for the operator. */
  public void line(String text) {
    text().println(text);
  }

  /** A warning or error: always standard error. */
  public void warn(String text) {
    err.println(text);
  }

  /** A field of the JSON document (ignored without {@code --json}). */
  public void put(String key, JsonValue value) {
    result.add(key, value);
  }

  public void put(String key, String value) {
    result.add(key, value);
  }

  /** Ends the command: with {@code --json}, the one document on standard output. */
  void finish(int exitCode) {
    if (finished) {
      return;
    }
    finished = true;
    if (json) {
      var document =
          Json.createObjectBuilder()
              .add("exitCode", exitCode)
              .add("ok", exitCode == ExitCode.OK)
              .add("targets", targets)
              .addAll(result);
      out.print(JsonDocuments.pretty(document.build()));
    }
    out.flush();
    err.flush();
  }

  /** Ends the command with an error message. */
  void fail(int exitCode, String message) {
    err.println(message);
    if (json) {
      result.add("error", message);
    }
    finish(exitCode);
  }

  private PrintWriter text() {
    return json ? err : out;
  }
}
