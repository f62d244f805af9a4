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

  /**
   * The language a musician's mails are written in: the primary code of their preference ({@code
   * no}, {@code da}, {@code en-GB} → {@code en}), Swedish without one. Templates of type {@code
   * <kind>_<code>} serve it, falling back to the Swedish {@code <kind>} (legacy-system.md §3.12,
   * adding a language).
   */
  public static String ofMail(String preferredLanguage) {
    if (preferredLanguage == null) {
      return SWEDISH;
    }
    String code = preferredLanguage.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return code.matches("[a-z]{2,3}") ? code : SWEDISH;
  }

  public static Locale locale(String language) {
    return ENGLISH.equals(language) ? Locale.ENGLISH : Locale.forLanguageTag(SWEDISH);
  }
}
