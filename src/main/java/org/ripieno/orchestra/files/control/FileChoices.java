package org.ripieno.orchestra.files.control;

import java.util.Set;
import org.ripieno.web.ProblemException;

/**
 * The legacy {@code fileType} and {@code sendTiming} with their legacy defaults (legacy-system.md
 * §3.15): a general project file is {@code general_info} sent {@code on_request}; a need's file is
 * {@code sheet_music} sent {@code on_accept}.
 */
public final class FileChoices {

  public static final String GENERAL_INFO = "general_info";
  public static final String SHEET_MUSIC = "sheet_music";
  public static final String ON_REQUEST = "on_request";
  public static final String ON_ACCEPT = "on_accept";

  private static final Set<String> TYPES = Set.of(GENERAL_INFO, SHEET_MUSIC);
  private static final Set<String> TIMINGS = Set.of(ON_REQUEST, ON_ACCEPT);

  private FileChoices() {}

  public static String fileType(String given, boolean forNeed) {
    if (given == null || given.isBlank()) {
      return forNeed ? SHEET_MUSIC : GENERAL_INFO;
    }
    if (!TYPES.contains(given.strip())) {
      throw ProblemException.badRequest(
          "fileType is general_info or sheet_music, not {0}.",
          "fileType är general_info eller sheet_music, inte {0}.", given);
    }
    return given.strip();
  }

  public static String sendTiming(String given, boolean forNeed) {
    if (given == null || given.isBlank()) {
      return forNeed ? ON_ACCEPT : ON_REQUEST;
    }
    if (!TIMINGS.contains(given.strip())) {
      throw ProblemException.badRequest(
          "sendTiming is on_request or on_accept, not {0}.",
          "sendTiming är on_request eller on_accept, inte {0}.", given);
    }
    return given.strip();
  }
}
