package org.ripieno.datasafety.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names an import gives the databases it creates. */
class DatabaseNamesTest {

  @Test
  void theFirstCandidateIsTheProvisioningName() {
    assertThat(DatabaseNames.candidate("ripieno_", "sco", 1)).isEqualTo("ripieno_orchestra_sco");
    assertThat(DatabaseNames.candidate("ripieno_", "goteborg-so", 1))
        .isEqualTo("ripieno_orchestra_goteborg_so");
  }

  @Test
  void laterCandidatesAreNumbered() {
    assertThat(DatabaseNames.candidate("ripieno_", "sco", 2)).isEqualTo("ripieno_orchestra_sco_2");
    assertThat(DatabaseNames.candidate("ripieno_", "sco", 17))
        .isEqualTo("ripieno_orchestra_sco_17");
  }

  @Test
  void legacySubdomainsBecomeValidNamesOfAtMost63Characters() {
    assertThat(DatabaseNames.candidate("ripieno_", "SCO.Old", 1))
        .isEqualTo("ripieno_orchestra_sco_old");
    String longSubdomain = "a".repeat(80);
    assertThat(DatabaseNames.candidate("ripieno_", longSubdomain, 1))
        .hasSize(63)
        .startsWith("ripieno_orchestra_aaa");
    assertThat(DatabaseNames.candidate("ripieno_", longSubdomain, 12)).hasSize(63).endsWith("a_12");
    assertThat(DatabaseNames.candidate("ripieno_", longSubdomain, 12))
        .matches("[a-z][a-z0-9_]{0,62}");
  }
}
