package org.ripieno.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;

/** JSON bodies of at most 1 MB (api.md): larger ones get 413 before anything reads them. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {

  static final int MAX_BYTES = 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (request.getLength() > MAX_BYTES) {
      throw tooLarge();
    }
    if (request.hasEntity() && request.getLength() < 0) {
      // Chunked: count while reading.
      request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }
  }

  private static ProblemException tooLarge() {
    return new ProblemException(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        Text.of("The request body is larger than 1 MB.", "Förfrågans innehåll är större än 1 MB."));
  }

  private static final class LimitedStream extends InputStream {
    private final InputStream in;
    private long read;

    LimitedStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && ++read > MAX_BYTES) {
        throw tooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (read += n) > MAX_BYTES) {
        throw tooLarge();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
