package org.ripieno.orchestra.musicians.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.musicians.boundary.MusicianInput;
import org.ripieno.orchestra.musicians.control.MusicianRules.Details;
import org.ripieno.web.ProblemException;

/** A musician's own fields: required, limited, normalised, merged on update. */
class MusicianRulesTest {

  private static MusicianInput input(String first, String last, String email, String phone) {
    return new MusicianInput(first, last, email, phone, null, null, null, null, null);
  }

  @Test
  void aNewMusicianGetsDefaultsAndTrimmedValues() {
    Details details = MusicianRules.forCreate(input(" Anna ", "Berg", " anna@example.org ", " "));
    assertThat(details)
        .isEqualTo(new Details("Anna", "Berg", "anna@example.org", null, "sv", false, null, true));
  }

  @Test
  void namesAndEmailAreRequired() {
    assertThatThrownBy(() -> MusicianRules.forCreate(input(null, "B", "a@b.se", null)))
        .isInstanceOf(ProblemException.class)
        .hasMessage("firstName is required.");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A", " ", "a@b.se", null)))
        .hasMessage("lastName is required.");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A", "B", null, null)))
        .hasMessage("email is required.");
  }

  @Test
  void limitsAndShapesAreChecked() {
    String long201 = "x".repeat(201);
    assertThatThrownBy(() -> MusicianRules.forCreate(input(long201, "B", "a@b.se", null)))
        .hasMessage("firstName has 1 to 200 characters.");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A", "B", "not-an-email", null)))
        .hasMessageContaining("is not an email address");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A", "B", "a@b.se", "call me")))
        .hasMessageContaining("is not a phone number");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A\nB", "B", "a@b.se", null)))
        .hasMessageContaining("line breaks");
    assertThatThrownBy(
            () ->
                MusicianRules.forCreate(
                    new MusicianInput("A", "B", "a@b.se", null, "de", null, null, null, null)))
        .hasMessage("preferredLanguage is sv or en.");
    assertThatThrownBy(
            () ->
                MusicianRules.forCreate(
                    new MusicianInput(
                        "A", "B", "a@b.se", null, null, null, "n".repeat(10_001), null, null)))
        .hasMessage("notes has at most 10,000 characters.");
    assertThatThrownBy(() -> MusicianRules.forCreate(input("A", "B", "x@erased.invalid", null)))
        .hasMessageContaining("is not an email address");
  }

  @Test
  void anUpdateKeepsAbsentFieldsAndClearsEmptyOnes() {
    Details current =
        new Details("Anna", "Berg", "anna@example.org", "070-1", "en", true, "note", true);
    Details changed =
        MusicianRules.forUpdate(
            new MusicianInput(null, "Lind", null, "", null, null, "", false, null), current);
    assertThat(changed)
        .isEqualTo(new Details("Anna", "Lind", "anna@example.org", null, "en", true, null, false));
  }

  @Test
  void phoneKeysIgnoreFormatting() {
    assertThat(MusicianRules.phoneKey("070-123 45 67")).isEqualTo("0701234567");
    assertThat(MusicianRules.phoneKey("+46 (0)70 123")).isEqualTo("+46070123");
    assertThat(MusicianRules.phoneKey(null)).isNull();
  }

  @Test
  void positionIdsLoseRepeatsAndRefuseNull() {
    assertThat(MusicianRules.positionIds(List.of(3, 1, 3))).containsExactly(3, 1);
    assertThatThrownBy(() -> MusicianRules.positionIds(Arrays.asList(1, null)))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void erasureValuesAndStatus() {
    assertThat(MusicianRules.erasedEmail("MUS007")).isEqualTo("erased-mus007@erased.invalid");
    assertThat(MusicianRules.isErased("erased-mus007@erased.invalid")).isTrue();
    assertThat(MusicianRules.status(true, false)).isEqualTo("active");
    assertThat(MusicianRules.status(false, false)).isEqualTo("inactive");
    assertThat(MusicianRules.status(true, true)).isEqualTo("archived");
  }
}
