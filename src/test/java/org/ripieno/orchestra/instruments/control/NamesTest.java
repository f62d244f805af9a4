package org.ripieno.orchestra.instruments.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class NamesTest {

  @Test
  void aNameIsTrimmedAndRequiredAndAtMost200Characters() {
    assertThat(Names.name("  Violin ", "name")).isEqualTo("Violin");
    assertThat(Names.name("x".repeat(200), "name")).hasSize(200);
    assertThatThrownBy(() -> Names.name("   ", "name")).hasMessage("name is required.");
    assertThatThrownBy(() -> Names.name(null, "name")).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Names.name("x".repeat(201), "name"))
        .hasMessage("name is at most 200 characters.");
  }

  @Test
  void freeTextIsAtMost10000CharactersAndBlankIsNull() {
    assertThat(Names.text(" ", "description")).isNull();
    assertThat(Names.text("x".repeat(10_000), "description")).hasSize(10_000);
    assertThatThrownBy(() -> Names.text("x".repeat(10_001), "description"))
        .hasMessage("description is at most 10,000 characters.");
  }

  @Test
  void aPathIdThatIsNoPositiveNumberIsNotFound() {
    assertThat(Names.id("42", "no {0}", "ingen {0}")).isEqualTo(42);
    for (String wrong : new String[] {"0", "-1", "abc", "99999999999"}) {
      assertThatThrownBy(() -> Names.id(wrong, "no {0}", "ingen {0}"))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status().getStatusCode()).isEqualTo(404));
    }
  }
}
