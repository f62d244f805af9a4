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
 * tokens and the trusted SSO issuer), how far that issuer is trusted, and the key for secrets at
 * rest.
 */
@ApplicationScoped
public class SecurityComponents {

  @Inject RipienoSettings settings;

  /**
   * How long a request's read of an account may serve the same account's next requests on this
   * instance ({@link RecentAccounts}). The product promises that a password change, a deactivation
   * or a suspension ends old tokens within a second on every instance, so no more is allowed.
   */
  public static final String ACCOUNT_CACHE = "ripieno.token.account-cache";

  public static final Duration DEFAULT_ACCOUNT_CACHE = Duration.ofMillis(500);
  static final Duration MOST_ACCOUNT_CACHE = Duration.ofSeconds(1);

  private TokenService tokens;
  private SecretBox secrets;
  private SsoTrust ssoTrust;
  private Duration accountCache;

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
    ssoTrust = new SsoTrust(allowSsoSuperadmin());
    accountCache = accountCache(settings.period(ACCOUNT_CACHE, DEFAULT_ACCOUNT_CACHE));
  }

  void loadWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Keys are loaded (or generated) at startup, not at the first login.
  }

  public TokenService tokens() {
    return tokens;
  }

  /** How far the SSO issuer's claims are trusted. */
  public SsoTrust ssoTrust() {
    return ssoTrust;
  }

  /** How long an account read from central may be reused by the same account's requests. */
  public Duration accountCache() {
    return accountCache;
  }

  static Duration accountCache(Duration configured) {
    if (configured.isNegative() || configured.compareTo(MOST_ACCOUNT_CACHE) > 0) {
      throw new IllegalArgumentException(
          ACCOUNT_CACHE
              + " must be between PT0S (read the account at every request) and "
              + MOST_ACCOUNT_CACHE
              + " (a password change, deactivation or suspension ends old tokens within a second"
              + " on every instance); it is "
              + configured);
    }
    return configured;
  }

  /** The box secrets at rest are sealed with, for code that reads them without JPA. */
  public SecretBox secrets() {
    return secrets;
  }

  /** Strict, as a security switch must be: a typo fails the start instead of meaning false. */
  private boolean allowSsoSuperadmin() {
    String value = settings.text("ripieno.sso.allow-superadmin", "false").strip();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "ripieno.sso.allow-superadmin is true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(value);
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
