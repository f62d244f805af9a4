package org.ripieno.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProblemLeaksTest {

  @Nested
  class FindsInternals {

    @Test
    void aQualifiedClassNameAndAClassLoader() {
      assertThat(
              ProblemLeaks.in(
                  "{\"detail\":\"org.flywaydb.core.api.FlywayException from ModuleClassLoader for"
                      + " Module \\\"deployment.ripieno.war\\\"\"}"))
          .anySatisfy(leak -> assertThat(leak).startsWith("a Java class name"))
          .anySatisfy(leak -> assertThat(leak).startsWith("a class loader"))
          .anySatisfy(leak -> assertThat(leak).startsWith("an exception or error class"));
    }

    @Test
    void anExceptionOrErrorNameWithoutItsPackage() {
      assertThat(ProblemLeaks.in("Failed: PSQLException")).isNotEmpty();
      assertThat(ProblemLeaks.in("Failed: NoClassDefFoundError")).isNotEmpty();
    }

    @Test
    void sqlAndDatabaseErrors() {
      assertThat(ProblemLeaks.in("select failed: SELECT \"id\" FROM \"User\"")).isNotEmpty();
      assertThat(ProblemLeaks.in("INSERT INTO \"Musician\" values")).isNotEmpty();
      assertThat(ProblemLeaks.in("ERROR: relation \"Orchestra\" does not exist")).hasSize(1);
      assertThat(ProblemLeaks.in("FATAL: database \"x\" does not exist")).isNotEmpty();
      assertThat(ProblemLeaks.in("jdbc:postgresql://127.0.0.1:5432/x")).isNotEmpty();
    }

    @Test
    void stackFrames() {
      assertThat(
              ProblemLeaks.in(
                  "\tat org.ripieno.web.ProblemMapper.toResponse(ProblemMapper.java:40)"))
          .anySatisfy(leak -> assertThat(leak).startsWith("a stack frame"));
      assertThat(ProblemLeaks.in("at Foo.java:12")).isNotEmpty();
    }
  }

  @Nested
  class LeavesWordsAlone {

    @Test
    void detailsAPersonReads() {
      assertThat(
              ProblemLeaks.in(
                  "{\"type\":\"about:blank\",\"status\":503,\"title\":\"Service Unavailable\","
                      + "\"detail\":\"The platform database is unavailable right now; please try"
                      + " again later.\"}"))
          .isEmpty();
      assertThat(ProblemLeaks.in("Internal Server Error: something went wrong on our side"))
          .isEmpty();
      assertThat(ProblemLeaks.in("Write to anna@example.com or see https://example.org/docs.html"))
          .isEmpty();
      assertThat(ProblemLeaks.in("Välj ett annat användarnamn; det är upptaget.")).isEmpty();
      assertThat(ProblemLeaks.in(null)).isEmpty();
    }
  }
}
