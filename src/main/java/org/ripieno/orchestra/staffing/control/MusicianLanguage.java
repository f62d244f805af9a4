package org.ripieno.orchestra.staffing.control;

import java.util.Locale;

/**
 * The language a musician is written to: {@code en} when they prefer English, otherwise {@code sv}
 * (legacy-system.md §3.12: no preference means Swedish; other languages are not written yet).
 */
public final class MusicianLanguage {

  public static final String SWEDISH = "sv";
  public static final String ENGLISH = "en";

  private MusicianLanguage() {}

  public static String of(String preferredLanguage) {
    return preferredLanguage != null
            && preferredLanguage.trim().toLowerCase(Locale.ROOT).startsWith("en")
        ? ENGLISH
        : SWEDISH;
  }

  public static Locale locale(String language) {
    return ENGLISH.equals(language) ? Locale.ENGLISH : Locale.forLanguageTag(SWEDISH);
  }
}
