package org.ripieno.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * JSON bodies nested at most {@value #MAX_DEPTH} levels deep: JSON-B reads nesting by recursion, so
 * a body of a few kilobytes of {@code [[[[...} would otherwise exhaust the thread's stack (a 500).
 * No API body needs more than a handful of levels. Bodies are at most 1 MB ({@link BodySizeLimit}),
 * so reading one ahead of JSON-B costs little.
 */
@Provider
public class JsonDepthLimit implements ReaderInterceptor {

  static final int MAX_DEPTH = 32;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null && isJson(type)) {
      byte[] body = context.getInputStream().readAllBytes();
      if (depth(body) > MAX_DEPTH) {
        throw new ProblemException(
            Response.Status.BAD_REQUEST,
            Text.of(
                "The request body is nested more than {0} levels deep.",
                "Förfrågans innehåll är nästlat i fler än {0} nivåer.", MAX_DEPTH));
      }
      context.setInputStream(new ByteArrayInputStream(body));
    }
    return context.proceed();
  }

  private static boolean isJson(MediaType type) {
    return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
  }

  /** The deepest nesting of arrays and objects, strings (and what they escape) left aside. */
  static int depth(byte[] json) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '[' || b == '{') {
        deepest = Math.max(deepest, ++depth);
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
    return deepest;
  }
}
