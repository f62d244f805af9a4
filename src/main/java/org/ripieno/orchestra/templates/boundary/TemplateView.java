package org.ripieno.orchestra.templates.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.ripieno.orchestra.templates.entity.EmailTemplate;

/** An email template as answered. */
public record TemplateView(
    Integer id,
    String emailTemplateId,
    String type,
    String subject,
    String body,
    List<String> variables,
    Instant createdAt,
    Instant updatedAt) {

  public static TemplateView of(EmailTemplate template) {
    return new TemplateView(
        template.getId(),
        template.getEmailTemplateId(),
        template.getType(),
        template.getSubject(),
        template.getBody(),
        variables(template.getVariables()),
        template.getCreatedAt(),
        template.getUpdatedAt());
  }

  /** The values an audit row keeps. */
  public record Snapshot(
      String emailTemplateId, String type, String subject, String body, List<String> variables) {

    public static Snapshot of(EmailTemplate template) {
      return new Snapshot(
          template.getEmailTemplateId(),
          template.getType(),
          template.getSubject(),
          template.getBody(),
          TemplateView.variables(template.getVariables()));
    }
  }

  /** The stored JSON array of names; legacy rows may hold anything, so only strings are kept. */
  static List<String> variables(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonArray array)) {
        return List.of();
      }
      return array.stream()
          .filter(JsonString.class::isInstance)
          .map(item -> ((JsonString) item).getString())
          .toList();
    } catch (RuntimeException unreadable) {
      return List.of();
    }
  }
}
