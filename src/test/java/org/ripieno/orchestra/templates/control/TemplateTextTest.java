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
  void valuesInTheHtmlAreEscapedAndNeverBecomeMarkupOrLinks() {
    String html =
        TemplateText.html(
            "Hej {{firstName}}!\nProjekt: {{projectName}}",
            Map.of(
                "firstName", "<script>alert(1)</script>",
                "projectName", "[Klicka](https://evil.example) & \"mer\""));

    assertThat(html)
        .contains("Hej &lt;script&gt;alert(1)&lt;/script&gt;!")
        .contains("Projekt: [Klicka](https://evil.example) &amp; &quot;mer&quot;")
        .doesNotContain("<script>")
        .doesNotContain("<a ");
  }

  @Test
  void aTemplatesMarkdownLinkMayTakeItsAddressFromAVariable() {
    String html =
        TemplateText.html(
            "[Svara här]({{responseUrl}}) eller [{{project_name}}](https://example.org/p)"
                + " [inte]({{concertInfo}})",
            Map.of(
                "responseUrl", "https://ripieno.example/respond/a?b=1&c=2",
                "project_name", "Vår & sommar",
                "concertInfo", "javascript:alert(1)"));

    assertThat(html)
        .contains(
            "<a href=\"https://ripieno.example/respond/a?b=1&amp;c=2\" style=\"color:#1E40AF\">"
                + "Svara här</a>")
        .contains("<a href=\"https://example.org/p\" style=\"color:#1E40AF\">Vår &amp; sommar</a>")
        .contains("[inte](javascript:alert(1))")
        .doesNotContain("href=\"javascript");
  }

  @Test
  void aVariableWithoutAValueStaysAsWrittenInTheHtml() {
    assertThat(TemplateText.html("{{nope}} {{firstName}}", Map.of("firstName", "Anna")))
        .contains("{{nope}} Anna");
  }

  @Test
  void everyVariableIsKnownInBothSpellings() {
    assertThat(TemplateText.KNOWN)
        .contains(
            "firstName",
            "first_name",
            "lastName",
            "last_name",
            "musicianName",
            "musician_name",
            "projectName",
            "project_name",
            "positionName",
            "position_name",
            "instrumentName",
            "instrument_name",
            "startDate",
            "start_date",
            "weekNumber",
            "week_number",
            "rehearsalSchedule",
            "rehearsal_schedule",
            "concertInfo",
            "concert_info",
            "responseUrl",
            "response_url",
            "responseTime",
            "response_time",
            "attachmentNote",
            "attachment_note",
            "quantity");
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
