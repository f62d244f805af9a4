package org.ripieno.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Own tokens must round-trip and every forgery must fail; SSO tokens are checked against JWKS. */
class TokenServiceTest {

  private static final String SSO_ISSUER = "https://idp.example.org/realms/ripieno";
  private static final String SSO_AUDIENCE = "ripieno-sso";

  private static final byte[] KEY = randomKey();
  private static final TokenSettings OWN = TokenSettings.withKey(KEY);

  private static RSAKey trusted;
  private static HttpServer jwks;
  private static URL jwksUrl;

  @BeforeAll
  static void serveJwks() throws Exception {
    trusted = new RSAKeyGenerator(2048).keyID("trusted").generate();
    byte[] body = new JWKSet(trusted).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    jwks.start();
    jwksUrl = new URL("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
  }

  @AfterAll
  static void stopJwks() {
    jwks.stop(0);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static TokenService ownOnly() {
    return new TokenService(OWN, Optional.empty());
  }

  private static TokenService withSso() {
    return new TokenService(
        OWN, Optional.of(new SsoSettings(SSO_ISSUER, SSO_AUDIENCE, jwksUrl, "roles", "tenant")));
  }

  private static JWTClaimsSet.Builder ownClaims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("ripieno")
        .audience("ripieno-api")
        .subject("42")
        .claim("upn", "anna")
        .claim("groups", List.of("admin"))
        .claim("orchestra", "wiener")
        .claim("ver", 3)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  private static String hs256(JWTClaimsSet claims, byte[] key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }

  private static JWTClaimsSet.Builder ssoClaims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(SSO_ISSUER)
        .audience(List.of(SSO_AUDIENCE, "account"))
        .subject("f3b1c0de")
        .claim("preferred_username", "bruno")
        .claim("email", "bruno@example.org")
        .claim("roles", List.of("offline_access", "admin"))
        .claim("tenant", "berlin")
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  private static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ownTokenRoundTripsWithAllClaims() throws Exception {
    TokenService service = ownOnly();
    IssuedToken issued = service.issue(new TokenSubject("42", "anna", "admin", "wiener", 3));

    assertThat(issued.expiresAt())
        .isCloseTo(Instant.now().plus(Duration.ofHours(8)), within(5, ChronoUnit.SECONDS));
    VerifiedToken verified = service.verify(issued.token());
    assertThat(verified)
        .isEqualTo(
            new VerifiedToken(
                false, "42", "anna", null, List.of("admin"), "wiener", 3, issued.expiresAt()));

    JWTClaimsSet claims = SignedJWT.parse(issued.token()).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("ripieno");
    assertThat(claims.getAudience()).containsExactly("ripieno-api");
    assertThat(claims.getStringListClaim("groups")).containsExactly("admin");
    assertThat(claims.getIssueTime()).isNotNull();
    assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
  }

  @Test
  void superadminTokenHasNoOrchestra() throws Exception {
    TokenService service = ownOnly();
    IssuedToken issued = service.issue(new TokenSubject("1", "root", "superadmin", null, 0));

    assertThat(SignedJWT.parse(issued.token()).getJWTClaimsSet().getClaims())
        .doesNotContainKey("orchestra");
    VerifiedToken verified = service.verify(issued.token());
    assertThat(verified.role()).isEqualTo("superadmin");
    assertThat(verified.orchestra()).isNull();
    assertThat(verified.tokenVersion()).isZero();
  }

  @Test
  void unsignedTokenIsRefused() {
    String payload = ownClaims().build().toString();
    String token = b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".";

    assertThatThrownBy(() -> ownOnly().verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage(InvalidTokenException.CLIENT_MESSAGE);
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() throws Exception {
    String token = hs256(ownClaims().build(), randomKey());

    assertThatThrownBy(() -> ownOnly().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    Instant past = Instant.now().minus(Duration.ofMinutes(2));
    String token =
        hs256(
            ownClaims()
                .issueTime(Date.from(past.minus(Duration.ofHours(8))))
                .expirationTime(Date.from(past))
                .build(),
            KEY);

    assertThatThrownBy(() -> ownOnly().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void tokenWithinClockSkewIsAccepted() throws Exception {
    String token =
        hs256(ownClaims().expirationTime(Date.from(Instant.now().minusSeconds(10))).build(), KEY);

    assertThat(ownOnly().verify(token).subject()).isEqualTo("42");
  }

  @Test
  void tokenWithoutExpiryIsRefused() throws Exception {
    String token = hs256(ownClaims().expirationTime(null).build(), KEY);

    assertThatThrownBy(() -> ownOnly().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void wrongIssuerIsRefused() throws Exception {
    String token = hs256(ownClaims().issuer("someone-else").build(), KEY);

    assertThatThrownBy(() -> ownOnly().verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).getReason())
        .isEqualTo("unknown issuer");
  }

  @Test
  void wrongAudienceIsRefused() throws Exception {
    String token = hs256(ownClaims().audience("other-api").build(), KEY);

    assertThatThrownBy(() -> ownOnly().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void tamperedPayloadIsRefused() {
    TokenService service = ownOnly();
    String token = service.issue(new TokenSubject("42", "anna", "user", "wiener", 3)).token();
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"user\"", "\"superadmin\"");
    String tampered = parts[0] + "." + b64(payload) + "." + parts[2];

    assertThat(payload).contains("superadmin");
    assertThatThrownBy(() -> service.verify(tampered)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ownIssuerWithAnRsaSignatureIsRefused() throws Exception {
    String token = rs256(ownClaims().build(), trusted);

    assertThatThrownBy(() -> withSso().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void garbageIsRefused() {
    TokenService service = ownOnly();

    assertThatThrownBy(() -> service.verify("not.a.token"))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> service.verify("")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> service.verify(null)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ssoTokenIsAcceptedWithConfiguredClaims() throws Exception {
    String token = rs256(ssoClaims().build(), trusted);

    VerifiedToken verified = withSso().verify(token);

    assertThat(verified.external()).isTrue();
    assertThat(verified.subject()).isEqualTo("f3b1c0de");
    assertThat(verified.username()).isEqualTo("bruno");
    assertThat(verified.email()).isEqualTo("bruno@example.org");
    assertThat(verified.role()).isEqualTo("admin");
    assertThat(verified.orchestra()).isEqualTo("berlin");
    assertThat(verified.tokenVersion()).isNull();
  }

  @Test
  void ssoRoleMayBeAStringAndUsernameFallsBackToEmail() throws Exception {
    String token =
        rs256(
            ssoClaims().claim("preferred_username", null).claim("roles", "user").build(), trusted);

    VerifiedToken verified = withSso().verify(token);

    assertThat(verified.role()).isEqualTo("user");
    assertThat(verified.username()).isEqualTo("bruno@example.org");
  }

  @Test
  void ssoTokenWithoutKnownRoleHasNoRole() throws Exception {
    String token = rs256(ssoClaims().claim("roles", List.of("offline_access")).build(), trusted);

    assertThat(withSso().verify(token).role()).isNull();
  }

  @Test
  void ssoRolesAreReadFromKeycloaksNestedRealmAccessAsWellAsTheTopLevelClaim() throws Exception {
    String nestedOnly =
        rs256(
            ssoClaims()
                .claim("roles", null)
                .claim(
                    "realm_access",
                    java.util.Map.of("roles", List.of("default-roles-orchestras", "user")))
                .build(),
            trusted);
    String both =
        rs256(
            ssoClaims()
                .claim("roles", List.of("user"))
                .claim("realm_access", java.util.Map.of("roles", List.of("admin")))
                .build(),
            trusted);

    assertThat(withSso().verify(nestedOnly).roles()).containsExactly("user");
    assertThat(withSso().verify(both).roles()).containsExactly("admin", "user");
  }

  @Test
  void anSsoTokenWithOnlySuperadminAndNoOrchestraIsVerifiedForTheTrustRulesToDecide()
      throws Exception {
    String token =
        rs256(
            ssoClaims().claim("tenant", null).claim("roles", List.of("superadmin")).build(),
            trusted);

    VerifiedToken verified = withSso().verify(token);

    assertThat(verified.roles()).containsExactly("superadmin");
    assertThat(verified.orchestra()).isNull();
  }

  @Test
  void anSsoTokenWhoseRealmAccessIsNoObjectIsRefused() throws Exception {
    String token = rs256(ssoClaims().claim("realm_access", "admin").build(), trusted);

    assertThatThrownBy(() -> withSso().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ssoTokenForAnotherAudienceIsRefused() throws Exception {
    String token = rs256(ssoClaims().audience("account").build(), trusted);

    assertThatThrownBy(() -> withSso().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ssoTokenSignedWithAKeyNotInTheSetIsRefused() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
    RSAKey impostor = new RSAKeyGenerator(2048).keyID("trusted").generate();
    TokenService service = withSso();

    assertThatThrownBy(() -> service.verify(rs256(ssoClaims().build(), stranger)))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> service.verify(rs256(ssoClaims().build(), impostor)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ssoIssuerWithAnHmacSignatureIsRefused() throws Exception {
    String token = hs256(ssoClaims().build(), KEY);

    assertThatThrownBy(() -> withSso().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void ssoTokenIsRefusedWhenSsoIsNotConfigured() throws Exception {
    String token = rs256(ssoClaims().build(), trusted);

    assertThatThrownBy(() -> ownOnly().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void issuedTokenAndSettingsDoNotPrintSecrets() {
    IssuedToken issued = ownOnly().issue(new TokenSubject("42", "anna", "user", "wiener", 1));

    assertThat(issued.toString()).doesNotContain(issued.token());
    assertThat(OWN.toString()).doesNotContain(Base64.getEncoder().encodeToString(KEY));
  }

  /** Verification keeps a token it accepted; these check that keeping it changes no decision. */
  @Nested
  class KeptTokens {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
      private Instant now = Instant.now();

      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }
    }

    @Test
    void aKeptTokenIsRefusedOnceItsExpiryAndTheSkewHaveBeenReached() throws Exception {
      MovingClock clock = new MovingClock();
      TokenService service = new TokenService(OWN, Optional.empty(), clock);
      Instant expiry = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
      String token = hs256(ownClaims().expirationTime(Date.from(expiry)).build(), KEY);

      assertThat(service.verify(token).expiresAt()).isEqualTo(expiry);
      clock.now = expiry.plusSeconds(29);
      assertThat(service.verify(token).subject()).as("within the skew").isEqualTo("42");
      clock.now = expiry.plusSeconds(30);
      assertThatThrownBy(() -> service.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void onlyTheExactTextOfAVerifiedTokenIsKept() throws Exception {
      TokenService service = ownOnly();
      String token = hs256(ownClaims().build(), KEY);
      service.verify(token);
      String[] parts = token.split("\\.");
      String otherPayload =
          b64(ownClaims().subject("1").claim("groups", List.of("superadmin")).build().toString());

      assertThatThrownBy(() -> service.verify(parts[0] + "." + otherPayload + "." + parts[2]))
          .isInstanceOf(InvalidTokenException.class);
      assertThat(service.verify(" " + token + " ").subject()).isEqualTo("42");
    }

    @Test
    void ssoTokensAreVerifiedAtEveryCall() throws Exception {
      MovingClock clock = new MovingClock();
      TokenService service =
          new TokenService(
              OWN,
              Optional.of(new SsoSettings(SSO_ISSUER, SSO_AUDIENCE, jwksUrl, "roles", "tenant")),
              clock);
      Instant expiry = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
      String token = rs256(ssoClaims().expirationTime(Date.from(expiry)).build(), trusted);
      service.verify(token);

      // Were it kept, this clock would refuse it; verified anew, Nimbus checks the real time.
      clock.now = expiry.plusSeconds(3600);
      assertThat(service.verify(token).external()).isTrue();
    }
  }
}
