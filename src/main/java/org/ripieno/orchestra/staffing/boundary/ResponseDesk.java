package org.ripieno.orchestra.staffing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.Locale;
import org.ripieno.orchestra.settings.control.SettingsRules;
import org.ripieno.orchestra.staffing.control.AnswerRules;
import org.ripieno.orchestra.staffing.control.Answers;
import org.ripieno.orchestra.staffing.control.LinkRefused;
import org.ripieno.orchestra.staffing.control.MusicianLanguage;
import org.ripieno.orchestra.staffing.control.ResponseDetails;
import org.ripieno.orchestra.staffing.control.ResponseTexts;
import org.ripieno.orchestra.staffing.control.StaffingQueries;
import org.ripieno.security.boundary.ResponseLinkEntry;
import org.ripieno.web.ProblemException;

/**
 * What the JSON endpoint and the HTML page share: enter the link's orchestra through {@link
 * ResponseLinkEntry}, then read or answer the request there.
 */
@ApplicationScoped
public class ResponseDesk {

  @Inject ResponseLinkEntry entry;
  @Inject Answers answers;
  @Inject StaffingQueries queries;

  public ResponseDetails details(String token, String legacySubdomain) {
    entry.enter(token, legacySubdomain);
    return answers.details(token);
  }

  /** The time zone of the orchestra a link entered ({@code time_zone}), for the page's dates. */
  public ZoneId timeZone() {
    return SettingsRules.timeZone(queries.settings());
  }

  /**
   * Takes the answer; an accept that came after the need was filled has been recorded as such (the
   * request cancelled, the musician told) and is answered 410.
   */
  public Answered answer(String token, String legacySubdomain, boolean accepted) {
    entry.enter(token, legacySubdomain);
    Answers.Result result = answers.answer(token, accepted);
    Locale locale = MusicianLanguage.locale(result.language());
    PublicResponsesResource.AnswerTaken taken =
        switch (result.outcome()) {
          case ACCEPTED ->
              new PublicResponsesResource.AnswerTaken(
                  "accepted", ResponseTexts.ACCEPTED.in(locale));
          case DECLINED ->
              new PublicResponsesResource.AnswerTaken(
                  "declined", ResponseTexts.DECLINED.in(locale));
          case FILLED -> throw LinkRefused.of(AnswerRules.Refusal.FILLED, result.language());
        };
    return new Answered(taken, result.language());
  }

  /** The answer's body and the musician's language. */
  public record Answered(PublicResponsesResource.AnswerTaken taken, String language) {}

  /** {@code accepted} → true, {@code declined} → false, anything else 400. */
  public static boolean parse(String response) {
    if ("accepted".equals(response)) {
      return true;
    }
    if ("declined".equals(response)) {
      return false;
    }
    throw ProblemException.badRequest(
        "response is accepted or declined.", "response är accepted eller declined.");
  }
}
