package org.ripieno.webapp;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.ripieno.security.control.SsoBrowserClient;

/**
 * Serves the web application: a client-side route (a path without a file extension outside the
 * server's own areas) is answered with {@code index.html}, so a bookmarked or reloaded page works;
 * every answer of the web application carries the Content-Security-Policy and its companions. The
 * API, the response links, health, OpenAPI and metrics keep their own answers, 404 included.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WebAppFilter extends HttpFilter {

  static final String PAGE = "/index.html";

  @Inject transient SsoBrowserClient sso;

  private transient ContentSecurityPolicy policy;

  @Override
  public void init(FilterConfig config) throws ServletException {
    try (InputStream page = config.getServletContext().getResourceAsStream(PAGE)) {
      if (page == null) {
        throw new ServletException(PAGE + " is missing from the application");
      }
      policy =
          ContentSecurityPolicy.forPage(
              new String(page.readAllBytes(), StandardCharsets.UTF_8),
              sso.config().map(client -> SsoBrowserClient.originOf(client.issuer())));
    } catch (IOException e) {
      throw new ServletException("Reading " + PAGE, e);
    }
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Decoded and normalised by the container, so /%61pi/... is /api/... here as it is for routing.
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    // A path some servlet is mapped to exactly belongs to that servlet, never to the web
    // application: for example the test runner Arquillian adds to the deployment.
    boolean servletOfItsOwn =
        request.getHttpServletMapping().getMappingMatch() == MappingMatch.EXACT;
    if (servletOfItsOwn || WebAppPaths.isServerArea(path)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Content-Security-Policy", policy.header());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    boolean reads = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (!reads) {
      // The web application's files are only read; the container's own answer to, say, PATCH
      // would be a 501.
      response.setHeader("Allow", "GET, HEAD");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (reads && (WebAppPaths.isClientRoute(path) || path.equals(PAGE))) {
      // The page names the versioned files; it must itself be fetched fresh after an upgrade.
      response.setHeader("Cache-Control", "no-cache");
      request.getRequestDispatcher(PAGE).forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
