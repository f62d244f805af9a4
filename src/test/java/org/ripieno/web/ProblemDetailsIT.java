package org.ripieno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.central.fleet.FleetTestDatabases;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.ProblemLeaks;
import org.ripieno.testing.RunningRipieno;

/**
 * The usual kinds of error, provoked one by one: each answer is problem+json whose detail says what
 * failed in words, with no class name, SQL or stack frame (every other integration test gets the
 * same check from {@link RunningRipieno} on each problem answer it receives).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDetailsIT {

  private PlatformFixture platform;
  private RunningRipieno ripieno;
  private String superadmin;
  private String missingDatabase;

  @BeforeAll
  void start() throws Exception {
    platform = PlatformFixture.shared();
    ripieno = platform.ripieno();
    superadmin = platform.superadmin();
    // Registered in central on a database that does not exist (dropped, or never made).
    missingDatabase = platform.postgres().uniqueName("gone_database");
    FleetTestDatabases.register(
        platform.central(),
        "orch-gone",
        "gone",
        "active",
        0,
        platform.postgres().login(missingDatabase));
  }

  @Nested
  class BadRequests {

    @Test
    void malformedJsonIs400InWords() throws Exception {
      HttpResponse<String> answer = ripieno.send("POST", "/api/auth/login", null, "{\"username\":");
      assertClean(answer, 400);
      assertThat(detail(answer)).contains("not valid JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIs400InWords() throws Exception {
      HttpResponse<String> answer =
          ripieno.send(
              "POST",
              "/api/platform/users",
              superadmin,
              "{\"username\":[1],\"email\":{\"a\":1},\"role\":5}");
      assertClean(answer, 400);
      assertThat(detail(answer)).contains("wrong type");
    }

    @Test
    void anUnknownRouteIs404InWords() throws Exception {
      HttpResponse<String> answer = ripieno.send("GET", "/api/no-such-route/x", superadmin, null);
      assertClean(answer, 404);
      assertThat(detail(answer)).isEqualTo("There is nothing at this address.");
    }

    @Test
    void aMethodTheAddressDoesNotTakeIs405WithItsAllowHeader() throws Exception {
      HttpResponse<String> answer = ripieno.send("DELETE", "/api/auth/login", null, null);
      assertClean(answer, 405);
      assertThat(answer.headers().firstValue("Allow"))
          .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
      assertThat(detail(answer)).isEqualTo("This address does not take this method.");
    }

    @Test
    void aBodyOfAnotherContentTypeIs415InWords() throws Exception {
      HttpResponse<String> answer =
          ripieno.send(
              "POST", "/api/auth/login", null, null, "Content-Type", "text/plain; charset=utf-8");
      assertClean(answer, 415);
      assertThat(detail(answer)).contains("application/json");
    }
  }

  @Nested
  class Orchestras {

    @Test
    void anUnknownOrchestraIs404() throws Exception {
      HttpResponse<String> answer =
          ripieno.send("GET", "/api/orchestras/no-such-orchestra/musicians", superadmin, null);
      assertClean(answer, 404);
    }

    @Test
    void anOrchestraWhoseDatabaseIsGoneIs503SayingSoWithoutTheDatabase() throws Exception {
      HttpResponse<String> answer =
          ripieno.send("GET", "/api/orchestras/gone/musicians", superadmin, null);
      assertClean(answer, 503);
      assertThat(detail(answer))
          .isEqualTo("The orchestra's database is unavailable right now; please try again later.")
          .doesNotContain(missingDatabase);
      assertThat(answer.body())
          .doesNotContain(missingDatabase)
          .doesNotContain(platform.central().address().host() + ":");

      HttpResponse<String> swedish =
          ripieno.send(
              "GET", "/api/orchestras/gone/musicians", superadmin, null, "Accept-Language", "sv");
      assertClean(swedish, 503);
      assertThat(detail(swedish)).startsWith("Orkesterns databas är inte tillgänglig");
    }
  }

  private static void assertClean(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(ProblemLeaks.in(answer.body())).as(answer.body()).isEmpty();
  }

  private static String detail(HttpResponse<String> answer) {
    return RunningRipieno.json(answer).getString("detail");
  }
}
