package org.ripieno.orchestra.seed.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The seed's revision orders the templates of two releases during a rolling upgrade, and only a
 * developer can raise it: this pins the content of the current revision, so changing the seed
 * without raising the revision fails the build.
 */
class ProvisionedSeedTest {

  /** The revision whose content is pinned below: {@link ProvisionedSeed#REVISION}. */
  private static final int PINNED_REVISION = 1;

  /**
   * {@link ProvisionedSeed#version()} at {@link #PINNED_REVISION}. Revision 1's is also the seed
   * releases before revisions built: their template's comment, which names no revision, reads as
   * revision 1, and is this code's own while the seed is unchanged.
   */
  private static final String PINNED_CONTENT = "c9af5cb0f91ecb63";

  @Test
  void theSeedsContentIsTheOnePinnedForItsRevision() {
    int revision = ProvisionedSeed.REVISION;
    String content = ProvisionedSeed.version();

    assertThat(revision)
        .as(
            "ProvisionedSeed.REVISION went down from %d to %d: it starts at 1 and only goes up,"
                + " or an instance of the previous release takes this release's template for an"
                + " older one and rebuilds it",
            PINNED_REVISION, revision)
        .isGreaterThanOrEqualTo(PINNED_REVISION);
    assertThat(revision)
        .as(
            "ProvisionedSeed.REVISION is now %d: pin its content here: PINNED_REVISION = %d,"
                + " PINNED_CONTENT = \"%s\"",
            revision, revision, content)
        .isLessThanOrEqualTo(PINNED_REVISION);
    assertThat(content)
        .as(
            "The seed's content changed (its hash is now %s, revision %d was %s) but"
                + " ProvisionedSeed.REVISION did not: raise it to %d, so that during a rolling"
                + " upgrade instances of the previous release leave the new template alone"
                + " instead of rebuilding it back, then pin it here: PINNED_REVISION = %d,"
                + " PINNED_CONTENT = \"%s\"",
            content,
            PINNED_REVISION,
            PINNED_CONTENT,
            PINNED_REVISION + 1,
            PINNED_REVISION + 1,
            content)
        .isEqualTo(PINNED_CONTENT);
  }
}
