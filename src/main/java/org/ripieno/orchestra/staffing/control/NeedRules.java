package org.ripieno.orchestra.staffing.control;

import org.ripieno.web.ProblemException;

/**
 * What a need's own fields must satisfy (legacy-system.md §3.2, checks 1-3 and 5): sequential asks
 * for exactly 1, parallel for at least 2, first_come's {@code maxRecipients} is at least the
 * quantity (and belongs to first_come only), and exactly one list is chosen. Checks against the
 * database (the list's position, the musicians available) are in {@link Needs}.
 */
public final class NeedRules {

  public static final int DEFAULT_RESPONSE_HOURS = 24;

  /** Three months, the longest the legacy dialog offered. */
  public static final int MAX_RESPONSE_HOURS = 93 * 24;

  public static final int MAX_QUANTITY = 500;

  private NeedRules() {}

  /** The strategy named, or 400. */
  public static RequestStrategy strategy(String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(
          "requestStrategy is required: sequential, parallel or first_come.",
          "requestStrategy måste anges: sequential, parallel eller first_come.");
    }
    return RequestStrategy.of(value.trim())
        .orElseThrow(
            () ->
                ProblemException.badRequest(
                    "requestStrategy is sequential, parallel or first_come.",
                    "requestStrategy är sequential, parallel eller first_come."));
  }

  /** The quantity against the strategy and maxRecipients. */
  public static void combination(RequestStrategy strategy, int quantity, Integer maxRecipients) {
    checkRange(quantity);
    switch (strategy) {
      case SEQUENTIAL -> {
        if (quantity != 1) {
          throw ProblemException.badRequest(
              "The sequential strategy asks for exactly 1 musician (quantity 1).",
              "Sekventiell strategi måste ha antal = 1.");
        }
      }
      case PARALLEL -> {
        if (quantity < 2) {
          throw ProblemException.badRequest(
              "The parallel strategy needs a quantity of at least 2.",
              "Parallell strategi kräver minst 2 behov.");
        }
      }
      case FIRST_COME -> {
        if (maxRecipients != null && maxRecipients < quantity) {
          throw maxBelowQuantity(quantity, maxRecipients);
        }
      }
    }
    if (maxRecipients != null && strategy != RequestStrategy.FIRST_COME) {
      throw ProblemException.badRequest(
          "maxRecipients belongs to the first_come strategy only.",
          "maxRecipients hör bara till strategin first_come.");
    }
    if (maxRecipients != null && maxRecipients > 10_000) {
      throw ProblemException.badRequest(
          "maxRecipients is at most 10000.", "maxRecipients är högst 10000.");
    }
  }

  /**
   * Once requests exist the strategy is fixed, so only the quantity's range and, for first_come,
   * its place within maxRecipients are checked (a sequential need may grow; the admin sends again).
   */
  public static void quantityOnceAsked(
      RequestStrategy strategy, int quantity, Integer maxRecipients) {
    checkRange(quantity);
    if (strategy == RequestStrategy.FIRST_COME
        && maxRecipients != null
        && maxRecipients < quantity) {
      throw maxBelowQuantity(quantity, maxRecipients);
    }
  }

  private static void checkRange(int quantity) {
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw ProblemException.badRequest(
          "quantity is between 1 and 500.", "quantity är mellan 1 och 500.");
    }
  }

  private static ProblemException maxBelowQuantity(int quantity, int maxRecipients) {
    return ProblemException.badRequest(
        "maxRecipients ({0}) is at least the quantity ({1}).",
        "maxRecipients ({0}) måste vara minst lika stort som antalet ({1}).",
        String.valueOf(maxRecipients),
        String.valueOf(quantity));
  }

  /** The response time in hours, 24 when not given. */
  public static int responseTime(Integer hours) {
    if (hours == null) {
      return DEFAULT_RESPONSE_HOURS;
    }
    if (hours < 1 || hours > MAX_RESPONSE_HOURS) {
      throw ProblemException.badRequest(
          "responseTimeHours is between 1 and 2232 (three months).",
          "responseTimeHours är mellan 1 och 2232 (tre månader).");
    }
    return hours;
  }

  /** Exactly one of the two lists. */
  public static void oneList(Integer rankingListId, Integer customRankingListId) {
    if (rankingListId == null && customRankingListId == null) {
      throw ProblemException.badRequest(
          "Choose a ranking list: rankingListId or customRankingListId.",
          "En rankningslista måste väljas: rankingListId eller customRankingListId.");
    }
    if (rankingListId != null && customRankingListId != null) {
      throw ProblemException.badRequest(
          "Choose one list only: rankingListId or customRankingListId, not both.",
          "Välj bara en lista: rankingListId eller customRankingListId, inte båda.");
    }
  }

  /** A field that cannot change once the need has requests, given a different value: 409. */
  public static void frozen(String field, Object current, Object wanted) {
    if (wanted != null && !wanted.equals(current)) {
      throw ProblemException.conflict(
          "{0} cannot be changed once the need has requests.",
          "{0} kan inte ändras när behovet har förfrågningar.", field);
    }
  }

  /** The quantity never goes below the musicians who already accepted. */
  public static void notBelowAccepted(int quantity, int accepted) {
    if (quantity < accepted) {
      throw ProblemException.conflict(
          "quantity cannot be lowered to {0}: {1} musicians have already accepted.",
          "Kan inte minska antalet till {0} eftersom {1} musiker redan har tackat ja.",
          String.valueOf(quantity),
          String.valueOf(accepted));
    }
  }

  /** 404 for a need that is not the project's. */
  public static ProblemException noSuchNeed(int needId) {
    return ProblemException.notFound(
        "The project has no need {0}.", "Projektet har inget behov {0}.", String.valueOf(needId));
  }
}
