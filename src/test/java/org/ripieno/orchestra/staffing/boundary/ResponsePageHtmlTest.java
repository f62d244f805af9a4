package org.ripieno.orchestra.staffing.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.staffing.control.ResponseDetails;

class ResponsePageHtmlTest {

  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  private static ResponseDetails details(String language, String projectName) {
    return new ResponseDetails(
        "REQ001",
        "pending",
        new ResponseDetails.Musician("Anna", "Andersson"),
        new ResponseDetails.Project(
            projectName, Instant.parse("2027-03-08T09:00:00Z"), 10, "Mån-ons 10-15", null),
        new ResponseDetails.Position("Tutti", "Violin"),
        24,
        Instant.parse("2027-03-01T12:30:00Z"),
        language);
  }

  @Test
  void everyValueIsEscaped() {
    String html =
        ResponsePageHtml.form(
            details("sv", "<script>alert('x')</script> & \"co\""), "/respond/a\"b", STOCKHOLM);

    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;")
        .contains("action=\"/respond/a&quot;b\"");
  }

  @Test
  void theFormSpeaksTheMusiciansLanguageAndLeavesOutWhatIsNotKnown() {
    String swedish = ResponsePageHtml.form(details("sv", "Vårkonsert"), "/respond/t", STOCKHOLM);
    String english = ResponsePageHtml.form(details("en", "Spring"), "/respond/t", STOCKHOLM);

    assertThat(swedish)
        .contains("lang=\"sv\"", "Svara senast", "2027-03-01 12:30 UTC", "Vecka")
        .doesNotContain("Konserter");
    assertThat(english).contains("lang=\"en\"", "Please answer by", "Yes, I accept");
  }

  @Test
  void theStartIsTheProjectsDayInTheOrchestrasTimeZone() {
    ResponseDetails details =
        new ResponseDetails(
            "REQ001",
            "pending",
            new ResponseDetails.Musician("Anna", "Andersson"),
            // Midnight on 1 October in Stockholm, still 30 September in UTC.
            new ResponseDetails.Project(
                "Höstkonsert", Instant.parse("2035-09-30T22:00:00Z"), 40, null, null),
            new ResponseDetails.Position("Tutti", "Violin"),
            24,
            Instant.parse("2035-09-01T12:30:00Z"),
            "sv");

    assertThat(ResponsePageHtml.form(details, "/respond/t", STOCKHOLM))
        .contains("<dd>2035-10-01</dd>")
        .doesNotContain("2035-09-30");
    assertThat(ResponsePageHtml.form(details, "/respond/t", ZoneId.of("UTC")))
        .contains("<dd>2035-09-30</dd>");
  }

  @Test
  void thePolicyAllowsTheOneStyleByItsHashAndNoScript() {
    assertThat(ResponsePageHtml.CONTENT_SECURITY_POLICY)
        .startsWith("default-src 'none'; style-src 'sha256-")
        .contains("form-action 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe");
  }
}
