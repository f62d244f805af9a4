package org.ripieno.orchestra.staffing.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.ripieno.orchestra.staffing.control.MusicianLanguage;
import org.ripieno.orchestra.staffing.control.ResponseDetails;

/**
 * The answer page as plain HTML: no script, one small inline style (allowed by its hash in the
 * Content-Security-Policy, nothing else is), every value escaped, readable on a phone.
 */
final class ResponsePageHtml {

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#222}main{max-width:32rem;margin:0"
          + " auto}dt{font-weight:600}dd{margin:0 0 .6rem 0}button{font-size:1.1rem;padding:.8rem"
          + " 1rem;margin:.3rem 0;width:100%;border-radius:.4rem;border:1px solid"
          + " #555}button.yes{background:#1f6f43;color:#fff}p.outcome{font-size:1.2rem}";

  /** No script, no frames, no plugins; the one style by hash; forms only back to this site. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ResponsePageHtml() {}

  /**
   * The request and the two buttons, posting back to {@code action}. The start is the project's day
   * in the orchestra's time {@code zone} (a start at midnight in Stockholm is the day before in
   * UTC), as the mails show it.
   */
  static String form(ResponseDetails details, String action, ZoneId zone) {
    boolean en = MusicianLanguage.ENGLISH.equals(details.language());
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(escape((en ? "Hello " : "Hej ") + details.musician().firstName() + "!"))
        .append("</h1><p>")
        .append(
            escape(
                (en ? "We would like to ask you to play " : "Vi vill fråga dig om ")
                    + details.position().name()
                    + " ("
                    + details.position().instrument()
                    + ") "
                    + (en ? "in " : "i ")
                    + details.project().name()
                    + "."))
        .append("</p><dl>");
    item(body, en ? "Start" : "Start", DAY.withZone(zone).format(details.project().startDate()));
    if (details.project().weekNumber() != null) {
      item(body, en ? "Week" : "Vecka", String.valueOf(details.project().weekNumber()));
    }
    item(body, en ? "Rehearsals" : "Repetitioner", details.project().rehearsalSchedule());
    item(body, en ? "Concerts" : "Konserter", details.project().concertInfo());
    item(
        body,
        en ? "Please answer by" : "Svara senast",
        details.deadline() == null ? null : MOMENT.format(details.deadline()));
    body.append("</dl><form method=\"post\" action=\"")
        .append(escape(action))
        .append("\"><button class=\"yes\" type=\"submit\" name=\"response\" value=\"accepted\">")
        .append(en ? "Yes, I accept" : "Ja, jag tackar ja")
        .append("</button><button type=\"submit\" name=\"response\" value=\"declined\">")
        .append(en ? "No, I decline" : "Nej, jag tackar nej")
        .append("</button></form>");
    return page(details.language(), en ? "Request" : "Förfrågan", body.toString());
  }

  /** A sentence for the musician: the answer taken, or why the link takes none. */
  static String outcome(String language, String sentence) {
    boolean en = MusicianLanguage.ENGLISH.equals(language);
    return page(
        language,
        en ? "Request" : "Förfrågan",
        "<p class=\"outcome\">" + escape(sentence) + "</p>");
  }

  private static void item(StringBuilder body, String term, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    body.append("<dt>")
        .append(escape(term))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>");
  }

  private static String page(String language, String title, String content) {
    return "<!DOCTYPE html><html lang=\""
        + escape(language)
        + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body><main>"
        + content
        + "</main></body></html>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
