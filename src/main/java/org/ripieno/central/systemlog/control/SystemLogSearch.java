package org.ripieno.central.systemlog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ripieno.central.systemlog.entity.SystemLog;
import org.ripieno.tenancy.CentralData;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/** Reads the central {@code SystemLog}: filtered, newest first, paged. */
@ApplicationScoped
public class SystemLogSearch {

  /** What to look for; null fields do not filter. */
  public record Filter(
      String level, String category, String orchestraId, String from, String to, String text) {}

  /** One entry as the API shows it. */
  public record Entry(
      String id,
      Instant timestamp,
      String level,
      String category,
      String message,
      JsonValue metadata,
      String userId,
      String orchestraId,
      String subdomain,
      String ip) {}

  @Inject @CentralData EntityManager central;

  public Page<Entry> search(Filter filter, int page, int size) {
    int first = Page.firstRow(page, size);
    Map<String, Object> parameters = new LinkedHashMap<>();
    List<String> conditions = new ArrayList<>();
    equal(conditions, parameters, "level", filter.level());
    equal(conditions, parameters, "category", filter.category());
    equal(conditions, parameters, "orchestraId", filter.orchestraId());
    Instant since = instant("from", filter.from());
    if (since != null) {
      conditions.add("s.timestamp >= :from");
      parameters.put("from", since);
    }
    Instant until = instant("to", filter.to());
    if (until != null) {
      conditions.add("s.timestamp < :to");
      parameters.put("to", until);
    }
    if (filter.text() != null && !filter.text().isBlank()) {
      conditions.add("lower(s.message) like :text escape '\\'");
      parameters.put("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<SystemLog> rows =
        central.createQuery(
            "select s from SystemLog s" + where + " order by s.timestamp desc, s.id desc",
            SystemLog.class);
    TypedQuery<Long> count =
        central.createQuery("select count(s) from SystemLog s" + where, Long.class);
    parameters.forEach(
        (name, value) -> {
          rows.setParameter(name, value);
          count.setParameter(name, value);
        });
    List<Entry> entries =
        rows.setFirstResult(first).setMaxResults(size).getResultList().stream()
            .map(SystemLogSearch::entry)
            .toList();
    return new Page<>(entries, count.getSingleResult(), page, size);
  }

  private static void equal(
      List<String> conditions, Map<String, Object> parameters, String field, String value) {
    if (value != null && !value.isBlank()) {
      conditions.add("s." + field + " = :" + field);
      parameters.put(field, value);
    }
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Entry entry(SystemLog log) {
    return new Entry(
        log.getId(),
        log.getTimestamp(),
        log.getLevel(),
        log.getCategory(),
        log.getMessage(),
        log.getMetadata() == null
            ? null
            : Json.createReader(new StringReader(log.getMetadata())).readValue(),
        log.getUserId(),
        log.getOrchestraId(),
        log.getSubdomain(),
        log.getIp());
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "{0} is a time like 2027-03-08T09:00:00Z.",
          "{0} är en tidpunkt som 2027-03-08T09:00:00Z.", name);
    }
  }
}
