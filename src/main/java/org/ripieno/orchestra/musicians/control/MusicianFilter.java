package org.ripieno.orchestra.musicians.control;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ripieno.web.ProblemException;

/**
 * The musician list's query parameters, checked, and the JPQL they give (musician alias {@code m}).
 * Values only ever travel as parameters; {@code sort} is looked up in a fixed table.
 */
public record MusicianFilter(
    String search, Integer instrumentId, Integer positionId, String status, String sort) {

  private static final Set<String> STATUSES = Set.of("active", "inactive", "archived", "all");

  private static final Map<String, String> SORTS =
      Map.of(
          "lastName", "lower(m.lastName) {0}, lower(m.firstName) {0}",
          "firstName", "lower(m.firstName) {0}, lower(m.lastName) {0}",
          "musicianId", "length(m.musicianId) {0}, m.musicianId {0}",
          "createdAt", "m.createdAt {0}",
          "updatedAt", "m.updatedAt {0}",
          "email", "lower(m.email) {0}");

  /** Checks the raw query parameters; refusals are 400s. */
  public static MusicianFilter of(
      String search, String instrumentId, String positionId, String status, String sort) {
    String term = search == null || search.isBlank() ? null : search.strip();
    if (term != null && term.length() > MusicianRules.MAX_NAME) {
      throw ProblemException.badRequest(
          "search has at most 200 characters.", "search har högst 200 tecken.");
    }
    String state = status == null || status.isBlank() ? null : status.strip();
    if (state != null && !STATUSES.contains(state)) {
      throw ProblemException.badRequest(
          "status is active, inactive, archived or all.",
          "status är active, inactive, archived eller all.");
    }
    String order = sort == null || sort.isBlank() ? "-createdAt" : sort.strip();
    if (!SORTS.containsKey(order.startsWith("-") ? order.substring(1) : order)) {
      throw ProblemException.badRequest(
          "sort is one of lastName, firstName, musicianId, createdAt, updatedAt, email, with - in"
              + " front for descending order.",
          "sort är en av lastName, firstName, musicianId, createdAt, updatedAt, email, med - först"
              + " för fallande ordning.");
    }
    return new MusicianFilter(
        term, id(instrumentId, "instrumentId"), id(positionId, "positionId"), state, order);
  }

  /** The {@code where} clause (never empty) for {@code from Musician m}. */
  public String where() {
    StringBuilder where = new StringBuilder(" where ");
    where.append(
        switch (status == null ? "" : status) {
          case "active" -> "m.isActive = true and m.isArchived = false";
          case "inactive" -> "m.isActive = false and m.isArchived = false";
          case "archived" -> "m.isArchived = true";
          case "all" -> "1 = 1";
          default -> "m.isArchived = false";
        });
    if (search != null) {
      where.append(
          " and (lower(m.firstName) like :search escape '\\' or lower(m.lastName) like :search"
              + " escape '\\' or lower(concat(concat(m.firstName, ' '), m.lastName)) like :search"
              + " escape '\\' or lower(m.email) like :search escape '\\' or lower(m.musicianId)"
              + " like :search escape '\\')");
    }
    if (positionId != null) {
      where.append(
          " and exists (select q from MusicianQualification q where q.musicianId = m.id and"
              + " q.positionId = :positionId)");
    }
    if (instrumentId != null) {
      where.append(
          " and exists (select q2 from MusicianQualification q2, Position p2 where q2.musicianId"
              + " = m.id and p2.id = q2.positionId and p2.instrumentId = :instrumentId)");
    }
    return where.toString();
  }

  /** The {@code order by} clause, ending with the id so pages never overlap. */
  public String orderBy() {
    boolean descending = sort.startsWith("-");
    String key = descending ? sort.substring(1) : sort;
    String direction = descending ? "desc" : "asc";
    return " order by " + SORTS.get(key).replace("{0}", direction) + ", m.id " + direction;
  }

  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (search != null) {
      parameters.put("search", "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%");
    }
    if (positionId != null) {
      parameters.put("positionId", positionId);
    }
    if (instrumentId != null) {
      parameters.put("instrumentId", instrumentId);
    }
    return parameters;
  }

  static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Integer id(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException notANumber) {
      throw ProblemException.badRequest("{0} is a number.", "{0} är ett nummer.", name);
    }
  }
}
