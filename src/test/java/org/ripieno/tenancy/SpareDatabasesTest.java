package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpareDatabasesTest {

  private static final String CURRENT = "ripieno orchestra template; schema 7; seed abc";
  private static final String OLDER = "ripieno orchestra template; schema 6; seed abc";

  private final SpareDatabases two = new SpareDatabases("ripieno_", 2);

  @Test
  void aSpareIsNamedAfterTheTemplatesVersionAndItsNumber() {
    assertThat(two.names(CURRENT))
        .containsExactly(
            "ripieno_spare_" + SpareDatabases.tag(CURRENT) + "_1",
            "ripieno_spare_" + SpareDatabases.tag(CURRENT) + "_2");
    assertThat(SpareDatabases.tag(CURRENT)).hasSize(12).matches("[0-9a-f]+");
    assertThat(two.name(CURRENT, 1)).isEqualTo(two.name(CURRENT, 1));
  }

  @Test
  void anotherSchemaOrSeedGivesAnotherName() {
    assertThat(two.name(OLDER, 1)).isNotEqualTo(two.name(CURRENT, 1));
    assertThat(two.name(CURRENT.replace("seed abc", "seed abd"), 1))
        .isNotEqualTo(two.name(CURRENT, 1));
  }

  /**
   * A spare is named after its template's whole comment: one of another seed revision has another
   * name even with the same content hash, so no claim looks for it and a pass drops it.
   */
  @Test
  void aSpareOfAnotherSeedRevisionIsNeverOneToClaimAndIsUnwanted() {
    String revised = new TemplateVersion("7", 2, "abc").comment();
    String previousRevision = new TemplateVersion("7", 1, "abc").comment();

    assertThat(two.names(revised)).doesNotContainAnyElementsOf(two.names(previousRevision));
    assertThat(two.isUnwanted(two.name(previousRevision, 1), revised)).isTrue();
    assertThat(two.isUnwanted(two.name(revised, 1), previousRevision)).isTrue();
  }

  /**
   * Revision 1's comment is the one releases before seed revisions wrote, so the spares they made
   * keep their names through the upgrade: claimed, not dropped and made again.
   */
  @Test
  void aSpareMadeBeforeSeedRevisionsIsOneOfRevisionOne() {
    String beforeRevisions = "ripieno orchestra template; schema 7; seed abc";
    String revisionOne = new TemplateVersion("7", 1, "abc").comment();

    assertThat(two.names(revisionOne)).isEqualTo(two.names(beforeRevisions));
    assertThat(two.isUnwanted(two.name(beforeRevisions, 1), revisionOne)).isFalse();
  }

  @Test
  void aStaleSpareOrOneBeyondTheCountIsUnwantedACurrentOneIsKept() {
    assertThat(two.isUnwanted(two.name(CURRENT, 1), CURRENT)).isFalse();
    assertThat(two.isUnwanted(two.name(CURRENT, 2), CURRENT)).isFalse();
    assertThat(two.isUnwanted(two.name(OLDER, 1), CURRENT)).isTrue();
    assertThat(two.isUnwanted(two.name(CURRENT, 3), CURRENT)).isTrue();
    assertThat(SpareDatabases.none("ripieno_").isUnwanted(two.name(CURRENT, 1), CURRENT)).isTrue();
  }

  @Test
  void onlySparesAreRecognizedNeverAnOrchestraOrTheTemplate() {
    assertThat(two.isSpare(two.name(OLDER, 8))).isTrue();
    assertThat(two.isSpare("ripieno_orchestra_spare_" + SpareDatabases.tag(CURRENT) + "_1"))
        .isFalse();
    assertThat(two.isSpare("ripieno_template")).isFalse();
    assertThat(two.isSpare("ripieno_spare_x_1")).isFalse();
    assertThat(two.isSpare(two.name(CURRENT, 1) + "0")).isFalse();
    assertThat(two.isSpare(null)).isFalse();
    assertThat(two.isUnwanted("ripieno_orchestra_gko", CURRENT)).isFalse();
    assertThat(new SpareDatabases("other_", 1).isSpare(two.name(CURRENT, 1))).isFalse();
  }

  @Test
  void aSpareBeingMadeIsNeverClaimableAndAlwaysUnwantedSoALeftoverIsDropped() {
    String making = two.makingName(CURRENT, 1);
    assertThat(making).isEqualTo(two.name(CURRENT, 1) + "_new");
    assertThat(two.names(CURRENT)).doesNotContain(making);
    assertThat(two.isSpare(making)).isTrue();
    assertThat(two.isUnwanted(making, CURRENT)).isTrue();
  }

  @Test
  void anAdminToolWithoutTheDeploymentsPrefixStillRecognizesItsSpares() {
    SpareDatabases custom = new SpareDatabases("acme_", 1);
    assertThat(SpareDatabases.looksLikeSpare(custom.name(CURRENT, 1))).isTrue();
    assertThat(SpareDatabases.looksLikeSpare(custom.makingName(CURRENT, 1))).isTrue();
    assertThat(SpareDatabases.looksLikeSpare("spare_" + SpareDatabases.tag(CURRENT) + "_1"))
        .isTrue();
    assertThat(SpareDatabases.looksLikeSpare("acme_orchestra_gko")).isFalse();
    assertThat(SpareDatabases.looksLikeSpare("acme_spare_x_1")).isFalse();
    assertThat(SpareDatabases.looksLikeSpare(null)).isFalse();
  }

  @Test
  void theCountIsZeroToEightAndNamesFollowTheDatabaseNameRules() {
    assertThat(SpareDatabases.none("ripieno_").names(CURRENT)).isEmpty();
    assertThatThrownBy(() -> new SpareDatabases("ripieno_", -1))
        .hasMessageContaining("ripieno.provisioning.spares");
    assertThatThrownBy(() -> new SpareDatabases("ripieno_", 9))
        .hasMessageContaining("ripieno.provisioning.spares");
    assertThatThrownBy(() -> new SpareDatabases("Bad-", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpareDatabases("p".repeat(50), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
