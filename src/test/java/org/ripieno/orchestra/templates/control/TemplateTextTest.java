package org.ripieno.orchestra.templates.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.seed.control.CanonicalSeed;

class TemplateTextTest {

  @Test
  void providedVariablesAreReplacedAndOthersStayAsWritten() {
    String rendered =
        TemplateText.render(
            "Hej {{firstName}}, {{ project_name }} {{missing}}",
            Map.of("firstName", "Anna", "project_name", "Vårkonsert"));

    assertThat(rendered).isEqualTo("Hej Anna, Vårkonsert {{missing}}");
  }

  @Test
  void replacementValuesAreTakenLiterally() {
    assertThat(TemplateText.render("{{firstName}}", Map.of("firstName", "$1 \\o/")))
        .isEqualTo("$1 \\o/");
  }

  @Test
  void unknownVariablesAreReportedInOrder() {
    assertThat(TemplateText.unknownIn("{{firstName}} {{frstName}} {{projectName}} {{datum}}"))
        .containsExactly("frstName", "datum");
    assertThat(TemplateText.variablesIn("{{a}} {{b}} {{a}}")).containsExactly("a", "b");
  }

  @Test
  void theHtmlHasOneParagraphPerLineLinksAndNoMarkupFromTheText() {
    String html = TemplateText.html("Hej <b>Anna</b>\n[Svara här](https://example.org/r?a=1&b=2)");

    assertThat(html)
        .contains("<p style=\"margin:8px 0\">Hej &lt;b&gt;Anna&lt;/b&gt;</p>")
        .contains(
            "<a href=\"https://example.org/r?a=1&amp;b=2\" style=\"color:#1E40AF\">Svara här</a>")
        .startsWith("<div style=\"max-width:600px\">");
  }

  @Test
  void theDefaultTemplatesUseOnlyKnownVariablesAndAreSigned() {
    for (CanonicalSeed.TemplateSeed seed : CanonicalSeed.templates("Göteborgs Orkester")) {
      assertThat(TemplateText.unknownIn(seed.subject() + seed.body())).as(seed.type()).isEmpty();
      assertThat(seed.body()).as(seed.type()).endsWith("Göteborgs Orkester");
      assertThat(TemplateText.variablesIn(seed.subject() + seed.body()))
          .as(seed.type())
          .containsExactlyInAnyOrderElementsOf(seed.variables());
    }
    assertThat(CanonicalSeed.templates("X"))
        .extracting(CanonicalSeed.TemplateSeed::type)
        .containsExactly(
            "request",
            "reminder",
            "confirmation",
            "position_filled",
            "request_en",
            "reminder_en",
            "confirmation_en",
            "position_filled_en");
  }

  @Test
  void everySampleValueCoversAKnownVariable() {
    assertThat(TemplateText.sampleValues(false).keySet())
        .containsExactlyInAnyOrderElementsOf(TemplateText.KNOWN);
    assertThat(TemplateText.sampleValues(true).keySet())
        .containsExactlyInAnyOrderElementsOf(TemplateText.KNOWN);
  }
}
