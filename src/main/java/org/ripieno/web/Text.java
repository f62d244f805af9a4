package org.ripieno.web;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * A message for a person, in English and Swedish ({@link MessageFormat} patterns, so {@code {0}}
 * takes the first argument). Errors speak Swedish when the request prefers it.
 */
public record Text(String english, String swedish, Object... arguments) {

  public static Text of(String english, String swedish, Object... arguments) {
    return new Text(english, swedish, arguments);
  }

  public String in(Locale locale) {
    boolean swedishPreferred = locale != null && "sv".equals(locale.getLanguage());
    String pattern = swedishPreferred ? swedish : english;
    return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(arguments);
  }

  @Override
  public String toString() {
    return in(Locale.ENGLISH);
  }
}
