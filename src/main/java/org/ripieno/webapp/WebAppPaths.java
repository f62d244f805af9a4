package org.ripieno.webapp;

import java.util.List;

/** Which paths belong to the server and which are the web application's client-side routes. */
public final class WebAppPaths {

  /** Areas with answers of their own; a missing path there is a 404, never the web page. */
  static final List<String> SERVER_AREAS =
      List.of("/api", "/respond", "/health", "/openapi", "/metrics");

  private WebAppPaths() {}

  public static boolean isServerArea(String path) {
    for (String area : SERVER_AREAS) {
      if (path.equals(area) || path.startsWith(area + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A path the browser's router handles: outside the server's areas and not a file (its last
   * segment has no extension), so {@code /app/missing.js} stays a 404 rather than a page.
   */
  public static boolean isClientRoute(String path) {
    if (isServerArea(path) || path.startsWith("/WEB-INF") || path.startsWith("/META-INF")) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
