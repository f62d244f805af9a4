package org.ripieno.sms;

import java.util.Map;

/**
 * The SMS texts (legacy-system.md §3.14): fixed, short, pointing to the mail; in Swedish, or in
 * English for a musician who prefers it. Not templated, as in the legacy system.
 */
public final class SmsTexts {

  private static final Map<String, String[]> TEXTS =
      Map.of(
          "request",
          new String[] {
            "Hej {first}! Du har fått en förfrågan om att vara vikarie som {position} i {project}."
                + " Se din e-post för detaljer och svara där.",
            "Hi {first}! You have received a substitute request as {position} in {project}."
                + " Please check your email for the details and answer there."
          },
          "reminder",
          new String[] {
            "Påminnelse: du har en obesvarad förfrågan för {project}. Svara via länken i din"
                + " e-post.",
            "Reminder: you have an unanswered request for {project}. Please answer through the"
                + " link in your email."
          },
          "confirmation",
          new String[] {
            "Tack {first}! Du är bokad som {position} i {project}. Mer information kommer via"
                + " e-post.",
            "Thank you {first}! You are booked as {position} in {project}. More information"
                + " follows by email."
          },
          "position_filled",
          new String[] {
            "Platsen som {position} i {project} är redan tillsatt. Tack för ditt intresse!",
            "The {position} position in {project} has already been filled. Thank you for your"
                + " interest!"
          },
          "request_cancelled",
          new String[] {
            "Förfrågan om {position} i {project} har dragits tillbaka. Du behöver inte svara.",
            "The request for {position} in {project} has been withdrawn. No answer is needed."
          });

  /** One SMS segment: the group email's text is kept within it. */
  static final int SEGMENT = 160;

  private static final String[] GROUP_EMAIL = {
    "{orchestra}: {subject}\nHela meddelandet finns i din e-post.",
    "{orchestra}: {subject}\nThe full message is in your email."
  };

  private SmsTexts() {}

  /**
   * The SMS copy of a group email: the orchestra, the subject and a pointer to the mail, which
   * carries the message itself (a message of up to 10,000 characters does not fit an SMS, and a cut
   * one could lose what matters). Plain text, so nothing is escaped. The subject is shortened
   * (ending in {@code ...}) so the whole stays within one 160-character segment; only a very long
   * orchestra name makes it longer.
   *
   * @param english whether the musician prefers English
   */
  public static String groupEmail(boolean english, String orchestraName, String subject) {
    String template =
        GROUP_EMAIL[english ? 1 : 0].replace(
            "{orchestra}", orchestraName == null ? "" : orchestraName);
    String line = subject == null ? "" : subject.replaceAll("\\s+", " ").strip();
    int room = SEGMENT - (template.length() - "{subject}".length());
    if (line.length() > room) {
      int cut = Math.max(0, room - 3);
      if (cut > 0 && Character.isHighSurrogate(line.charAt(cut - 1))) {
        cut--;
      }
      line = line.substring(0, cut).strip() + "...";
    }
    return template.replace("{subject}", line);
  }

  /**
   * The text of one event.
   *
   * @param english whether the musician prefers English
   */
  public static String text(
      String kind, boolean english, String firstName, String position, String project) {
    String[] texts = TEXTS.get(kind);
    if (texts == null) {
      throw new IllegalArgumentException("No SMS text for " + kind);
    }
    return texts[english ? 1 : 0]
        .replace("{first}", firstName == null ? "" : firstName)
        .replace("{position}", position == null ? "" : position)
        .replace("{project}", project == null ? "" : project);
  }
}
