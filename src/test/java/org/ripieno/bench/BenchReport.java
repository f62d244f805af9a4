package org.ripieno.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: one table on the console, the same as Markdown and JSON. */
final class BenchReport {

  /**
   * One line of the table: what was measured, its reference measured in the same run, their ratio
   * and the issue's target for it (null when the line only informs).
   */
  record Line(
      String figure,
      String what,
      String measured,
      String reference,
      Double ratio,
      String target,
      Boolean met) {}

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, String> machine = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  void machine(String key, String value) {
    machine.put(key, value);
  }

  void note(String text) {
    notes.add(text);
    System.out.println("  note: " + text);
  }

  void add(Line line) {
    lines.add(line);
    System.out.println(
        "  "
            + line.figure()
            + " "
            + line.what()
            + ": "
            + line.measured()
            + " | "
            + line.reference()
            + (line.ratio() == null ? "" : String.format(" | ratio %.3f", line.ratio()))
            + (line.target() == null ? "" : " | target " + line.target()));
  }

  /** A line whose ratio is compared with a target: at most or at least the bound. */
  void ratio(
      String figure,
      String what,
      String measured,
      String reference,
      double ratio,
      boolean atMost,
      double bound) {
    add(
        new Line(
            figure,
            what,
            measured,
            reference,
            ratio,
            (atMost ? "≤ " : "≥ ") + trim(bound),
            atMost ? ratio <= bound : ratio >= bound));
  }

  /** A ratio shown for context, compared with no target. */
  void context(String figure, String what, String measured, String reference, double ratio) {
    add(new Line(figure, what, measured, reference, ratio, null, null));
  }

  void info(String figure, String what, String measured, String reference) {
    add(new Line(figure, what, measured, reference, null, null, null));
  }

  void check(String figure, String what, String measured, String target, boolean met) {
    add(new Line(figure, what, measured, "", null, target, met));
  }

  String table() {
    String[] header = {"#", "what", "measured", "reference", "ratio", "target", "met"};
    List<String[]> rows = new ArrayList<>();
    for (Line line : lines) {
      rows.add(
          new String[] {
            line.figure(),
            line.what(),
            line.measured(),
            line.reference(),
            line.ratio() == null ? "" : String.format("%.3f", line.ratio()),
            line.target() == null ? "" : line.target(),
            line.met() == null ? "" : line.met() ? "yes" : "NO"
          });
    }
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendRow(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("|").append("-".repeat(width + 2));
    }
    out.append(rule).append("|\n");
    for (String[] row : rows) {
      appendRow(out, row, widths);
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
    for (int i = 0; i < cells.length; i++) {
      out.append("| ").append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 1));
    }
    out.append("|\n");
  }

  void write(Path directory) throws Exception {
    Files.createDirectories(directory);
    StringBuilder md = new StringBuilder("# Ripieno benchmark\n\n");
    for (Map.Entry<String, String> entry : machine.entrySet()) {
      md.append("- ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
    }
    md.append('\n').append(table()).append('\n');
    if (!notes.isEmpty()) {
      md.append("Notes:\n\n");
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    Files.writeString(directory.resolve("report.md"), md, StandardCharsets.UTF_8);

    JsonObjectBuilder json = Json.createObjectBuilder();
    JsonObjectBuilder machineJson = Json.createObjectBuilder();
    machine.forEach(machineJson::add);
    json.add("machine", machineJson);
    JsonArrayBuilder figures = Json.createArrayBuilder();
    for (Line line : lines) {
      JsonObjectBuilder figure =
          Json.createObjectBuilder()
              .add("figure", line.figure())
              .add("what", line.what())
              .add("measured", line.measured())
              .add("reference", line.reference());
      if (line.ratio() != null) {
        figure.add("ratio", line.ratio());
      }
      if (line.target() != null) {
        figure.add("target", line.target());
      }
      if (line.met() != null) {
        figure.add("met", line.met());
      }
      figures.add(figure);
    }
    json.add("figures", figures);
    JsonArrayBuilder notesJson = Json.createArrayBuilder();
    notes.forEach(notesJson::add);
    json.add("notes", notesJson);
    StringWriter text = new StringWriter();
    try (var writer =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
      writer.writeObject(json.build());
    }
    Files.writeString(directory.resolve("report.json"), text.toString(), StandardCharsets.UTF_8);
  }

  static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
