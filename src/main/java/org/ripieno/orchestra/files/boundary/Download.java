package org.ripieno.orchestra.files.boundary;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ripieno.orchestra.files.control.StoredFiles;

/**
 * A file as a download: its stored type, {@code Content-Disposition: attachment} with an ASCII name
 * and the exact name in RFC 6266's {@code filename*}, and {@code nosniff} so a browser never runs
 * it as something else.
 */
public final class Download {

  private Download() {}

  public static Response of(StoredFiles.Content content) {
    return Response.ok(content.bytes(), content.mimeType())
        .header("Content-Disposition", disposition(content.name()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "private, no-store")
        .build();
  }

  static String disposition(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }
}
