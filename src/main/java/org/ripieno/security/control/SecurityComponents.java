package org.ripieno.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.security.secrets.SecretKeys;
import org.ripieno.security.tokens.SsoSettings;
import org.ripieno.security.tokens.TokenKeys;
import org.ripieno.security.tokens.TokenService;
import org.ripieno.security.tokens.TokenSettings;

/**
 * Builds the security components from configuration once per application: the token service (own
 * tokens and the trusted SSO issuer) and the key for secrets at rest.
 */
@ApplicationScoped
public class SecurityComponents {

  @Inject RipienoSettings settings;

  private TokenService tokens;
  private SecretBox secrets;

  @PostConstruct
  void load() {
    secrets = SecretKeys.load(settings);
    EncryptedString.install(secrets);
    tokens =
        new TokenService(
            new TokenSettings(
                TokenKeys.load(settings.optional("ripieno.token.signing-key"), settings.dataDir()),
                settings.text("ripieno.token.issuer", "ripieno"),
                settings.text("ripieno.token.audience", "ripieno-api"),
                settings.period("ripieno.token.lifetime", Duration.ofHours(8))),
            sso());
  }

  void loadWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Keys are loaded (or generated) at startup, not at the first login.
  }

  public TokenService tokens() {
    return tokens;
  }

  /** The box secrets at rest are sealed with, for code that reads them without JPA. */
  public SecretBox secrets() {
    return secrets;
  }

  private Optional<SsoSettings> sso() {
    Optional<String> issuer = settings.optional("ripieno.sso.issuer");
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    String jwks =
        settings
            .optional("ripieno.sso.jwks-url")
            .orElseThrow(
                () ->
                    new IllegalArgumentException("ripieno.sso.issuer needs ripieno.sso.jwks-url"));
    try {
      return Optional.of(
          new SsoSettings(
              issuer.get(),
              settings.text("ripieno.sso.audience", "ripieno-api"),
              URI.create(jwks).toURL(),
              settings.text("ripieno.sso.role-claim", "groups"),
              settings.text("ripieno.sso.orchestra-claim", "orchestra")));
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("ripieno.sso.jwks-url is not a URL: " + jwks, e);
    }
  }
}
