package org.ripieno.orchestra.templates.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email template text ({@code legacy-system.md} §3.12): {@code {{key}}} placeholders replaced by
 * the sender's values (a key without a value stays as written), then the plain text turned into
 * simple HTML, one paragraph per line, with markdown links {@code [text](url)} as links.
 */
public final class TemplateText {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");

  /** Every variable a sender supplies, in camelCase and the legacy snake_case. */
  public static final Set<String> KNOWN =
      Set.copyOf(
          List.of(
              "firstName",
              "first_name",
              "lastName",
              "last_name",
              "musician_name",
              "musicianName",
              "projectName",
              "project_name",
              "position",
              "positionName",
              "position_name",
              "instrumentName",
              "instrument_name",
              "startDate",
              "start_date",
              "weekNumber",
              "week_number",
              "rehearsalSchedule",
              "rehearsal_schedule",
              "concertInfo",
              "concert_info",
              "responseUrl",
              "response_url",
              "responseTime",
              "response_time",
              "quantity",
              "attachmentNote",
              "attachment_note"));

  private TemplateText() {}

  /** The variables a text uses, in order of first use. */
  public static Set<String> variablesIn(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text != null) {
      Matcher matcher = VARIABLE.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** The variables a text uses that no sender supplies (probably misspelt). */
  public static Set<String> unknownIn(String text) {
    Set<String> unknown = variablesIn(text);
    unknown.removeAll(KNOWN);
    return unknown;
  }

  /** The text with every provided variable replaced; others stay literally. */
  public static String render(String text, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(
          rendered, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  /** A rendered body as the HTML of the email. */
  public static String html(String body) {
    StringBuilder html = new StringBuilder("<div style=\"max-width:600px\">");
    for (String line : body.split("\r?\n", -1)) {
      html.append("<p style=\"margin:8px 0\">").append(links(escape(line))).append("</p>");
    }
    return html.append("</div>").toString();
  }

  /**
   * A template body rendered as the HTML of the email with the values HTML-escaped and never read
   * as markup or markdown: only the template's own markdown links become links. A link's address
   * may be a variable ({@code [Svara här]({{responseUrl}})}); it becomes a link when its value is
   * an http or https address.
   */
  public static String html(String template, Map<String, String> values) {
    List<String> inserted = new java.util.ArrayList<>();
    Matcher matcher = VARIABLE.matcher(template == null ? "" : template);
    StringBuilder marked = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        matcher.appendReplacement(marked, Matcher.quoteReplacement(matcher.group()));
      } else {
        inserted.add(value);
        matcher.appendReplacement(marked, SLOT + (inserted.size() - 1) + SLOT);
      }
    }
    matcher.appendTail(marked);
    StringBuilder html = new StringBuilder("<div style=\"max-width:600px\">");
    for (String line : marked.toString().split("\r?\n", -1)) {
      String linked =
          ANY_LINK
              .matcher(escape(line))
              .replaceAll(
                  link -> {
                    String url = fill(link.group(2), inserted, false);
                    String text = fill(link.group(1), inserted, true);
                    return Matcher.quoteReplacement(
                        url.startsWith("http://") || url.startsWith("https://")
                            ? "<a href=\""
                                + escape(url)
                                + "\" style=\"color:#1E40AF\">"
                                + text
                                + "</a>"
                            : "[" + text + "](" + escape(url) + ")");
                  });
      html.append("<p style=\"margin:8px 0\">").append(fill(linked, inserted, true)).append("</p>");
    }
    return html.append("</div>").toString();
  }

  /** Marks where a value goes while the template's own markup is read (never in a template). */
  private static final String SLOT = "\u0000";

  private static final Pattern SLOTTED = Pattern.compile(SLOT + "(\\d+)" + SLOT);
  private static final Pattern ANY_LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");

  /** Puts the values in, escaped for HTML or (for an address, escaped later) as they are. */
  private static String fill(String text, List<String> values, boolean escaped) {
    return SLOTTED
        .matcher(text)
        .replaceAll(
            slot -> {
              String value = values.get(Integer.parseInt(slot.group(1)));
              return Matcher.quoteReplacement(escaped ? escape(value) : value);
            });
  }

  /** Sample values for a preview, in Swedish or English. */
  public static Map<String, String> sampleValues(boolean english) {
    String url = "https://example.org/respond/exempel";
    return Map.ofEntries(
        Map.entry("firstName", "Anna"),
        Map.entry("first_name", "Anna"),
        Map.entry("lastName", "Andersson"),
        Map.entry("last_name", "Andersson"),
        Map.entry("musician_name", "Anna Andersson"),
        Map.entry("musicianName", "Anna Andersson"),
        Map.entry("projectName", english ? "Spring concert" : "Vårkonsert"),
        Map.entry("project_name", english ? "Spring concert" : "Vårkonsert"),
        Map.entry("position", "Tutti violin 1"),
        Map.entry("positionName", "Tutti violin 1"),
        Map.entry("position_name", "Tutti violin 1"),
        Map.entry("instrumentName", "Violin"),
        Map.entry("instrument_name", "Violin"),
        Map.entry("startDate", english ? "3/8/2027" : "2027-03-08"),
        Map.entry("start_date", english ? "3/8/2027" : "2027-03-08"),
        Map.entry("weekNumber", "10"),
        Map.entry("week_number", "10"),
        Map.entry("rehearsalSchedule", english ? "Mon-Wed 10-15" : "Mån-ons 10-15"),
        Map.entry("rehearsal_schedule", english ? "Mon-Wed 10-15" : "Mån-ons 10-15"),
        Map.entry("concertInfo", english ? "Thursday 19:00" : "Torsdag 19.00"),
        Map.entry("concert_info", english ? "Thursday 19:00" : "Torsdag 19.00"),
        Map.entry("responseUrl", url),
        Map.entry("response_url", url),
        Map.entry("responseTime", "24"),
        Map.entry("response_time", "24"),
        Map.entry("quantity", "2"),
        Map.entry(
            "attachmentNote",
            english
                ? "See the attached files for sheet music and further information."
                : "Se bifogade filer för noter och ytterligare information."),
        Map.entry(
            "attachment_note",
            english
                ? "See the attached files for sheet music and further information."
                : "Se bifogade filer för noter och ytterligare information."));
  }

  private static String links(String line) {
    return LINK.matcher(line).replaceAll("<a href=\"$2\" style=\"color:#1E40AF\">$1</a>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
