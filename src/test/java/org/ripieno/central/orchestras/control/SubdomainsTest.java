package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ripieno.web.ProblemException;

class SubdomainsTest {

  @ParameterizedTest
  @ValueSource(strings = {"ab", "malmo-symfoni", "orkester2027", "a1-b2-c3"})
  void acceptsShortLowerCaseNamesWithDigitsAndDashes(String subdomain) {
    assertThat(Subdomains.requireValidForNewOrchestra(subdomain)).isEqualTo(subdomain);
  }

  @Test
  void trimsTheGivenName() {
    assertThat(Subdomains.requireValidForNewOrchestra("  gsoa ")).isEqualTo("gsoa");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "Gbg", "göteborg", "has space", "under_score", "-lead", "trail-", ""})
  void refusesOtherShapes(String subdomain) {
    assertThatThrownBy(() -> Subdomains.requireValidForNewOrchestra(subdomain))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void refusesMoreThanFortyCharacters() {
    assertThat(Subdomains.requireValidForNewOrchestra("a".repeat(40))).hasSize(40);
    assertThatThrownBy(() -> Subdomains.requireValidForNewOrchestra("a".repeat(41)))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void refusesNullAsNoSubdomain() {
    assertThatThrownBy(() -> Subdomains.requireValidForNewOrchestra(null))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("2 to 40");
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "api", "www", "platform", "public", "respond", "health"})
  void refusesTheReservedNames(String subdomain) {
    assertThatThrownBy(() -> Subdomains.requireValidForNewOrchestra(subdomain))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void databaseNamesMapDashesOneToOne() {
    assertThat(Subdomains.databaseName("ripieno_", "malmo-symfoni"))
        .isEqualTo("ripieno_orchestra_malmo_symfoni");
    assertThat(Subdomains.databaseName("ripieno_", "a".repeat(40))).hasSizeLessThan(64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "sco",
        "-lead",
        "trail-",
        "admin",
        "x23456789012345678901234567890123456789012345678901234567890123"
      })
  void theLegacyRuleKeepsEveryLegacyNameUpTo63Characters(String subdomain) {
    assertThat(Subdomains.isValidLegacy(subdomain)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Gbg",
        "göteborg",
        "has space",
        "under_score",
        "../x",
        "x234567890123456789012345678901234567890123456789012345678901234"
      })
  void theLegacyRuleRefusesOtherShapes(String subdomain) {
    assertThat(Subdomains.isValidLegacy(subdomain)).isFalse();
  }

  @Test
  void theLegacyRuleRefusesNoSubdomain() {
    assertThat(Subdomains.isValidLegacy(null)).isFalse();
  }
}
