package org.ripieno.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * JSON bodies of at most 1 MB (api.md): larger ones get 413 before anything reads them. File
 * uploads alone ({@code POST} of {@code multipart/form-data} to a project's or a need's {@code
 * files}) may carry a 10 MB file plus the multipart envelope; the file itself is measured again
 * when read.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {

  static final int MAX_BYTES = 1024 * 1024;

  /** A 10 MB file and room for its multipart envelope and text parts. */
  static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;

  private static final Pattern UPLOAD_PATH =
      Pattern.compile("/?orchestras/[^/]+/projects/[^/]+(/needs/[^/]+)?/files/?");

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    boolean upload = isUpload(request);
    int max = upload ? MAX_UPLOAD_BYTES : MAX_BYTES;
    if (request.getLength() > max) {
      throw tooLarge(upload);
    }
    if (request.hasEntity() && request.getLength() < 0) {
      // Chunked: count while reading.
      request.setEntityStream(new LimitedStream(request.getEntityStream(), max, upload));
    }
  }

  static boolean isUpload(ContainerRequestContext request) {
    return HttpMethod.POST.equals(request.getMethod())
        && request.getMediaType() != null
        && MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())
        && UPLOAD_PATH.matcher(request.getUriInfo().getPath()).matches();
  }

  private static ProblemException tooLarge(boolean upload) {
    return new ProblemException(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        upload
            ? Text.of("The file is larger than 10 MB.", "Filen är större än 10 MB.")
            : Text.of(
                "The request body is larger than 1 MB.", "Förfrågans innehåll är större än 1 MB."));
  }

  private static final class LimitedStream extends InputStream {
    private final InputStream in;
    private final int max;
    private final boolean upload;
    private long read;

    LimitedStream(InputStream in, int max, boolean upload) {
      this.in = in;
      this.max = max;
      this.upload = upload;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && ++read > max) {
        throw tooLarge(upload);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (read += n) > max) {
        throw tooLarge(upload);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
