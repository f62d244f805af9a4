package org.ripieno.orchestra.files.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.ripieno.orchestra.files.control.FileView;

/** 201 with the new file's own address, {@code /files/{fileId}} of the orchestra. */
final class FileLocation {

  private FileLocation() {}

  static Response created(UriInfo uri, FileView file) {
    String subdomain = uri.getPathParameters().getFirst("subdomain");
    return Response.created(
            uri.getBaseUriBuilder()
                .path("orchestras/{subdomain}/files/{fileId}")
                .build(subdomain, file.id()))
        .entity(file)
        .build();
  }
}
