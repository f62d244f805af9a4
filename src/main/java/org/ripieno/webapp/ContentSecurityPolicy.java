package org.ripieno.webapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web application's {@code Content-Security-Policy}: scripts only from the application itself,
 * plus the one inline script the page must have, the import map, allowed by its SHA-256 hash
 * (browsers do not load import maps from files). The hash is taken from the page as deployed, so
 * editing the import map can never leave a stale hash behind.
 */
public final class ContentSecurityPolicy {

  private static final Pattern IMPORT_MAP =
      Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

  private final String header;

  private ContentSecurityPolicy(String importMapHash, Optional<String> ssoOrigin) {
    this.header =
        String.join(
            "; ",
            "default-src 'none'",
            "script-src 'self' '" + importMapHash + "'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            // The SSO issuer's discovery document and token endpoint, only when SSO is configured.
            "connect-src 'self'" + ssoOrigin.map(origin -> " " + origin).orElse(""),
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
  }

  /** The policy for the page {@code index.html}, which must hold exactly one import map. */
  public static ContentSecurityPolicy forPage(String html) {
    return forPage(html, Optional.empty());
  }

  /**
   * The policy for the page, letting the page also fetch from the SSO issuer's origin (its
   * discovery document and token endpoint) when given.
   */
  public static ContentSecurityPolicy forPage(String html, Optional<String> ssoOrigin) {
    Matcher importMap = IMPORT_MAP.matcher(html);
    if (!importMap.find()) {
      throw new IllegalStateException("index.html has no <script type=\"importmap\">");
    }
    String script = importMap.group(1);
    if (importMap.find()) {
      throw new IllegalStateException("index.html has more than one import map");
    }
    return new ContentSecurityPolicy(hashOf(script), ssoOrigin);
  }

  /** The CSP source expression of an inline script: {@code sha256-<base64 of its bytes>}. */
  static String hashOf(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public String header() {
    return header;
  }
}
