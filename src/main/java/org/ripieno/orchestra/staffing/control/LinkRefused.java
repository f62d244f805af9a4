package org.ripieno.orchestra.staffing.control;

import jakarta.ws.rs.core.Response;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * A musician's link that does not take an answer, said in the musician's language whatever the
 * browser prefers: the sentence is fixed to {@code language} in both of the text's variants.
 */
public class LinkRefused extends ProblemException {

  private final String language;

  public LinkRefused(Response.StatusType status, Text text, String language) {
    super(status, fixed(text, language));
    this.language = language;
  }

  public static LinkRefused of(AnswerRules.Refusal refusal, String language) {
    return switch (refusal) {
      case ANSWERED -> new LinkRefused(Response.Status.CONFLICT, ResponseTexts.ANSWERED, language);
      case FILLED -> new LinkRefused(Response.Status.GONE, ResponseTexts.FILLED, language);
      case CLOSED -> new LinkRefused(Response.Status.GONE, ResponseTexts.CLOSED, language);
      case EXPIRED -> new LinkRefused(Response.Status.GONE, ResponseTexts.EXPIRED, language);
    };
  }

  /** {@code sv} or {@code en}. */
  public String language() {
    return language;
  }

  private static Text fixed(Text text, String language) {
    String sentence = text.in(MusicianLanguage.locale(language));
    return Text.of(sentence, sentence);
  }
}
