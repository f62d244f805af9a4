package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaReportTest {

  @Test
  void misplacedTablesAreNamedWithTheirRowCounts() {
    SchemaReport report =
        new SchemaReport(
            "central",
            DatabaseKind.CENTRAL,
            List.of(),
            Map.of("Project", 0L, "Musician", 3L),
            List.of());

    assertThat(report.isHealthy()).isFalse();
    assertThat(report.summary())
        .isEqualTo(
            "central database central: misplaced orchestra tables [Musician (3 rows), Project (0"
                + " rows)];");
  }

  @Test
  void unknownTablesAreReportedButTolerated() {
    SchemaReport report =
        new SchemaReport(
            "o", DatabaseKind.ORCHESTRA, List.of(), Map.of(), List.of("_prisma_migrations"));

    assertThat(report.isHealthy()).isTrue();
    assertThat(report.isExact()).isFalse();
    assertThat(report.summary()).contains("unknown tables [_prisma_migrations]");
  }

  @Test
  void missingTablesMakeItUnhealthy() {
    SchemaReport report =
        new SchemaReport("o", DatabaseKind.ORCHESTRA, List.of("Settings"), Map.of(), List.of());

    assertThat(report.isHealthy()).isFalse();
    assertThat(report.summary()).contains("missing tables [Settings]");
  }
}
