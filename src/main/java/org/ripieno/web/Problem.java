package org.ripieno.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 {@code application/problem+json} answer with a detail a person understands. */
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  /**
   * The answer's shape, for the OpenAPI document only (components/schemas/Problem, declared on
   * {@link RestApplication}): an annotated type is described alike by every server's OpenAPI
   * implementation, where a schema built in code is not (its model API differs between MicroProfile
   * OpenAPI 3 and 4).
   */
  @Schema(
      name = OpenApiAnswers.PROBLEM_SCHEMA,
      description =
          "RFC 9457 problem details; detail is in English or Swedish after Accept-Language.",
      requiredProperties = {"type", "title", "status"})
  public record Document(String type, String title, int status, String detail) {}

  public static Response response(Response.StatusType status, String detail) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("status", status.getStatusCode())
            .add("title", status.getReasonPhrase());
    if (detail != null) {
      body.add("detail", detail);
    }
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
  }
}
