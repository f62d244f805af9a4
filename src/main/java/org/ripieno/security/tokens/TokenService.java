package org.ripieno.security.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues Ripieno's own tokens and verifies both those and the tokens of a trusted SSO issuer. The
 * verifier is chosen by the (still unverified) {@code iss}, but each verifier then checks the
 * signature with its own fixed algorithms and keys, so a token cannot pick its own trust: own
 * tokens accept HS256 with our key only, SSO tokens RS256/ES256/PS256 from the issuer's JWK set
 * only, and unsigned ({@code alg: none}) tokens are never accepted. Thread-safe.
 */
public final class TokenService {

  /** Ripieno's roles, most privileged first. */
  static final List<String> ROLES = List.of("superadmin", "admin", "user");

  /** Where Keycloak puts realm roles by default: {@code "realm_access": {"roles": [...]}}. */
  private static final String KEYCLOAK_REALM_ACCESS = "realm_access";

  private static final Logger LOG = Logger.getLogger(TokenService.class.getName());
  private static final int MAX_CLOCK_SKEW_SECONDS = 30;
  private static final int KEY_SET_TIMEOUT_MILLIS = 5000;
  private static final Set<JWSAlgorithm> SSO_ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256);

  /**
   * How long a verified own token is kept at most. A client sends the same token with every call,
   * and its parsing, HMAC and claims checks cost more than the rest of authentication.
   */
  private static final Duration VERIFIED_KEPT = Duration.ofMinutes(5);

  private static final int VERIFIED_MAX = 4096;

  private final TokenSettings own;
  private final Optional<SsoSettings> sso;
  private final Clock clock;

  /**
   * Own tokens already verified, by their exact text. Only that text matches, and a hit is refused
   * once the token's {@code exp} has passed (with the verifier's skew), as the verifier would
   * refuse it. Nothing about the account is kept: it is read at every request, so a password
   * change, deactivation or suspension still ends the token at once. SSO tokens are not kept: their
   * keys follow the identity provider's key set.
   */
  private final Cache<String, VerifiedToken> verifiedOwn =
      Caffeine.newBuilder()
          .maximumSize(VERIFIED_MAX)
          .expireAfterWrite(VERIFIED_KEPT)
          // Eviction on the calling thread: no work handed to the common pool inside the server.
          .executor(Runnable::run)
          .build();

  private final MACSigner signer;
  private final ConfigurableJWTProcessor<SecurityContext> ownProcessor;
  private final ConfigurableJWTProcessor<SecurityContext> ssoProcessor;

  public TokenService(TokenSettings own, Optional<SsoSettings> sso) {
    this(own, sso, Clock.systemUTC());
  }

  /** With the clock that decides whether a kept token has expired (tests move it). */
  TokenService(TokenSettings own, Optional<SsoSettings> sso, Clock clock) {
    this.own = Objects.requireNonNull(own, "own");
    this.sso = Objects.requireNonNull(sso, "sso");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (sso.isPresent() && sso.get().issuer().equals(own.issuer())) {
      throw new IllegalArgumentException(
          "ripieno.sso.issuer must differ from ripieno.token.issuer");
    }
    try {
      this.signer = new MACSigner(own.signingKey());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("ripieno.token.signing-key is not a usable HS256 key");
    }
    this.ownProcessor = ownProcessor(own);
    this.ssoProcessor = sso.map(TokenService::ssoProcessor).orElse(null);
  }

  private static ConfigurableJWTProcessor<SecurityContext> ownProcessor(TokenSettings own) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    // One fixed key for one fixed algorithm (a token naming another gets no key): the same rule as
    // a key selector over a JWK set of that key, without matching the set at every request.
    processor.setJWSKeySelector(
        new SingleKeyJWSKeySelector<>(
            JWSAlgorithm.HS256, new SecretKeySpec(own.signingKey(), "HmacSHA256")));
    processor.setJWTClaimsSetVerifier(
        claimsVerifier(own.audience(), own.issuer(), Set.of("exp", "sub", "upn", "groups", "ver")));
    return processor;
  }

  private static ConfigurableJWTProcessor<SecurityContext> ssoProcessor(SsoSettings sso) {
    // Nimbus waits 500 ms by default: too little for an identity provider under load (or at its
    // first request), and a token refused for a slow key set looks like a bad token to the user.
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.<SecurityContext>create(
                sso.jwksUrl(),
                new DefaultResourceRetriever(
                    KEY_SET_TIMEOUT_MILLIS,
                    KEY_SET_TIMEOUT_MILLIS,
                    JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
            .build();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    // Identity providers label access tokens "JWT" or, per RFC 9068, "at+jwt".
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT,
            new JOSEObjectType("at+jwt"),
            new JOSEObjectType("application/at+jwt"),
            null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(SSO_ALGORITHMS, keys));
    processor.setJWTClaimsSetVerifier(
        claimsVerifier(sso.audience(), sso.issuer(), Set.of("exp", "sub")));
    return processor;
  }

  private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(
      String audience, String issuer, Set<String> required) {
    // Payara Server puts its own Nimbus (10.4) before the WAR's, and that version asks the audience
    // set whether it contains null: Set.of(...) would throw there, a singleton answers false.
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            Collections.singleton(audience),
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            required,
            null);
    verifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    return verifier;
  }

  /** Signs an own token for the subject, valid for the configured lifetime from now. */
  public IssuedToken issue(TokenSubject subject) {
    if (!ROLES.contains(subject.role())) {
      throw new IllegalArgumentException("Unknown role " + subject.role());
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(own.lifetime());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(own.issuer())
            .audience(own.audience())
            .subject(subject.userId())
            .claim("upn", subject.username())
            .claim("groups", List.of(subject.role()))
            .claim("ver", subject.tokenVersion())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString());
    if (subject.orchestraSubdomain() != null) {
      claims.claim("orchestra", subject.orchestraSubdomain());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
    return new IssuedToken(jwt.serialize(), expiresAt);
  }

  /**
   * Checks a token and returns its trusted facts.
   *
   * @throws InvalidTokenException if the token is malformed, unsigned, wrongly signed, expired,
   *     from an unknown issuer, for another audience or lacks a required claim
   */
  public VerifiedToken verify(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("no token");
    }
    String text = token.strip();
    VerifiedToken known = verifiedOwn.getIfPresent(text);
    if (known != null) {
      return unexpired(known, text);
    }
    JWT jwt;
    String issuer;
    try {
      jwt = JWTParser.parse(text);
      // An encrypted token shows no claims before decryption; Ripieno accepts none.
      JWTClaimsSet unverified = jwt.getJWTClaimsSet();
      if (unverified == null) {
        throw new InvalidTokenException("token without readable claims");
      }
      issuer = unverified.getIssuer();
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    }
    if (own.issuer().equals(issuer)) {
      VerifiedToken verified = ownToken(process(ownProcessor, jwt, "own"));
      verifiedOwn.put(text, verified);
      return verified;
    }
    if (sso.isPresent() && sso.get().issuer().equals(issuer)) {
      return ssoToken(process(ssoProcessor, jwt, "SSO"), sso.get());
    }
    throw new InvalidTokenException("unknown issuer");
  }

  /** A kept token, unless its {@code exp} has passed by more than the verifier's skew. */
  private VerifiedToken unexpired(VerifiedToken known, String text) {
    // As Nimbus decides: valid while exp plus the skew is still after now.
    if (!known.expiresAt().plusSeconds(MAX_CLOCK_SKEW_SECONDS).isAfter(clock.instant())) {
      verifiedOwn.invalidate(text);
      throw new InvalidTokenException("own token refused: Expired JWT");
    }
    return known;
  }

  private static JWTClaimsSet process(
      ConfigurableJWTProcessor<SecurityContext> processor, JWT jwt, String kind) {
    try {
      return processor.process(jwt, null);
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(kind + " token refused: " + e.getMessage());
    } catch (JOSEException e) {
      // Typically the SSO key set could not be fetched: the operator's problem, not the caller's.
      LOG.warning(() -> kind + " token not verifiable: " + e.getMessage());
      throw new InvalidTokenException(kind + " token not verifiable: " + e.getMessage());
    }
  }

  private static VerifiedToken ownToken(JWTClaimsSet claims) {
    try {
      List<String> groups = claims.getStringListClaim("groups");
      if (groups.size() != 1 || !ROLES.contains(groups.get(0))) {
        throw new InvalidTokenException("own token without exactly one known role");
      }
      String username = claims.getStringClaim("upn");
      if (username == null || claims.getSubject().isBlank()) {
        throw new InvalidTokenException("own token without subject or username");
      }
      return new VerifiedToken(
          false,
          claims.getSubject(),
          username,
          null,
          groups,
          claims.getStringClaim("orchestra"),
          claims.getIntegerClaim("ver"),
          claims.getExpirationTime().toInstant());
    } catch (ParseException e) {
      throw new InvalidTokenException("own token with a claim of the wrong type");
    }
  }

  private static VerifiedToken ssoToken(JWTClaimsSet claims, SsoSettings sso) {
    try {
      String email = claims.getStringClaim("email");
      String username = claims.getStringClaim("preferred_username");
      if (username == null || username.isBlank()) {
        username = claims.getStringClaim("upn");
      }
      if (username == null || username.isBlank()) {
        username = email;
      }
      if (username == null || username.isBlank()) {
        username = claims.getSubject();
      }
      return new VerifiedToken(
          true,
          claims.getSubject(),
          username,
          email,
          ssoRoles(claims, sso.roleClaim()),
          claims.getStringClaim(sso.orchestraClaim()),
          null,
          claims.getExpirationTime().toInstant());
    } catch (ParseException e) {
      throw new InvalidTokenException("SSO token with a claim of the wrong type");
    }
  }

  /**
   * Ripieno's roles, most privileged first, among the configured top-level claim (a string or an
   * array) and Keycloak's nested {@code realm_access.roles}; other values are ignored.
   */
  private static List<String> ssoRoles(JWTClaimsSet claims, String roleClaim)
      throws ParseException {
    List<Object> values = new ArrayList<>(valuesOf(claims.getClaim(roleClaim)));
    Map<String, Object> realmAccess = claims.getJSONObjectClaim(KEYCLOAK_REALM_ACCESS);
    if (realmAccess != null) {
      values.addAll(valuesOf(realmAccess.get("roles")));
    }
    return ROLES.stream().filter(values::contains).toList();
  }

  private static List<?> valuesOf(Object claim) {
    if (claim instanceof String s) {
      return List.of(s);
    }
    return claim instanceof List<?> list ? list : List.of();
  }
}
