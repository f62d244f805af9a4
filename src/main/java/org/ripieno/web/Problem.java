package org.ripieno.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 {@code application/problem+json} answer with a detail a person understands. */
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

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
