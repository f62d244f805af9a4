package org.ripieno.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningKeycloak;
import org.ripieno.testing.RunningRipieno;
import org.ripieno.webapp.HeadlessChromium;

/**
 * Enterprise SSO against a stock Keycloak from Maven Central, set up as docs/security.md says
 * (realm {@code orchestras}, the {@code ripieno-api} audience, the {@code orchestra} attribute in
 * the user profile, editable by administrators only, and its mapper; roles from Keycloak's default
 * {@code realm_access.roles}): real tokens by the password grant, sent to Ripieno. Skipped when no
 * Java 21+ is found to run Keycloak on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakSsoIT {

  private static final String REALM = "orchestras";

  /** The client the tests sign in with: like the web app's, with direct access grants. */
  private static final String CLIENT = "ripieno-test";

  /** The web application's client: public, standard flow with PKCE (S256), no password grant. */
  private static final String WEB_CLIENT = "ripieno-web";

  private RunningKeycloak keycloak;
  private PlatformFixture platform;
  private RunningRipieno ripieno;

  @BeforeAll
  void start() throws Exception {
    Optional<Path> home = RunningKeycloak.home();
    assumeTrue(
        home.isPresent(),
        "Keycloak is not unpacked (ripieno.test.keycloakHome); run through 'mvn verify'");
    Optional<Path> java = RunningKeycloak.javaHome();
    assumeTrue(
        java.isPresent(),
        "Keycloak 26 needs Java 21 or newer and none was found: set"
            + " -Dripieno.test.keycloakJavaHome or KEYCLOAK_JAVA_HOME to run this test");
    keycloak =
        RunningKeycloak.start(
            home.get(), java.get(), Path.of("src/test/resources/keycloak/orchestras-realm.json"));
    // One after the other: on two cores, Keycloak's start-up and Ripieno's slow each other past
    // their time limits. On a machine shared with other builds Keycloak took 110-140 s, plus 30 to
    // 190 s of Quarkus augmentation at its first start after unpacking; the limit leaves room.
    Duration started = keycloak.awaitReady(REALM, Duration.ofMinutes(10));
    System.out.println("Keycloak ready " + started.toSeconds() + " s after its start");
    platform =
        PlatformFixture.start(
            "ssokeycloak",
            Map.of(
                "RIPIENO_SSO_ISSUER",
                keycloak.issuer(REALM),
                "RIPIENO_SSO_JWKS_URL",
                keycloak.jwksUrl(REALM),
                "RIPIENO_SSO_AUDIENCE",
                "ripieno-api",
                "RIPIENO_SSO_ORCHESTRA_CLAIM",
                "orchestra",
                "RIPIENO_SSO_CLIENT_ID",
                WEB_CLIENT));
    ripieno = platform.ripieno();
    platform.registerOrchestra("kc-alpha", "alpha", "Alpha Kammarorkester");
    platform.registerOrchestra("kc-beta", "beta", "Beta Blåsorkester");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      if (keycloak != null) {
        keycloak.close();
      }
    }
  }

  @Test
  void theFirstSignInLinksTheAccountWithTheRoleFromRealmAccess() throws Exception {
    String token = keycloak.passwordGrant(REALM, CLIENT, "ada", "ada-password");
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    // The realm maps no top-level role claim: the role reaches Ripieno only nested.
    assertThat(claims.getClaims()).doesNotContainKeys("groups", "roles");
    assertThat(claims.getJSONObjectClaim("realm_access").get("roles").toString()).contains("admin");

    HttpResponse<String> me = ripieno.send("GET", "/api/auth/me", token, null);

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    JsonObject account = RunningRipieno.json(me);
    assertThat(account.getString("username")).isEqualTo("ada");
    assertThat(account.getString("role")).isEqualTo("admin");
    assertThat(account.getJsonObject("orchestra").getString("subdomain")).isEqualTo("alpha");
    assertThat(ripieno.send("GET", "/api/orchestras/alpha", token, null).statusCode())
        .isEqualTo(200);
    assertThat(ripieno.send("GET", "/api/orchestras/beta", token, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theSuperadminRealmRoleGrantsNothingByDefault() throws Exception {
    String token = keycloak.passwordGrant(REALM, CLIENT, "sam", "sam-password");

    HttpResponse<String> platformUsers = ripieno.send("GET", "/api/platform/users", token, null);

    assertThat(platformUsers.statusCode()).as(platformUsers.body()).isEqualTo(403);
    assertThat(RunningRipieno.json(platformUsers).getString("detail")).contains("superadmin");
  }

  @Test
  void aTokenOfAClientWithoutTheAudienceMapperIsRefused() throws Exception {
    // admin-cli exists in every realm and carries no ripieno-api audience.
    String token = keycloak.passwordGrant(REALM, "admin-cli", "ada", "ada-password");
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience())
        .doesNotContain("ripieno-api");

    assertThat(ripieno.send("GET", "/api/auth/me", token, null).statusCode()).isEqualTo(401);
  }

  @Test
  void theWebAppsSignInButtonRunsTheCodeFlowWithPkceInTheBrowser() throws Exception {
    HttpResponse<String> sso = ripieno.send("GET", "/api/auth/sso", null, null);
    assertThat(sso.statusCode()).as(sso.body()).isEqualTo(200);
    JsonObject config = RunningRipieno.json(sso);
    assertThat(config.getBoolean("enabled")).isTrue();
    assertThat(config.getString("issuer")).isEqualTo(keycloak.issuer(REALM));
    assertThat(config.getString("clientId")).isEqualTo(WEB_CLIENT);
    String issuerOrigin = keycloak.issuer(REALM).replaceFirst("/realms/.*$", "");
    assertThat(
            ripieno
                .send("GET", "/sign-in", null, null)
                .headers()
                .firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy -> assertThat(policy).contains("connect-src 'self' " + issuerOrigin + ";"));

    String origin = ripieno.uri("").toString();
    letTheWebClientReturnTo(origin);
    try (HeadlessChromium browser = HeadlessChromium.start(origin)) {
      browser.open("/sign-in");
      browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-in-sso"))).click();
      browser.await(ExpectedConditions.urlContains(keycloak.issuer(REALM)));
      assertThat(browser.driver().getCurrentUrl())
          .contains("code_challenge_method=S256", "code_challenge=", "client_id=" + WEB_CLIENT);
      browser.await(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
      // Keycloak's own page is not the web application's: its console is not checked.
      browser.consoleMessages();
      browser.type("#username", "ada");
      browser.type("#password", "ada-password");
      browser.find("#kc-login").click();

      browser.await(ExpectedConditions.urlMatches("/o/alpha/dashboard$"));
      assertThat(browser.path()).isEqualTo("/o/alpha/dashboard").doesNotContain("code=");
      assertThat(browser.find(".account").getText()).isEqualTo("ada");
      String token = (String) browser.script("return sessionStorage.getItem('ripieno.token')");
      JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer(REALM));
      assertThat(claims.getAudience()).contains("ripieno-api");
      browser.await(ExpectedConditions.presenceOfElementLocated(By.id("figures")));
      browser.screenshot("70-signed-in-with-sso");
      browser.assertNoConsoleErrors("signing in with SSO");
    }
  }

  /** The realm file names a production address; the test's web client returns to this Ripieno. */
  private void letTheWebClientReturnTo(String origin) throws Exception {
    String admin = keycloak.adminToken();
    String clients = "/admin/realms/" + REALM + "/clients";
    HttpResponse<String> found =
        keycloak.send("GET", clients + "?clientId=" + WEB_CLIENT, admin, null);
    JsonObject client =
        Json.createReader(new StringReader(found.body())).readArray().getJsonObject(0);
    JsonObject returning =
        Json.createObjectBuilder(client)
            .add("redirectUris", Json.createArrayBuilder().add(origin + "/sign-in"))
            .add("webOrigins", Json.createArrayBuilder().add(origin))
            .build();
    HttpResponse<String> put =
        keycloak.send("PUT", clients + "/" + client.getString("id"), admin, returning.toString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
  }

  @Nested
  class AUserWhoEditsHerOwnOrchestraAttribute {

    private static final String ACCOUNT = "/realms/" + REALM + "/account/";

    @Test
    void isStoppedByKeycloakAndWereSheNotRipienoRefusesTheOtherOrchestra() throws Exception {
      String first = keycloak.passwordGrant(REALM, CLIENT, "ulla", "ulla-password");
      assertThat(ripieno.send("GET", "/api/orchestras/alpha", first, null).statusCode())
          .isEqualTo(200);

      // As documented: the attribute is in the user profile, editable by administrators only.
      HttpResponse<String> refused = moveToBeta(first);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("read-only");
      assertThat(orchestraClaim(keycloak.passwordGrant(REALM, CLIENT, "ulla", "ulla-password")))
          .isEqualTo("alpha");

      // The realm of the report: the attribute left out of the profile, unmanaged attributes
      // editable by their users. Keycloak then lets her change it, and the claim follows.
      allowUsersToEditUnmanagedAttributesWithoutOrchestraInTheProfile();
      HttpResponse<String> moved =
          moveToBeta(keycloak.passwordGrant(REALM, CLIENT, "ulla", "ulla-password"));
      assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);
      String afterwards = keycloak.passwordGrant(REALM, CLIENT, "ulla", "ulla-password");
      assertThat(orchestraClaim(afterwards)).isEqualTo("beta");

      HttpResponse<String> beta = ripieno.send("GET", "/api/orchestras/beta", afterwards, null);
      assertThat(beta.statusCode()).as(beta.body()).isEqualTo(403);
      assertThat(RunningRipieno.json(beta).getString("detail")).contains("alpha", "beta");
      assertThat(ripieno.send("GET", "/api/auth/me", afterwards, null).statusCode()).isEqualTo(403);
      HttpResponse<String> log =
          ripieno.send(
              "GET",
              "/api/platform/system-log?category=auth&text=orchestra%20claim&size=50",
              platform.superadmin(),
              null);
      assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
      assertThat(RunningRipieno.json(log).getInt("total")).isGreaterThanOrEqualTo(2);
    }

    private HttpResponse<String> moveToBeta(String token) throws Exception {
      JsonObject me = RunningRipieno.json(keycloak.send("GET", ACCOUNT, token, null));
      JsonObject changed =
          Json.createObjectBuilder(me)
              .add(
                  "attributes",
                  Json.createObjectBuilder()
                      .add("orchestra", Json.createArrayBuilder().add("beta")))
              .build();
      return keycloak.send("POST", ACCOUNT, token, changed.toString());
    }

    private void allowUsersToEditUnmanagedAttributesWithoutOrchestraInTheProfile()
        throws Exception {
      String admin = keycloak.adminToken();
      String path = "/admin/realms/" + REALM + "/users/profile";
      JsonObject profile = RunningRipieno.json(keycloak.send("GET", path, admin, null));
      JsonArrayBuilder attributes = Json.createArrayBuilder();
      for (JsonValue attribute : profile.getJsonArray("attributes")) {
        if (!"orchestra".equals(attribute.asJsonObject().getString("name"))) {
          attributes.add(attribute);
        }
      }
      JsonObject careless =
          Json.createObjectBuilder(profile)
              .add("attributes", attributes)
              .add("unmanagedAttributePolicy", "ENABLED")
              .build();
      HttpResponse<String> put = keycloak.send("PUT", path, admin, careless.toString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private String orchestraClaim(String token) throws Exception {
      return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("orchestra");
    }
  }
}
