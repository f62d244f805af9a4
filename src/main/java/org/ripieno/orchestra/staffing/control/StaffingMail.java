package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ripieno.mail.OutgoingMail;
import org.ripieno.orchestra.files.control.MailAttachments;
import org.ripieno.orchestra.groupemail.control.GroupEmailMail;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.settings.control.SettingsRules;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.templates.control.TemplateText;
import org.ripieno.orchestra.templates.entity.EmailTemplate;
import org.ripieno.tenancy.OrchestraData;

/**
 * Renders an outbox message from the orchestra's email templates in the recipient's language
 * (legacy-system.md §3.12): {@code <kind>_<code>} for a language other than Swedish ({@code
 * <kind>_en}, {@code <kind>_no}, ...), falling back to the Swedish {@code <kind>}, and to Ripieno's
 * default text (English or Swedish) when the orchestra has neither. Dates are written in the
 * orchestra's time zone; in the HTML part every value is escaped and only the template's own
 * markdown links become links. The variables are the legacy sender's, in both spellings. The {@code
 * request_cancelled} mail, beyond the legacy, has its default in {@link CancellationTemplates}.
 */
@ApplicationScoped
public class StaffingMail {

  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StaffingQueries queries;
  @Inject MailAttachments attachments;
  @Inject GroupEmailMail groupEmails;

  /**
   * @param orchestraName signs the default texts
   * @param publicUrl the base of the answer link
   */
  public OutgoingMail render(OutboxMessage message, String orchestraName, String publicUrl) {
    if (message.getGroupEmailId() != null) {
      return groupEmails.render(message, orchestraName);
    }
    String language = message.getLanguage();
    boolean english = MusicianLanguage.ENGLISH.equals(language);
    RequestFacts facts = queries.requestFacts(message.getRequestId());
    Map<String, String> values =
        values(
            facts, english, link(message, publicUrl), SettingsRules.timeZone(queries.settings()));
    String[] template = template(message.getKind(), language, orchestraName);
    String body = TemplateText.render(template[1], values);
    return attachments.attachTo(
        message,
        new OutgoingMail(
            message.getRecipient(),
            TemplateText.render(template[0], values).replaceAll("[\r\n]+", " "),
            MARKDOWN_LINK.matcher(body).replaceAll("$1: $2"),
            TemplateText.html(template[1], values),
            message.getMessageId()),
        publicUrl);
  }

  /**
   * Subjects alone, as the mails have or will have them, for the list of messages: rendered without
   * the answer link, so no token is read. The function reads the time zone once and each template
   * once, for one list.
   */
  public Function<OutboxMessage, String> subjects(String orchestraName) {
    ZoneId zone = SettingsRules.timeZone(queries.settings());
    Map<String, String[]> templates = new HashMap<>();
    return message -> {
      if (message.getGroupEmailId() != null) {
        return groupEmails.subject(message);
      }
      String language = message.getLanguage();
      boolean english = MusicianLanguage.ENGLISH.equals(language);
      String[] template =
          templates.computeIfAbsent(
              message.getKind() + "_" + language,
              key -> template(message.getKind(), language, orchestraName));
      RequestFacts facts = queries.requestFacts(message.getRequestId());
      return TemplateText.render(template[0], values(facts, english, "", zone))
          .replaceAll("[\r\n]+", " ");
    };
  }

  /** The answer link of requests and reminders: the request's newest unused token. */
  private String link(OutboxMessage message, String publicUrl) {
    return orchestra
        .createQuery(
            "SELECT t.token FROM RequestToken t WHERE t.requestId = :requestId"
                + " AND t.usedAt IS NULL ORDER BY t.createdAt DESC",
            String.class)
        .setParameter("requestId", message.getRequestId())
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(token -> publicUrl + "/respond/" + token)
        .orElse(publicUrl);
  }

  private Map<String, String> values(
      RequestFacts facts, boolean english, String link, ZoneId zone) {
    String start =
        facts.startDate() == null
            ? ""
            : DateTimeFormatter.ofPattern(english ? "M/d/yyyy" : "yyyy-MM-dd")
                .withZone(zone)
                .format(facts.startDate());
    String fallback = english ? "See the attached information" : "Se bifogad information";
    Map<String, String> values = new HashMap<>();
    both(values, "firstName", "first_name", facts.firstName());
    both(values, "lastName", "last_name", facts.lastName());
    both(values, "musician_name", "musicianName", facts.firstName() + " " + facts.lastName());
    both(values, "projectName", "project_name", facts.projectName());
    both(values, "position", "positionName", facts.positionName());
    values.put("position_name", values.get("position"));
    both(values, "instrumentName", "instrument_name", facts.instrumentName());
    both(values, "startDate", "start_date", start);
    both(values, "weekNumber", "week_number", String.valueOf(facts.weekNumber()));
    both(
        values,
        "rehearsalSchedule",
        "rehearsal_schedule",
        blank(facts.rehearsalSchedule()) ? fallback : facts.rehearsalSchedule());
    both(
        values,
        "concertInfo",
        "concert_info",
        blank(facts.concertInfo()) ? fallback : facts.concertInfo());
    both(values, "responseUrl", "response_url", link);
    both(values, "responseTime", "response_time", String.valueOf(facts.responseTimeHours()));
    both(values, "quantity", "quantity", String.valueOf(facts.quantity()));
    both(
        values,
        "attachmentNote",
        "attachment_note",
        english
            ? "Sheet music and other information will be sent separately."
            : "Noter och annan information kommer att skickas separat.");
    return values;
  }

  /**
   * Subject and body: the orchestra's template of the language ({@code <kind>_<code>}), else its
   * Swedish one ({@code <kind>}), else Ripieno's default (English or Swedish).
   */
  private String[] template(String kind, String language, String orchestraName) {
    boolean english = MusicianLanguage.ENGLISH.equals(language);
    boolean swedish = language == null || MusicianLanguage.SWEDISH.equals(language);
    for (String type : swedish ? new String[] {kind} : new String[] {kind + "_" + language, kind}) {
      EmailTemplate stored =
          orchestra
              .createQuery(
                  "SELECT t FROM EmailTemplate t WHERE t.type = :type", EmailTemplate.class)
              .setParameter("type", type)
              .getResultStream()
              .findFirst()
              .orElse(null);
      if (stored != null) {
        return new String[] {stored.getSubject(), stored.getBody()};
      }
    }
    String wanted = english ? kind + "_en" : kind;
    return java.util.stream.Stream.concat(
            CanonicalSeed.templates(orchestraName).stream(),
            CancellationTemplates.defaults(orchestraName).stream())
        .filter(seed -> seed.type().equals(wanted))
        .findFirst()
        .map(seed -> new String[] {seed.subject(), seed.body()})
        .orElseThrow(() -> new IllegalStateException("No default template " + wanted));
  }

  private static void both(Map<String, String> values, String one, String other, String value) {
    values.put(one, value == null ? "" : value);
    values.put(other, value == null ? "" : value);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
