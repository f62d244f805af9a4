package org.ripieno.orchestra.templates.boundary;

import java.util.List;

/**
 * A template rendered with sample values: the subject, the plain body and its HTML, and the
 * variables the text uses that no sender supplies (left as written).
 */
public record TemplatePreview(
    String type, String subject, String body, String html, List<String> unknownVariables) {}
