package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.ripieno.tenancy.DatabaseAddress;

class CentralOrchestraRowsTest {

  private static final DatabaseAddress DATABASE = new DatabaseAddress("localhost", 5432, "db");

  @Test
  void aResultLongerThanTheLimitIsCutToIt() {
    String longest = "x".repeat(CentralOrchestraRows.MAX_RESULT);
    assertThat(CentralOrchestraRows.cut(longest)).isSameAs(longest);
    assertThat(CentralOrchestraRows.cut(longest + "yz")).isEqualTo(longest);
    assertThat(CentralOrchestraRows.cut("ok")).isEqualTo("ok");
    assertThat(CentralOrchestraRows.cut(null)).isNull();
  }

  @Test
  void timeStampsAreWrittenInUtcToTheMillisecond() {
    assertThat(CentralOrchestraRows.utc(Instant.parse("2026-03-01T10:15:30.123456789Z")))
        .isEqualTo(LocalDateTime.parse("2026-03-01T10:15:30.123"));
  }

  @Test
  void aRegistrationWithoutANameIsNamedByItsSubdomain() {
    assertThat(registration(null).rowName()).isEqualTo("sco");
    assertThat(registration("Stockholms orkester").rowName()).isEqualTo("Stockholms orkester");
  }

  @Test
  void aRegistrationNeedsAnIdASubdomainAndADatabase() {
    assertThatThrownBy(
            () ->
                new CentralOrchestraRows.Registration(
                    null, "sco", null, null, null, null, null, DATABASE, null, null, null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(
            () ->
                new CentralOrchestraRows.Registration(
                    "o-1", null, null, null, null, null, null, DATABASE, null, null, null, true))
        .hasMessage("subdomain");
    assertThatThrownBy(
            () ->
                new CentralOrchestraRows.Registration(
                    "o-1", "sco", null, null, null, null, null, null, null, null, null, true))
        .hasMessage("database");
  }

  private static CentralOrchestraRows.Registration registration(String name) {
    return new CentralOrchestraRows.Registration(
        "o-1", "sco", name, null, null, "7", null, DATABASE, null, null, "adopted", true);
  }
}
