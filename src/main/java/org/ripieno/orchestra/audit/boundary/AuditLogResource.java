package org.ripieno.orchestra.audit.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.audit.entity.AuditLog;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * {@code GET /api/orchestras/{subdomain}/audit-log}: who changed what in the orchestra, newest
 * first, filtered by entity type and id, action, user and time range, paged.
 */
@Path("orchestras/{subdomain}/audit-log")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

  /** One entry; old and new values as the JSON they were recorded as. */
  public record Entry(
      Integer id,
      String auditLogId,
      Instant timestamp,
      String userId,
      String action,
      String entityType,
      Integer entityId,
      JsonValue oldValues,
      JsonValue newValues) {}

  @Inject @OrchestraData EntityManager orchestra;

  @GET
  public Page<Entry> list(
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") Integer entityId,
      @QueryParam("action") String action,
      @QueryParam("userId") String userId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    int first = Page.firstRow(page, size);
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("entityType", entityType);
    filters.put("entityId", entityId);
    filters.put("action", action);
    filters.put("userId", userId);
    List<String> conditions = new ArrayList<>();
    filters.forEach(
        (field, value) -> {
          if (value != null) {
            conditions.add("a." + field + " = :" + field);
          }
        });
    Instant since = instant("from", from);
    Instant until = instant("to", to);
    if (since != null) {
      conditions.add("a.timestamp >= :from");
    }
    if (until != null) {
      conditions.add("a.timestamp < :to");
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<AuditLog> rows =
        orchestra.createQuery(
            "select a from AuditLog a" + where + " order by a.timestamp desc, a.id desc",
            AuditLog.class);
    TypedQuery<Long> count =
        orchestra.createQuery("select count(a) from AuditLog a" + where, Long.class);
    for (TypedQuery<?> query : List.of(rows, count)) {
      filters.forEach(
          (field, value) -> {
            if (value != null) {
              query.setParameter(field, value);
            }
          });
      if (since != null) {
        query.setParameter("from", since);
      }
      if (until != null) {
        query.setParameter("to", until);
      }
    }
    List<Entry> entries =
        rows.setFirstResult(first).setMaxResults(size).getResultList().stream()
            .map(AuditLogResource::entry)
            .toList();
    return new Page<>(entries, count.getSingleResult(), page, size);
  }

  private static Entry entry(AuditLog log) {
    return new Entry(
        log.getId(),
        log.getAuditLogId(),
        log.getTimestamp(),
        log.getUserId(),
        log.getAction(),
        log.getEntityType(),
        log.getEntityId(),
        json(log.getOldValues()),
        json(log.getNewValues()));
  }

  private static JsonValue json(String text) {
    return text == null ? null : Json.createReader(new StringReader(text)).readValue();
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
