package org.ripieno.orchestra.musicians.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ripieno.orchestra.musicians.boundary.MusicianInput;
import org.ripieno.web.ProblemException;

/**
 * The rules for a musician's own fields, without a database: required fields, lengths, shapes,
 * defaults and how an update merges into the current values. Refusals are 400s.
 */
public final class MusicianRules {

  static final int MAX_NAME = 200;
  static final int MAX_PHONE = 50;
  static final int MAX_TEXT = 10_000;
  static final String ERASED_FIRST_NAME = "Raderad";
  static final String ERASED_LAST_NAME = "musiker";
  static final String ERASED_DOMAIN = "@erased.invalid";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]*");
  private static final Set<String> LANGUAGES = Set.of("sv", "en");

  private MusicianRules() {}

  /** A musician's own fields, checked and normalised. */
  public record Details(
      String firstName,
      String lastName,
      String email,
      String phone,
      String preferredLanguage,
      boolean localResidence,
      String notes,
      boolean isActive) {}

  /** The fields of a new musician: names and email required; the rest defaulted. */
  public static Details forCreate(MusicianInput input) {
    return new Details(
        name(required(input.firstName(), "firstName"), "firstName"),
        name(required(input.lastName(), "lastName"), "lastName"),
        email(required(input.email(), "email")),
        phone(input.phone()),
        language(input.preferredLanguage() == null ? "sv" : input.preferredLanguage()),
        input.localResidence() != null && input.localResidence(),
        notes(input.notes()),
        input.isActive() == null || input.isActive());
  }

  /** The current fields with the given ones changed; absent ones stay. */
  public static Details forUpdate(MusicianInput input, Details current) {
    return new Details(
        input.firstName() == null ? current.firstName() : name(input.firstName(), "firstName"),
        input.lastName() == null ? current.lastName() : name(input.lastName(), "lastName"),
        input.email() == null ? current.email() : email(input.email()),
        input.phone() == null ? current.phone() : phone(input.phone()),
        input.preferredLanguage() == null
            ? current.preferredLanguage()
            : language(input.preferredLanguage()),
        input.localResidence() == null ? current.localResidence() : input.localResidence(),
        input.notes() == null ? current.notes() : notes(input.notes()),
        input.isActive() == null ? current.isActive() : input.isActive());
  }

  /** The position ids without repeats, in the given order; null entries are refused. */
  public static List<Integer> positionIds(List<Integer> ids) {
    Set<Integer> unique = new LinkedHashSet<>();
    for (Integer id : ids) {
      if (id == null) {
        throw ProblemException.badRequest(
            "qualificationIds holds position ids, not null.",
            "qualificationIds innehåller positions-id:n, inte null.");
      }
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  /**
   * The digits of a phone number (and a leading {@code +}), so {@code 070-123 45 67} and {@code
   * 0701234567} are the same number.
   */
  public static String phoneKey(String phone) {
    if (phone == null) {
      return null;
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (Character.isDigit(c) || (c == '+' && key.isEmpty())) {
        key.append(c);
      }
    }
    return key.toString();
  }

  /** The email an erased musician gets: unique, and undeliverable by definition (RFC 2606). */
  public static String erasedEmail(String code) {
    return "erased-" + code.toLowerCase(Locale.ROOT) + ERASED_DOMAIN;
  }

  public static boolean isErased(String email) {
    return email != null && email.endsWith(ERASED_DOMAIN);
  }

  /** {@code active}, {@code inactive} or {@code archived}. */
  public static String status(boolean isActive, boolean isArchived) {
    return isArchived ? "archived" : isActive ? "active" : "inactive";
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("{0} is required.", "{0} måste anges.", field);
    }
    return value;
  }

  private static String name(String value, String field) {
    String name = value.strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw ProblemException.badRequest(
          "{0} has 1 to 200 characters.", "{0} har 1 till 200 tecken.", field);
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw ProblemException.badRequest(
          "{0} cannot contain line breaks or control characters.",
          "{0} får inte innehålla radbrytningar eller styrtecken.", field);
    }
    return name;
  }

  private static String email(String value) {
    String email = value.strip();
    if (email.isEmpty() || email.length() > MAX_NAME) {
      throw ProblemException.badRequest(
          "email has 1 to 200 characters.", "email har 1 till 200 tecken.");
    }
    if (!EMAIL.matcher(email).matches() || isErased(email)) {
      throw ProblemException.badRequest(
          "{0} is not an email address.", "{0} är inte en e-postadress.", email);
    }
    return email;
  }

  private static String phone(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String phone = value.strip();
    if (phone.length() > MAX_PHONE) {
      throw ProblemException.badRequest(
          "phone has at most 50 characters.", "phone har högst 50 tecken.");
    }
    if (!PHONE.matcher(phone).matches() || phoneKey(phone).replace("+", "").length() < 3) {
      throw ProblemException.badRequest(
          "{0} is not a phone number (digits, spaces, + - ( ) . /).",
          "{0} är inte ett telefonnummer (siffror, mellanslag, + - ( ) . /).", phone);
    }
    return phone;
  }

  private static String language(String value) {
    String language = value.strip().toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(language)) {
      throw ProblemException.badRequest(
          "preferredLanguage is sv or en.", "preferredLanguage är sv eller en.");
    }
    return language;
  }

  private static String notes(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "notes has at most 10,000 characters.", "notes har högst 10 000 tecken.");
    }
    return value;
  }
}
