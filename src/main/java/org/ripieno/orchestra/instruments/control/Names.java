package org.ripieno.orchestra.instruments.control;

import org.ripieno.web.ProblemException;

/** The text rules for names and descriptions of instruments, positions and ranking lists. */
public final class Names {

  public static final int MAX_NAME = 200;
  public static final int MAX_TEXT = 10_000;

  private Names() {}

  /** A trimmed, non-blank name of at most 200 characters. */
  public static String name(String value, String field) {
    String name = value == null ? "" : value.strip();
    if (name.isEmpty()) {
      throw ProblemException.badRequest("{0} is required.", "{0} måste anges.", field);
    }
    if (name.length() > MAX_NAME) {
      throw ProblemException.badRequest(
          "{0} is at most {1} characters.", "{0} får vara högst {1} tecken.", field, MAX_NAME);
    }
    return name;
  }

  /** Free text of at most 10,000 characters; blank becomes null. */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "{0} is at most {1} characters.", "{0} får vara högst {1} tecken.", field, "10,000");
    }
    return value.strip();
  }

  /** A path id: a positive integer, else the thing is simply not there. */
  public static int id(String value, String english, String swedish) {
    try {
      int id = Integer.parseInt(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like any other missing id
    }
    throw ProblemException.notFound(english, swedish, String.valueOf(value));
  }
}
