package org.ripieno.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.Endpoints;
import org.ripieno.testing.Endpoints.Endpoint;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * Identity and access control through the running application: deny by default (a sweep over every
 * resource method, found by itself), tenant isolation, forged tokens, enterprise SSO, roles, legacy
 * passwords, login protection, deactivation and suspension, and generated passwords.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

  private static final String SSO_ISSUER = "https://sso.example.test/realms/ripieno";

  /** bcrypt of "correct horse battery staple", made by htpasswd, with the legacy $2b$ prefix. */
  private static final String LEGACY_HASH =
      "$2b$10$rBu8TQk9Drhn7RZ65o/IVOslhtJFM7UodJhu/cQUhIPpnQBg6jiXi";

  private PlatformFixture platform;
  private final byte[] signingKey = new byte[32];
  private RSAKey ssoKey;
  private HttpServer jwks;
  private DatabaseLogin central;
  private RunningRipieno ripieno;
  private List<Endpoint> endpoints;
  private String superadmin;
  private String adminOfAlpha;
  private String userOfAlpha;
  private String userOfAlphaId;

  @BeforeAll
  void start() throws Exception {
    new SecureRandom().nextBytes(signingKey);
    ssoKey = new RSAKeyGenerator(2048).keyID("sso-1").generate();
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] keySet = new JWKSet(ssoKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keySet.length);
          exchange.getResponseBody().write(keySet);
          exchange.close();
        });
    jwks.start();

    platform =
        PlatformFixture.start(
            "security",
            Map.ofEntries(
                Map.entry(
                    "RIPIENO_TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(signingKey)),
                Map.entry("RIPIENO_LOGIN_WINDOW", "PT6S"),
                Map.entry("RIPIENO_LOGIN_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("RIPIENO_SSO_ISSUER", SSO_ISSUER),
                Map.entry("RIPIENO_SSO_AUDIENCE", "ripieno-api"),
                Map.entry(
                    "RIPIENO_SSO_JWKS_URL",
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"),
                Map.entry("RIPIENO_SSO_ROLE_CLAIM", "roles"),
                Map.entry("RIPIENO_SSO_ORCHESTRA_CLAIM", "tenant")));
    ripieno = platform.ripieno();
    central = platform.central();

    registerOrchestra("orch-alpha", "alpha", "Alpha Sinfonietta");
    registerOrchestra("orch-beta", "beta", "Beta Filharmoni");
    superadmin = platform.superadmin();
    createUser("alpha-admin", "admin", "orch-alpha", "alpha-admin-password");
    userOfAlphaId = createUser("alpha-user", "user", "orch-alpha", "alpha-user-password");
    createUser("beta-admin", "admin", "orch-beta", "beta-admin-password");
    adminOfAlpha = login("alpha-admin", "alpha-admin-password");
    userOfAlpha = login("alpha-user", "alpha-user-password");
    endpoints = Endpoints.all();
  }

  @AfterAll
  void stop() throws Exception {
    if (platform != null) {
      platform.close();
    }
    if (jwks != null) {
      jwks.stop(0);
    }
  }

  @Test
  void theSweepFindsTheEndpointsByItself() {
    assertThat(endpoints)
        .extracting(Endpoint::toString)
        .contains(
            "POST /api/auth/login",
            "GET /api/auth/me",
            "GET /api/platform/users",
            "DELETE /api/orchestras/{subdomain}/users/{id}",
            "GET /api/orchestras/{subdomain}");
  }

  @Test
  void withoutATokenEveryEndpointButThePublicOnesAnswers401() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      int status =
          ripieno
              .send(endpoint.method(), endpoint.path("beta"), null, endpoint.body())
              .statusCode();
      boolean expected = endpoint.isPublic() ? status != 401 && status != 403 : status == 401;
      if (!expected) {
        wrong.add(endpoint + " -> " + status);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(endpoints)
        .filteredOn(Endpoint::isPublic)
        .extracting(Endpoint::toString)
        .containsExactlyInAnyOrder(
            "GET /api/auth/sso",
            "GET /api/public/files/{token}",
            "GET /api/public/responses/{token}",
            "POST /api/auth/login",
            "POST /api/public/responses/{token}");
  }

  @Test
  void anAdminOfAlphaGets404OnBetaAnd403OnThePlatform() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.inOrchestra()) {
        HttpResponse<String> answer =
            ripieno.send(endpoint.method(), endpoint.path("beta"), adminOfAlpha, endpoint.body());
        if (answer.statusCode() != 404 || answer.body().contains("Beta Filharmoni")) {
          wrong.add(endpoint + " -> " + answer.statusCode());
        }
      } else if (endpoint.onPlatform()) {
        for (String token : List.of(adminOfAlpha, userOfAlpha)) {
          int status =
              ripieno
                  .send(endpoint.method(), endpoint.path("beta"), token, endpoint.body())
                  .statusCode();
          if (status != 403) {
            wrong.add(endpoint + " -> " + status);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void noAnswerToAlphaEverContainsBetasMarker() throws Exception {
    // Both databases hold a musician with id 1: a crossed routing would show beta's.
    List<String> leaks = new ArrayList<>();
    int answered = 0;
    for (Endpoint endpoint : endpoints) {
      if (endpoint.inOrchestra() && endpoint.reads()) {
        HttpResponse<String> answer =
            ripieno.send(endpoint.method(), endpoint.path("alpha", "1"), adminOfAlpha, null);
        answered += answer.statusCode() == 200 ? 1 : 0;
        if (answer.body().contains("Beta Filharmoni") || answer.body().contains("@beta.")) {
          leaks.add(endpoint.toString());
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(answered).isGreaterThan(5);
  }

  @Test
  void theUserRoleReadsButEveryWriteIs403() throws Exception {
    HttpResponse<String> overview = ripieno.send("GET", "/api/orchestras/alpha", userOfAlpha, null);
    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(overview).getString("name")).isEqualTo("Alpha Sinfonietta");
    assertThat(RunningRipieno.json(overview).getInt("musicians")).isEqualTo(1);

    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.inOrchestra() && !endpoint.reads()) {
        int status =
            ripieno
                .send(endpoint.method(), endpoint.path("alpha"), userOfAlpha, endpoint.body())
                .statusCode();
        if (status != 403) {
          wrong.add(endpoint + " -> " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aSuperadminMayEnterAnyOrchestraAndEachEntryIsRecorded() throws Exception {
    long before = countRows(superadminEntries());

    HttpResponse<String> overview = ripieno.send("GET", "/api/orchestras/beta", superadmin, null);

    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(RunningRipieno.json(overview).getString("name")).isEqualTo("Beta Filharmoni");
    assertThat(countRows(superadminEntries())).isEqualTo(before + 1);
  }

  @Test
  void theSystemLogIsFilteredAndAnOrchestraAdminSeesOnlyTheirOrchestra() throws Exception {
    ripieno.send("GET", "/api/orchestras/beta", superadmin, null);
    ripieno.send("GET", "/api/orchestras/alpha", superadmin, null);

    HttpResponse<String> logins =
        ripieno.send(
            "GET", "/api/platform/system-log?category=auth&text=LOGIN&size=5", superadmin, null);
    assertThat(logins.statusCode()).as(logins.body()).isEqualTo(200);
    JsonObject page = RunningRipieno.json(logins);
    assertThat(page.getInt("total")).isPositive();
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("category")).isEqualTo("auth");

    HttpResponse<String> own =
        ripieno.send("GET", "/api/orchestras/alpha/system-log?size=500", adminOfAlpha, null);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    JsonObject alphaLog = RunningRipieno.json(own);
    assertThat(alphaLog.getInt("total")).isPositive();
    assertThat(alphaLog.getJsonArray("items"))
        .allSatisfy(
            entry ->
                assertThat(entry.asJsonObject().getString("orchestraId")).isEqualTo("orch-alpha"));
    assertThat(
            ripieno
                .send("GET", "/api/orchestras/alpha/system-log?text=100%25_x", adminOfAlpha, null)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            ripieno
                .send("GET", "/api/orchestras/alpha/system-log?from=soon", adminOfAlpha, null)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void theLegacyCustomerRegistryKeepsItsDatabaseUrlEncryptedAndMasked() throws Exception {
    String body =
        "{\"name\":\"Legacy Kund\",\"subdomain\":\"legacy-kund\","
            + "\"databaseUrl\":\"postgresql://app:s3cretpw@db.example:5432/kund\","
            + "\"contactEmail\":\"kund@example.org\",\"plan\":\"medium\"}";
    HttpResponse<String> created =
        ripieno.send("POST", "/api/platform/customers", superadmin, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject customer = RunningRipieno.json(created);
    assertThat(customer.getString("databaseUrl")).isEqualTo("***kund");
    assertThat(created.body()).doesNotContain("s3cretpw");
    assertThat(
            countRows(
                "select count(*) from \"Customer\" where \"databaseUrl\" like 'enc:v1:%'"
                    + " and \"databaseUrl\" not like '%s3cretpw%'"))
        .isEqualTo(1);

    assertThat(ripieno.send("POST", "/api/platform/customers", superadmin, body).statusCode())
        .isEqualTo(409);
    String id = customer.getString("id");
    HttpResponse<String> changed =
        ripieno.send(
            "PUT", "/api/platform/customers/" + id, superadmin, "{\"status\":\"inactive\"}");
    assertThat(RunningRipieno.json(changed).getString("status")).isEqualTo("inactive");
    assertThat(
            ripieno
                .send("PUT", "/api/platform/customers/" + id, superadmin, "{\"plan\":\"huge\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            ripieno.send("DELETE", "/api/platform/customers/" + id, superadmin, null).statusCode())
        .isEqualTo(204);
    assertThat(ripieno.send("GET", "/api/platform/customers/" + id, superadmin, null).statusCode())
        .isEqualTo(404);
  }

  private static String superadminEntries() {
    return "select count(*) from \"SystemLog\" where \"category\" = 'superadmin'"
        + " and \"orchestraId\" = 'orch-beta'";
  }

  @Test
  void headersQueryParametersAndBodiesNeverChooseTheOrchestra() throws Exception {
    HttpResponse<String> answer =
        ripieno.send(
            "GET", "/api/orchestras/beta?org=alpha", adminOfAlpha, null, "X-Tenant", "alpha");
    assertThat(answer.statusCode()).isEqualTo(404);
  }

  @Nested
  class Tokens {

    @Test
    void forgedTokensAreRefusedWith401() throws Exception {
      String real = adminOfAlpha;
      String[] parts = real.split("\\.");
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      String tampered =
          parts[0]
              + "."
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      payload
                          .replace("\"admin\"", "\"superadmin\"")
                          .getBytes(StandardCharsets.UTF_8))
              + "."
              + parts[2];
      String none =
          Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
              + "."
              + parts[1]
              + ".";
      byte[] otherKey = new byte[32];
      new SecureRandom().nextBytes(otherKey);
      Map<String, String> forged =
          Map.of(
              "alg none", none,
              "tampered payload", tampered,
              "wrong key", own(otherKey, "ripieno", "ripieno-api", Instant.now().plusSeconds(600)),
              "expired", own(signingKey, "ripieno", "ripieno-api", Instant.now().minusSeconds(600)),
              "wrong issuer",
                  own(signingKey, "evil", "ripieno-api", Instant.now().plusSeconds(600)),
              "wrong audience",
                  own(signingKey, "ripieno", "other", Instant.now().plusSeconds(600)));
      for (var token : forged.entrySet()) {
        HttpResponse<String> answer = ripieno.send("GET", "/api/auth/me", token.getValue(), null);
        assertThat(answer.statusCode()).as(token.getKey()).isEqualTo(401);
      }
      // The control: the same construction with the right key, issuer and audience works.
      assertThat(
              ripieno
                  .send(
                      "GET",
                      "/api/auth/me",
                      own(signingKey, "ripieno", "ripieno-api", Instant.now().plusSeconds(600)),
                      null)
                  .statusCode())
          .isEqualTo(200);
    }

    @Test
    void aTokenFromTheConfiguredSsoIssuerWorksAndCreatesTheAccount() throws Exception {
      HttpResponse<String> me =
          ripieno.send(
              "GET", "/api/auth/me", sso("ripieno-api", "kim.sso", "admin", "alpha"), null);

      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      JsonObject account = RunningRipieno.json(me);
      assertThat(account.getString("username")).isEqualTo("kim.sso");
      assertThat(account.getString("role")).isEqualTo("admin");
      assertThat(account.getJsonObject("orchestra").getString("subdomain")).isEqualTo("alpha");
      assertThat(
              ripieno
                  .send(
                      "GET",
                      "/api/orchestras/alpha",
                      sso("ripieno-api", "kim.sso", "admin", "alpha"),
                      null)
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              ripieno
                  .send(
                      "GET", "/api/auth/me", sso("someone-else", "kim.sso", "admin", "alpha"), null)
                  .statusCode())
          .isEqualTo(401);
    }

    private String own(byte[] key, String issuer, String audience, Instant expires)
        throws Exception {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer)
              .audience(audience)
              .subject(userOfAlphaId)
              .claim("upn", "alpha-user")
              .claim("groups", List.of("user"))
              .claim("orchestra", "alpha")
              .claim("ver", 0)
              .issueTime(new Date())
              .expirationTime(Date.from(expires))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(key));
      return jwt.serialize();
    }
  }

  @Nested
  class SingleSignOn {

    @Test
    void aLaterClaimForAnotherOrchestraIs403AndLoggedAndTheAccountStaysWhereItWasLinked()
        throws Exception {
      String alpha = sso("ripieno-api", "mira.sso", "user", "alpha");
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", alpha, null).statusCode())
          .isEqualTo(200);

      String beta = sso("ripieno-api", "mira.sso", "user", "beta");
      HttpResponse<String> moved = ripieno.send("GET", "/api/orchestras/beta", beta, null);
      assertThat(moved.statusCode()).as(moved.body()).isEqualTo(403);
      assertThat(RunningRipieno.json(moved).getString("detail"))
          .contains("beta", "alpha", "administrator in Ripieno");
      HttpResponse<String> swedish =
          ripieno.send("GET", "/api/auth/me", beta, null, "Accept-Language", "sv");
      assertThat(swedish.statusCode()).isEqualTo(403);
      assertThat(RunningRipieno.json(swedish).getString("detail")).contains("administratör");
      assertThat(
              countRows(
                  "select count(*) from \"SystemLog\" where \"category\" = 'auth'"
                      + " and \"level\" = 'warning' and \"orchestraId\" = 'orch-alpha'"
                      + " and \"message\" like 'SSO sign-in refused: the orchestra claim%'"
                      + " and \"metadata\" ->> 'username' = 'mira.sso'"
                      + " and \"metadata\" ->> 'claimedOrchestra' = 'beta'"))
          .isEqualTo(2);
      assertThat(ssoAccount("mira.sso", "\"orchestraId\"")).isEqualTo("orch-alpha");
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", alpha, null).statusCode())
          .isEqualTo(200);
    }

    @Test
    void parallelFirstRequestsOfANewSubjectAllSucceedWithOneAccount() throws Exception {
      String token = sso("ripieno-api", "para.sso", "user", "alpha");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          answers.add(
              pool.submit(() -> ripieno.send("GET", "/api/auth/me", token, null).statusCode()));
        }
        for (var answer : answers) {
          assertThat(answer.get()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(
              countRows(
                  "select count(*) from \"User\""
                      + " where \"externalSubject\" = 'sso-subject-para.sso'"))
          .isEqualTo(1);
    }

    @Test
    void rolesAreReadFromKeycloaksNestedRealmAccess() throws Exception {
      String token =
          ssoToken(
              ssoClaims("ripieno-api", "nils.sso", "alpha")
                  .claim(
                      "realm_access",
                      Map.of("roles", List.of("default-roles-orchestras", "admin"))));

      HttpResponse<String> me = ripieno.send("GET", "/api/auth/me", token, null);

      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(me).getString("role")).isEqualTo("admin");
    }

    @Test
    void aSuperadminClaimGrantsNothingByDefault() throws Exception {
      HttpResponse<String> only =
          ripieno.send(
              "GET",
              "/api/platform/users",
              sso("ripieno-api", "root.sso", "superadmin", null),
              null);
      assertThat(only.statusCode()).as(only.body()).isEqualTo(403);
      assertThat(RunningRipieno.json(only).getString("detail")).contains("superadmin");
      assertThat(countRows("select count(*) from \"User\" where \"username\" = 'root.sso'"))
          .isZero();
      assertThat(
              countRows(
                  "select count(*) from \"SystemLog\" where \"level\" = 'warning'"
                      + " and \"message\" like 'SSO sign-in refused: superadmin%'"
                      + " and \"metadata\" ->> 'username' = 'root.sso'"))
          .isEqualTo(1);

      String alsoAdmin =
          ssoToken(
              ssoClaims("ripieno-api", "half.sso", "alpha")
                  .claim("roles", List.of("superadmin", "admin")));
      HttpResponse<String> me = ripieno.send("GET", "/api/auth/me", alsoAdmin, null);
      assertThat(RunningRipieno.json(me).getString("role")).isEqualTo("admin");
      assertThat(ripieno.send("GET", "/api/platform/users", alsoAdmin, null).statusCode())
          .isEqualTo(403);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
      HttpResponse<String> answer =
          ripieno.send("GET", "/api/auth/me", sso("account", "otto.sso", "admin", "alpha"), null);

      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(countRows("select count(*) from \"User\" where \"username\" = 'otto.sso'"))
          .isZero();
    }

    @Test
    void aRoleChangeFromTheIssuerIsAppliedAndLogged() throws Exception {
      String asAdmin = sso("ripieno-api", "rut.sso", "admin", "alpha");
      assertThat(
              RunningRipieno.json(ripieno.send("GET", "/api/auth/me", asAdmin, null))
                  .getString("role"))
          .isEqualTo("admin");

      String asUser = sso("ripieno-api", "rut.sso", "user", "alpha");
      HttpResponse<String> me = ripieno.send("GET", "/api/auth/me", asUser, null);
      assertThat(RunningRipieno.json(me).getString("role")).isEqualTo("user");
      assertThat(ssoAccount("rut.sso", "\"role\"")).isEqualTo("user");
      assertThat(
              ripieno
                  .send(
                      "POST",
                      "/api/orchestras/alpha/users",
                      asUser,
                      "{\"username\":\"by-rut\",\"email\":\"by-rut@example.org\","
                          + "\"role\":\"user\"}")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              countRows(
                  "select count(*) from \"SystemLog\" where \"category\" = 'auth'"
                      + " and \"message\" = 'SSO role changed by the identity provider'"
                      + " and \"metadata\" ->> 'username' = 'rut.sso'"
                      + " and \"metadata\" ->> 'from' = 'admin'"
                      + " and \"metadata\" ->> 'to' = 'user'"))
          .isEqualTo(1);
    }

    private String ssoAccount(String username, String column) throws Exception {
      try (Connection connection = central.connect();
          PreparedStatement query =
              connection.prepareStatement(
                  "select " + column + " from \"User\" where \"username\" = ?")) {
        query.setString(1, username);
        try (var rows = query.executeQuery()) {
          assertThat(rows.next()).as(username).isTrue();
          return rows.getString(1);
        }
      }
    }
  }

  /** A token of the configured SSO issuer, signed with the key its JWK set serves. */
  private String sso(String audience, String username, String role, String orchestra)
      throws Exception {
    return ssoToken(ssoClaims(audience, username, orchestra).claim("roles", List.of(role)));
  }

  private JWTClaimsSet.Builder ssoClaims(String audience, String username, String orchestra) {
    return new JWTClaimsSet.Builder()
        .issuer(SSO_ISSUER)
        .audience(audience)
        .subject("sso-subject-" + username)
        .claim("preferred_username", username)
        .claim("email", username + "@example.org")
        .claim("tenant", orchestra)
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plusSeconds(600)));
  }

  private String ssoToken(JWTClaimsSet.Builder claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(ssoKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    jwt.sign(new RSASSASigner(ssoKey));
    return jwt.serialize();
  }

  @Nested
  class Passwords {

    @Test
    void aLegacyBcryptHashLogsInWithItsPassword() throws Exception {
      insertUser("legacy-user", "legacy@example.org", LEGACY_HASH, "orch-alpha");

      HttpResponse<String> answer =
          ripieno.send(
              "POST",
              "/api/auth/login",
              null,
              "{\"username\":\"legacy-user\",\"password\":\"correct horse battery staple\"}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(answer).getJsonObject("user").getString("role"))
          .isEqualTo("user");
    }

    @Test
    void theSixthBadPasswordIs429AndEvenTheRightOneWaitsForTheWindow() throws Exception {
      createUser("throttled", "admin", "orch-alpha", "throttled-password");
      String client = "198.51.100.23";
      for (int attempt = 1; attempt <= 5; attempt++) {
        assertThat(loginFrom(client, "throttled", "wrong-password").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> sixth = loginFrom(client, "throttled", "wrong-password");
      assertThat(sixth.statusCode()).isEqualTo(429);
      assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
      assertThat(loginFrom(client, "throttled", "throttled-password").statusCode()).isEqualTo(429);
      // Another client is held back too: the limit is also per username.
      assertThat(loginFrom("198.51.100.99", "throttled", "throttled-password").statusCode())
          .isEqualTo(429);

      long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
      Instant deadline = Instant.now().plusSeconds(retryAfter + 10);
      int status = 429;
      while (status == 429 && Instant.now().isBefore(deadline)) {
        Thread.sleep(500);
        status = loginFrom(client, "throttled", "throttled-password").statusCode();
      }
      assertThat(status).isEqualTo(200);
      assertThat(
              countRows(
                  "select count(*) from \"SystemLog\" where \"category\" = 'auth'"
                      + " and \"metadata\"::text like '%throttled-password%'"))
          .isZero();
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() throws Exception {
      createUser("raced", "admin", "orch-alpha", "raced-password-1");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(10);
      try {
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          String client = "192.0.2." + (i + 1);
          answers.add(pool.submit(() -> loginFrom(client, "raced", "wrong-password").statusCode()));
        }
        int checked = 0;
        for (var answer : answers) {
          int status = answer.get();
          assertThat(status).isIn(401, 429);
          checked += status == 401 ? 1 : 0;
        }
        assertThat(checked).isEqualTo(5);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void aGeneratedPasswordMustBeChangedAndTheChangeEndsOlderTokens() throws Exception {
      String id = createUser("fresh-admin", "admin", "orch-alpha", null);
      String generated =
          RunningRipieno.json(
                  ripieno.send(
                      "POST", "/api/platform/users/" + id + "/reset-password", superadmin, null))
              .getString("password");
      String first = login("fresh-admin", generated);

      HttpResponse<String> me = ripieno.send("GET", "/api/auth/me", first, null);
      assertThat(RunningRipieno.json(me).getBoolean("mustChangePassword")).isTrue();
      HttpResponse<String> blocked = ripieno.send("GET", "/api/orchestras/alpha", first, null);
      assertThat(blocked.statusCode()).isEqualTo(403);
      assertThat(RunningRipieno.json(blocked).getString("detail")).contains("password");

      HttpResponse<String> change =
          ripieno.send(
              "PUT",
              "/api/auth/password",
              first,
              "{\"currentPassword\":\"" + generated + "\",\"newPassword\":\"my-own-password-1\"}");
      assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
      assertThat(ripieno.send("GET", "/api/auth/me", first, null).statusCode()).isEqualTo(401);
      // An orchestra's request reads the account its own way (plain JDBC): refused the same.
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", first, null).statusCode())
          .isEqualTo(401);

      String second = login("fresh-admin", "my-own-password-1");
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", second, null).statusCode())
          .isEqualTo(200);
    }
  }

  @Nested
  class Revocation {

    @Test
    void deactivatingAUserMakesTheirTokensAnswer401() throws Exception {
      String id = createUser("soon-gone", "admin", "orch-alpha", "soon-gone-password");
      String token = login("soon-gone", "soon-gone-password");
      assertThat(ripieno.send("GET", "/api/auth/me", token, null).statusCode()).isEqualTo(200);
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", token, null).statusCode())
          .isEqualTo(200);

      HttpResponse<String> deactivate =
          ripieno.send("PUT", "/api/platform/users/" + id, superadmin, "{\"active\":false}");
      assertThat(deactivate.statusCode()).as(deactivate.body()).isEqualTo(200);

      assertThat(ripieno.send("GET", "/api/auth/me", token, null).statusCode()).isEqualTo(401);
      // An orchestra's request reads the account its own way (plain JDBC): refused the same.
      HttpResponse<String> orchestra = ripieno.send("GET", "/api/orchestras/alpha", token, null);
      assertThat(orchestra.statusCode()).isEqualTo(401);
      assertThat(RunningRipieno.json(orchestra).getString("detail")).contains("deactivated");
    }

    @Test
    void suspendingTheOrchestraThroughThePlatformMakesItsTokensAnswer403AtOnce() throws Exception {
      String token = login("beta-admin", "beta-admin-password");
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
      try {
        assertThat(changeStatus("orch-beta", "suspended").statusCode()).isEqualTo(200);

        assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
            .isEqualTo(403);
      } finally {
        assertThat(changeStatus("orch-beta", "active").statusCode()).isEqualTo(200);
      }
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
    }

    // Another instance, the command line or an operator's SQL: this instance may have kept the
    // account its last request read, for ripieno.token.account-cache (half a second), no longer.
    @Test
    void aSuspensionMadeOutsideThisInstanceCountsWithinASecond() throws Exception {
      String token = login("beta-admin", "beta-admin-password");
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
      long changed = System.nanoTime();
      setStatus("orch-beta", "suspended");
      try {
        int status = 200;
        while (status == 200 && System.nanoTime() - changed < 2_000_000_000L) {
          status = ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode();
        }
        long tookMillis = (System.nanoTime() - changed) / 1_000_000;

        assertThat(status).isEqualTo(403);
        assertThat(tookMillis).isLessThan(1000);
      } finally {
        setStatus("orch-beta", "active");
      }
    }

    @Test
    void suspendingTheOrchestraMakesItsTokensAnswer403UntilReactivated() throws Exception {
      String token = login("beta-admin", "beta-admin-password");
      setStatus("orch-beta", "suspended");
      platform.awaitCentralChangesSeen();
      try {
        HttpResponse<String> refused = ripieno.send("GET", "/api/orchestras/beta", token, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(RunningRipieno.json(refused).getString("detail")).contains("suspended");
        HttpResponse<String> swedish =
            ripieno.send("GET", "/api/orchestras/beta", token, null, "Accept-Language", "sv");
        assertThat(RunningRipieno.json(swedish).getString("detail")).contains("Orkestern");
      } finally {
        setStatus("orch-beta", "active");
        platform.awaitCentralChangesSeen();
      }
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
    }

    private HttpResponse<String> changeStatus(String orchestraId, String status) throws Exception {
      return ripieno.send(
          "PATCH",
          "/api/platform/orchestras/" + orchestraId,
          superadmin,
          "{\"status\":\"" + status + "\"}");
    }
  }

  @Nested
  class OwnOrchestra {

    // The gate takes an admin's orchestra from the row authentication read, instead of reading
    // central again: a change at central must still count once it has reached the requests.
    @Test
    void aSubdomainChangedAtCentralMovesItsAdmins() throws Exception {
      String token = login("beta-admin", "beta-admin-password");
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
      setSubdomain("orch-beta", "beta-moved");
      platform.awaitCentralChangesSeen();
      try {
        assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
            .isEqualTo(404);
        HttpResponse<String> moved = ripieno.send("GET", "/api/orchestras/beta-moved", token, null);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(RunningRipieno.json(moved).getString("subdomain")).isEqualTo("beta-moved");
      } finally {
        setSubdomain("orch-beta", "beta");
        platform.awaitCentralChangesSeen();
      }
      assertThat(ripieno.send("GET", "/api/orchestras/beta-moved", token, null).statusCode())
          .isEqualTo(404);
      assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
          .isEqualTo(200);
    }
  }

  @Nested
  class Input {

    @Test
    void unknownFieldsAndWrongTypesAre400NotA500() throws Exception {
      HttpResponse<String> unknown =
          ripieno.send(
              "POST",
              "/api/auth/login",
              null,
              "{\"username\":\"x\",\"password\":\"y\",\"org\":\"beta\"}");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");

      HttpResponse<String> wrongType =
          ripieno.send(
              "PUT", "/api/platform/users/" + userOfAlphaId, superadmin, "{\"active\":\"yes\"}");
      assertThat(wrongType.statusCode()).isEqualTo(400);

      HttpResponse<String> malformed = ripieno.send("POST", "/api/platform/users", superadmin, "{");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).doesNotContain("at org.");
    }

    @Test
    void theLastSuperadminCannotDemoteItselfAndSsoAccountsGetNoPassword() throws Exception {
      String me =
          RunningRipieno.json(ripieno.send("GET", "/api/auth/me", superadmin, null))
              .getString("id");
      HttpResponse<String> demote =
          ripieno.send(
              "PUT",
              "/api/platform/users/" + me,
              superadmin,
              "{\"role\":\"admin\",\"orchestraId\":\"orch-alpha\"}");
      assertThat(demote.statusCode()).as(demote.body()).isEqualTo(409);

      HttpResponse<String> huge =
          ripieno.send("GET", "/api/platform/users?page=99999999&size=500", superadmin, null);
      assertThat(huge.statusCode()).isEqualTo(400);
    }

    @Test
    void duplicateUsernamesAndSelfDeletionAreRefused() throws Exception {
      HttpResponse<String> duplicate =
          ripieno.send(
              "POST",
              "/api/orchestras/alpha/users",
              adminOfAlpha,
              "{\"username\":\"alpha-user\",\"email\":\"x@example.org\",\"role\":\"user\"}");
      assertThat(duplicate.statusCode()).isEqualTo(409);
      assertThat(RunningRipieno.json(duplicate).getString("detail")).contains("alpha-user");

      String me =
          RunningRipieno.json(ripieno.send("GET", "/api/auth/me", adminOfAlpha, null))
              .getString("id");
      assertThat(
              ripieno
                  .send("DELETE", "/api/orchestras/alpha/users/" + me, adminOfAlpha, null)
                  .statusCode())
          .isEqualTo(409);
      HttpResponse<String> superadminByOrchestraAdmin =
          ripieno.send(
              "POST",
              "/api/orchestras/alpha/users",
              adminOfAlpha,
              "{\"username\":\"sneaky\",\"email\":\"s@example.org\",\"role\":\"superadmin\"}");
      assertThat(superadminByOrchestraAdmin.statusCode()).isEqualTo(403);
    }
  }

  private HttpResponse<String> loginFrom(String client, String username, String password)
      throws Exception {
    return ripieno.send(
        "POST",
        "/api/auth/login",
        null,
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
        "X-Forwarded-For",
        client);
  }

  private String login(String username, String password) throws Exception {
    return platform.login(username, password);
  }

  private String createUser(String username, String role, String orchestraId, String password)
      throws Exception {
    return platform.createUser(username, role, orchestraId, password);
  }

  /** An orchestra with one musician whose name is the orchestra's marker. */
  private void registerOrchestra(String id, String subdomain, String name) throws Exception {
    DatabaseLogin database = platform.registerOrchestra(id, subdomain, name);
    platform
        .postgres()
        .execute(
            database,
            "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
                + " \"createdAt\", \"updatedAt\") values ('MUS001', 'Marker', '"
                + name
                + "', 'marker@"
                + subdomain
                + ".example', now(), now())");
  }

  private void insertUser(String username, String email, String hash, String orchestraId)
      throws Exception {
    try (Connection connection = central.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into \"User\" (\"id\", \"email\", \"username\", \"passwordHash\","
                    + " \"role\", \"orchestraId\", \"updatedAt\") values (?, ?, ?, ?, 'user', ?,"
                    + " now())")) {
      insert.setString(1, "legacy-" + username);
      insert.setString(2, email);
      insert.setString(3, username);
      insert.setString(4, hash);
      insert.setString(5, orchestraId);
      insert.executeUpdate();
    }
  }

  private void setSubdomain(String orchestraId, String subdomain) throws Exception {
    try (Connection connection = central.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "update \"Orchestra\" set \"subdomain\" = ? where \"id\" = ?")) {
      update.setString(1, subdomain);
      update.setString(2, orchestraId);
      update.executeUpdate();
    }
  }

  private void setStatus(String orchestraId, String status) throws Exception {
    try (Connection connection = central.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "update \"Orchestra\" set \"status\" = ? where \"id\" = ?")) {
      update.setString(1, status);
      update.setString(2, orchestraId);
      update.executeUpdate();
    }
  }

  private long countRows(String sql) throws Exception {
    try (Connection connection = central.connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
