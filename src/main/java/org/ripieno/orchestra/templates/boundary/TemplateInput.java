package org.ripieno.orchestra.templates.boundary;

import java.util.List;

/**
 * A template as created or changed; {@code type} is fixed once created, {@code variables} is
 * informational and taken from the text when left out.
 */
public record TemplateInput(String type, String subject, String body, List<String> variables) {

  public static TemplateInput orEmpty(TemplateInput input) {
    return input == null ? new TemplateInput(null, null, null, null) : input;
  }
}
