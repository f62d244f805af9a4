package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateVersionTest {

  private final TemplateVersion current = new TemplateVersion("7", 2, "0123456789abcdef");

  @Test
  void fromRevisionTwoOnTheCommentStatesSchemaSeedRevisionAndContent() {
    assertThat(current.comment())
        .isEqualTo("ripieno orchestra template; schema 7; seed revision 2; seed 0123456789abcdef");
    assertThat(current.whatIsNewerIn(current.comment())).isEmpty();
  }

  /**
   * Releases before seed revisions compare comments as text and built what revision 1 is: its
   * comment is theirs word for word, so the upgrade to this release rebuilds nothing.
   */
  @Test
  void revisionOnesCommentIsTheOneReleasesBeforeRevisionsWrote() {
    assertThat(new TemplateVersion("7", 1, "abc").comment())
        .isEqualTo("ripieno orchestra template; schema 7; seed abc");
  }

  /**
   * Releases before seed revisions look for {@code "; schema <v>;"} to refuse a newer template:
   * every comment keeps it, so they still refuse a newer schema.
   */
  @Test
  void theSchemaStaysWhereReleasesBeforeRevisionsLookForIt() {
    assertThat(current.comment()).contains("; schema 7;");
    assertThat(new TemplateVersion("7", 1, "abc").comment()).contains("; schema 7;");
  }

  @Test
  void aCommentWithoutARevisionIsRevisionOneOlderThanTwoAndNotNewerThanOne() {
    String withoutRevision = "ripieno orchestra template; schema 7; seed abc";

    assertThat(current.whatIsNewerIn(withoutRevision)).isEmpty();
    assertThat(new TemplateVersion("7", 1, "other").whatIsNewerIn(withoutRevision)).isEmpty();
    assertThat(new TemplateVersion("7", 1, "abc").whatIsNewerIn(current.comment()))
        .contains("seed revision 2 (schema 7), newer than this instance's 1");
  }

  @Test
  void noCommentOrOneThatIsNotATemplatesIsNeverNewer() {
    assertThat(current.whatIsNewerIn(null)).isEmpty();
    assertThat(current.whatIsNewerIn("")).isEmpty();
    assertThat(current.whatIsNewerIn("set up by hand; schema 99;")).isEmpty();
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
        new TemplateVersion("10", 1, "x"),
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
    assertThat(older.whatIsNewerIn(newer.comment())).contains(what);
    assertThat(newer.whatIsNewerIn(older.comment())).isEmpty();
  }

  @Test
  void anotherContentOfTheSameSchemaAndRevisionIsNeitherNewerNorOlder() {
    TemplateVersion otherContent = new TemplateVersion("7", 2, "fedcba9876543210");

    assertThat(otherContent.comment()).isNotEqualTo(current.comment());
    assertThat(current.whatIsNewerIn(otherContent.comment())).isEmpty();
    assertThat(otherContent.whatIsNewerIn(current.comment())).isEmpty();
  }

  /**
   * A later release may add to the comment: this one still reads its schema and revision, so it
   * refuses a newer one instead of rebuilding it back (and the two taking turns).
   */
  @Test
  void aCommentALaterReleaseAddedToIsStillReadAndOrdered() {
    assertThat(current.whatIsNewerIn(new TemplateVersion("8", 2, "x").comment() + "; locale de"))
        .contains("schema 8, newer than this instance's 7");
    assertThat(
            current.whatIsNewerIn(
                "ripieno orchestra template; built 2027-01-01; schema 7; seed revision 3; seed x;"
                    + " counters 4"))
        .contains("seed revision 3 (schema 7), newer than this instance's 2");
    assertThat(
            current.whatIsNewerIn(
                "ripieno orchestra template; schema 7; seed revision 2; seed x; counters 4"))
        .as("the same schema and revision with more words is not newer")
        .isEmpty();
  }

  @Test
  void aCommentThatDoesNotFullyParseIsStillRefusedForANewerSchema() {
    assertThat(current.whatIsNewerIn("ripieno orchestra template; schema 8; seed revision x"))
        .contains("schema 8, newer than this instance's 7");
    assertThat(current.whatIsNewerIn("ripieno orchestra template; schema 8; no seed"))
        .contains("schema 8, newer than this instance's 7");
    assertThat(current.whatIsNewerIn("ripieno orchestra template; schema 6; seed revision x"))
        .as("an older schema is rebuilt, whatever else it says")
        .isEmpty();
  }

  @Test
  void theSameSchemaWithASeedRevisionThatCannotBeReadIsRefused() {
    for (String unreadable :
        new String[] {
          "ripieno orchestra template; schema 7; seed revision three; seed x",
          "ripieno orchestra template; schema 7; seed revision 99999999999; seed x",
          "ripieno orchestra template; schema 7; seed revision 3a; seed x",
        }) {
      assertThat(current.whatIsNewerIn(unreadable))
          .as(unreadable)
          .contains("a seed revision this instance cannot read (schema 7: '" + unreadable + "')");
    }
  }

  @Test
  void aTemplatesCommentWhoseSchemaCannotBeReadIsRefused() {
    String unreadable = "ripieno orchestra template; schema 8-beta; seed x";

    assertThat(current.whatIsNewerIn(unreadable))
        .contains("a schema this instance cannot read ('" + unreadable + "')");
  }

  @Test
  void aRevisionIsOneOrMoreAndTheContentIsOneWordSoTheCommentReadsBack() {
    assertThatThrownBy(() -> new TemplateVersion("7", 0, "abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemplateVersion("7", 1, "a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemplateVersion("7", 1, "a;b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemplateVersion("7", 1, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
