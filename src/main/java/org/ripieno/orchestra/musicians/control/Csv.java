package org.ripieno.orchestra.musicians.control;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader and writer: fields separated by {@code ,} or {@code ;} (detected from the
 * header row, since spreadsheets in Swedish locales write {@code ;}), quoted fields with doubled
 * quotes and line breaks inside, {@code CRLF}, {@code LF} or {@code CR} line ends, an optional
 * UTF-8 byte order mark. A quote inside an unquoted field is kept as it is (spreadsheets write
 * {@code 12" LP} so). Blank lines are skipped. Each row keeps the line it starts on, so errors can
 * name it.
 */
public final class Csv {

  /** One record and the (1-based) line it starts on. */
  public record Row(int line, List<String> fields) {}

  /** A parsed file: the separator it uses and its rows, the header first. */
  public record Table(char separator, List<Row> rows) {}

  /** The file is not well-formed CSV; {@code line} is where the problem is. */
  public static final class MalformedCsv extends RuntimeException {
    private final int line;

    MalformedCsv(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private static final char BOM = '\uFEFF';
  private static final char QUOTE = '"';

  private Csv() {}

  public static Table parse(String text) {
    String body = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    char separator = detectSeparator(body);
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    int i = 0;
    int n = body.length();
    boolean fieldStarted = false;
    boolean rowStarted = false;
    while (i < n) {
      char c = body.charAt(i);
      if (c == QUOTE && field.isEmpty() && !fieldStarted) {
        int quoteLine = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new MalformedCsv(quoteLine, "a quoted field is not closed");
          }
          char q = body.charAt(i);
          if (q == QUOTE) {
            if (i + 1 < n && body.charAt(i + 1) == QUOTE) {
              field.append(QUOTE);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\r' || q == '\n') {
            line++;
            if (q == '\r' && i + 1 < n && body.charAt(i + 1) == '\n') {
              field.append('\r');
              i++;
              q = '\n';
            }
          }
          field.append(q);
          i++;
        }
        fieldStarted = true;
        if (i < n && !isEnd(body.charAt(i), separator)) {
          throw new MalformedCsv(line, "unexpected text after a closing quote");
        }
        continue;
      }
      if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        rowStarted = true;
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        endRow(rows, fields, field, fieldStarted || rowStarted, rowLine);
        fields = new ArrayList<>();
        fieldStarted = false;
        rowStarted = false;
        i += c == '\r' && i + 1 < n && body.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
        rowLine = line;
        continue;
      }
      field.append(c);
      fieldStarted = true;
      i++;
    }
    endRow(rows, fields, field, fieldStarted || rowStarted, rowLine);
    return new Table(separator, rows);
  }

  private static boolean isEnd(char c, char separator) {
    return c == separator || c == '\r' || c == '\n';
  }

  private static void endRow(
      List<Row> rows, List<String> fields, StringBuilder field, boolean started, int line) {
    if (!started) {
      return; // a blank line
    }
    fields.add(field.toString());
    field.setLength(0);
    rows.add(new Row(line, List.copyOf(fields)));
  }

  /**
   * {@code ;} when the first row has more semicolons than commas outside quotes, else {@code ,}.
   */
  static char detectSeparator(String body) {
    int commas = 0;
    int semicolons = 0;
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == QUOTE) {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted && c == ',') {
        commas++;
      } else if (!quoted && c == ';') {
        semicolons++;
      }
    }
    return semicolons > commas ? ';' : ',';
  }

  /** The rows as CSV with {@code CRLF} line ends, quoting only the fields that need it. */
  public static String write(char separator, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          out.append(separator);
        }
        appendField(out, row.get(i), separator);
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  private static void appendField(StringBuilder out, String value, char separator) {
    if (value == null) {
      return;
    }
    boolean needsQuotes =
        value.indexOf(separator) >= 0
            || value.indexOf(QUOTE) >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0
            || (!value.isEmpty()
                && (Character.isWhitespace(value.charAt(0))
                    || Character.isWhitespace(value.charAt(value.length() - 1))));
    if (!needsQuotes) {
      out.append(value);
      return;
    }
    out.append(QUOTE).append(value.replace("\"", "\"\"")).append(QUOTE);
  }
}
