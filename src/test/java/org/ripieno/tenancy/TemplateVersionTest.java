package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateVersionTest {

  private final TemplateVersion current = new TemplateVersion("7", 2, "0123456789abcdef");

  @Test
  void theCommentStatesSchemaSeedRevisionAndContentAndReadsBackTheSame() {
    assertThat(current.comment())
        .isEqualTo("ripieno orchestra template; schema 7; seed revision 2; seed 0123456789abcdef");
    assertThat(TemplateVersion.fromComment(current.comment())).contains(current);
  }

  /**
   * Releases before seed revisions wrote no revision, and look for {@code "; schema <v>;"} to
   * refuse a newer template: the new format keeps that, so they still refuse a newer schema.
   */
  @Test
  void aCommentFromBeforeSeedRevisionsIsRevisionZeroAndTheOldSchemaPatternStillFindsTheSchema() {
    assertThat(TemplateVersion.fromComment("ripieno orchestra template; schema 7; seed abc"))
        .contains(new TemplateVersion("7", 0, "abc"));
    assertThat(current.comment()).contains("; schema 7;");
  }

  @Test
  void noCommentOrAnotherOneIsNoVersion() {
    assertThat(TemplateVersion.fromComment(null)).isEmpty();
    assertThat(TemplateVersion.fromComment("")).isEmpty();
    assertThat(TemplateVersion.fromComment("set up by hand")).isEmpty();
    assertThat(TemplateVersion.fromComment(current.comment() + " and more")).isEmpty();
  }

  @Test
  void aNewerSchemaIsNewerWhateverTheSeedRevision() {
    assertNewer(
        new TemplateVersion("8", 1, "fedcba9876543210"),
        current,
        "schema 8, newer than this instance's 7");
  }

  @Test
  void schemasAreComparedAsVersionsNotAsText() {
    assertNewer(
        new TemplateVersion("10", 0, "x"),
        new TemplateVersion("9", 5, "x"),
        "schema 10, newer than this instance's 9");
  }

  @Test
  void withTheSameSchemaTheNewerSeedRevisionIsNewer() {
    assertNewer(
        new TemplateVersion("7", 3, "fedcba9876543210"),
        current,
        "seed revision 3 (schema 7), newer than this instance's 2");
  }

  private static void assertNewer(TemplateVersion newer, TemplateVersion older, String what) {
    assertThat(newer.isNewerThan(older)).isTrue();
    assertThat(older.isNewerThan(newer)).isFalse();
    assertThat(newer.whatIsNewerThan(older)).isEqualTo(what);
  }

  @Test
  void aTemplateFromBeforeSeedRevisionsIsOlderThanAnyRevisionOfTheSameSchema() {
    TemplateVersion beforeRevisions =
        TemplateVersion.fromComment("ripieno orchestra template; schema 7; seed abc").orElseThrow();

    assertThat(beforeRevisions.isNewerThan(new TemplateVersion("7", 1, "abc"))).isFalse();
    assertThat(new TemplateVersion("7", 1, "abc").isNewerThan(beforeRevisions)).isTrue();
  }

  @Test
  void anotherContentOfTheSameSchemaAndRevisionIsNeitherNewerNorOlder() {
    TemplateVersion otherContent = new TemplateVersion("7", 2, "fedcba9876543210");

    assertThat(otherContent).isNotEqualTo(current);
    assertThat(otherContent.isNewerThan(current)).isFalse();
    assertThat(current.isNewerThan(otherContent)).isFalse();
    assertThatThrownBy(() -> otherContent.whatIsNewerThan(current))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRevisionIsNeverNegativeAndTheContentIsOneWordSoTheCommentReadsBack() {
    assertThatThrownBy(() -> new TemplateVersion("7", -1, "abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemplateVersion("7", 1, "a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemplateVersion("7", 1, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
