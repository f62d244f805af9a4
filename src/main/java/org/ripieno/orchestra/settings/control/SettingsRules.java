package org.ripieno.orchestra.settings.control;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.web.ProblemException;

/**
 * The settings an orchestra can change and what each may hold: {@code reminder_percentage} a whole
 * number 1 to 99, {@code ranking_conflict_strategy} one of simple, detailed, smart, {@code
 * time_zone} a region id such as Europe/Stockholm, {@code same_week_conflicts} warn or skip (what
 * staffing does with a musician who accepted in another project of the same week; not seeded, so
 * its default applies until someone sets it).
 */
public final class SettingsRules {

  public static final String SAME_WEEK_CONFLICTS = "same_week_conflicts";

  public static final List<String> KEYS =
      List.of(
          CanonicalSeed.REMINDER_PERCENTAGE,
          CanonicalSeed.RANKING_CONFLICT_STRATEGY,
          CanonicalSeed.TIME_ZONE,
          SAME_WEEK_CONFLICTS);

  /** Keys Ripieno added after the seed was fixed: default value and description. */
  private static final Map<String, String[]> UNSEEDED =
      Map.of(
          SAME_WEEK_CONFLICTS,
          new String[] {
            "warn", "Musiker som tackat ja i ett annat projekt samma vecka: warn (fråga) eller skip"
          });

  public static final List<String> STRATEGIES = List.of("simple", "detailed", "smart");

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Stockholm");

  private SettingsRules() {}

  /** The default of a known key. */
  public static String defaultValue(String key) {
    return seedOf(key)[0];
  }

  /** The description stored with a known key. */
  public static String description(String key) {
    return seedOf(key)[1];
  }

  private static String[] seedOf(String key) {
    String[] seeded = CanonicalSeed.SETTINGS.get(key);
    return seeded != null ? seeded : UNSEEDED.get(key);
  }

  /** The value as stored, after checking it; JSON numbers and strings are both taken. */
  public static String checked(String key, Object value) {
    if (!KEYS.contains(key)) {
      throw ProblemException.badRequest(
          "There is no setting {0}; the settings are {1}.",
          "Det finns ingen inställning {0}; inställningarna är {1}.", key, String.join(", ", KEYS));
    }
    if (value == null) {
      throw ProblemException.badRequest("{0} needs a value.", "{0} måste ha ett värde.", key);
    }
    String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    text = text.trim();
    switch (key) {
      case CanonicalSeed.REMINDER_PERCENTAGE -> {
        if (!text.matches("[0-9]{1,2}") || Integer.parseInt(text) < 1) {
          throw ProblemException.badRequest(
              "reminder_percentage is a whole number from 1 to 99.",
              "reminder_percentage är ett heltal från 1 till 99.");
        }
        return Integer.toString(Integer.parseInt(text));
      }
      case CanonicalSeed.RANKING_CONFLICT_STRATEGY -> {
        if (!STRATEGIES.contains(text)) {
          throw ProblemException.badRequest(
              "ranking_conflict_strategy is one of simple, detailed, smart.",
              "ranking_conflict_strategy är en av simple, detailed, smart.");
        }
        return text;
      }
      case SAME_WEEK_CONFLICTS -> {
        if (!List.of("warn", "skip").contains(text)) {
          throw ProblemException.badRequest(
              "same_week_conflicts is warn or skip.", "same_week_conflicts är warn eller skip.");
        }
        return text;
      }
      default -> {
        return zone(text)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "time_zone is a time zone such as Europe/Stockholm; {0} is not one.",
                        "time_zone är en tidszon som Europe/Stockholm; {0} är ingen.",
                        shortened(value.toString())))
            .getId();
      }
    }
  }

  /** The orchestra's time zone from its stored settings, the default when unset or unreadable. */
  public static ZoneId timeZone(Map<String, String> stored) {
    String value = stored.get(CanonicalSeed.TIME_ZONE);
    return value == null ? DEFAULT_ZONE : zone(value).orElse(DEFAULT_ZONE);
  }

  private static java.util.Optional<ZoneId> zone(String id) {
    // Region ids only: a fixed offset would silently ignore summer time.
    if (id.length() > 100 || !id.contains("/")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(ZoneId.of(id));
    } catch (DateTimeException unknown) {
      return java.util.Optional.empty();
    }
  }

  private static String shortened(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "…" : value;
  }
}
