package org.ripieno.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code 201 Created} with the new resource's location below the request path, and its body. */
public final class Created {

  private Created() {}

  /** 201 with {@code Location: <request URI>/<id>} and the entity as body. */
  public static Response at(UriInfo uri, Object id, Object entity) {
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(id)).build())
        .entity(entity)
        .build();
  }
}
