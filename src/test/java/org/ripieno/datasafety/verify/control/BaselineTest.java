package org.ripieno.datasafety.verify.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ripieno.central.fleet.control.OrchestraProbe;

class BaselineTest {

  private static final Instant TAKEN = Instant.parse("2025-07-05T08:00:00Z");

  private static OrchestraProbe.Probe probe(
      String subdomain, long musicians, long projects, long requests) {
    return new OrchestraProbe.Probe(
        subdomain + "-id",
        subdomain,
        "h:5432/" + subdomain,
        true,
        true,
        null,
        null,
        new OrchestraProbe.Counts(musicians, projects, requests),
        10,
        null);
  }

  private static final Baseline BASELINE =
      Baseline.of(List.of(probe("sco", 163, 45, 300), probe("scosco", 5, 7, 10)), TAKEN);

  @Test
  void anyDropFailsByDefault() {
    List<String> drops =
        BASELINE.drops(
            Map.of(
                "sco", new OrchestraProbe.Counts(162, 45, 300),
                "scosco", new OrchestraProbe.Counts(5, 7, 10)),
            Set.of("sco", "scosco"),
            0);

    assertThat(drops).singleElement().asString().contains("sco", "musicians", "163", "162");
  }

  @Test
  void growthAndEqualCountsPass() {
    assertThat(
            BASELINE.drops(
                Map.of(
                    "sco", new OrchestraProbe.Counts(170, 45, 301),
                    "scosco", new OrchestraProbe.Counts(5, 7, 10)),
                Set.of("sco", "scosco"),
                0))
        .isEmpty();
  }

  @Test
  void aDropWithinTheAllowedShareIsToleratedButNeverADropToZero() {
    Map<String, OrchestraProbe.Counts> now =
        Map.of(
            "sco", new OrchestraProbe.Counts(150, 45, 300),
            "scosco", new OrchestraProbe.Counts(5, 0, 10));

    List<String> drops = BASELINE.drops(now, Set.of("sco", "scosco"), 10);

    // 163 -> 150 is 8 %; 7 -> 0 is everything.
    assertThat(drops).singleElement().asString().contains("scosco", "projects", "7", "0");
  }

  @Test
  void anOrchestraWhoseCountsCannotBeReadNowFailsAndOneNotCheckedNowIsNotCompared() {
    List<String> drops =
        BASELINE.drops(
            Map.of("sco", new OrchestraProbe.Counts(163, 45, 300)), Set.of("sco", "scosco"), 0);
    assertThat(drops).singleElement().asString().contains("scosco", "cannot be read");

    assertThat(
            BASELINE.drops(
                Map.of("sco", new OrchestraProbe.Counts(163, 45, 300)), Set.of("sco"), 0))
        .isEmpty();
  }

  @Test
  void anOrchestraOfTheBaselineThatIsNoLongerRegisteredIsNamed() {
    assertThat(BASELINE.vanished(Set.of("sco"))).singleElement().asString().contains("scosco");
    assertThat(BASELINE.vanished(Set.of("sco", "scosco", "new"))).isEmpty();
  }

  @Test
  void aBaselineSurvivesItsFile() {
    Baseline read = Baseline.fromJson(BASELINE.toJson());

    assertThat(read).isEqualTo(BASELINE);
    assertThat(read.orchestras().get("sco").counts())
        .isEqualTo(new OrchestraProbe.Counts(163, 45, 300));
  }
}
