package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.ripieno.config.RipienoSettings;

/**
 * What the web application needs to sign in with the SSO issuer: the issuer (its endpoints come
 * from its discovery document) and the public client's id ({@code ripieno.sso.client-id}). Both are
 * public: a browser holds no secret. Absent unless both {@code ripieno.sso.issuer} and {@code
 * ripieno.sso.client-id} are set (tokens of the issuer are still accepted without a client id, for
 * clients that sign in elsewhere).
 */
@ApplicationScoped
public class SsoBrowserClient {

  /**
   * {@code GET /api/auth/sso}: {@code enabled} false (and nothing else) when SSO sign-in is not
   * configured.
   */
  public record Config(boolean enabled, String issuer, String clientId) {

    static final Config OFF = new Config(false, null, null);
  }

  @Inject RipienoSettings settings;

  /** What the browser is told: the configuration, or that SSO sign-in is off. */
  public Config answer() {
    return config().orElse(Config.OFF);
  }

  public Optional<Config> config() {
    return of(settings.optional("ripieno.sso.issuer"), settings.optional("ripieno.sso.client-id"));
  }

  static Optional<Config> of(Optional<String> issuer, Optional<String> clientId) {
    if (issuer.isEmpty() || clientId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Config(true, issuer.get().strip(), clientId.get().strip()));
  }

  /**
   * The origin the browser fetches the discovery document and the tokens from ({@code
   * scheme://host[:port]} of the issuer), for the Content-Security-Policy's {@code connect-src}.
   */
  public static String originOf(String issuer) {
    URI uri = URI.create(issuer);
    if (uri.getScheme() == null
        || uri.getHost() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new IllegalArgumentException(
          "ripieno.sso.issuer is not an http or https address: " + issuer);
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
