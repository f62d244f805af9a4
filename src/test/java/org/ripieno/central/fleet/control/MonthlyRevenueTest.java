package org.ripieno.central.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ripieno.central.fleet.control.FleetProgressTest.orchestra;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;

class MonthlyRevenueTest {

  @Test
  void sumsThePriceOfTheActiveOrchestrasOnlyInKronor() {
    FleetReports.Revenue revenue =
        MonthlyRevenue.of(
            List.of(
                orchestra("a", "active", 4990),
                orchestra("b", "active", 1000),
                orchestra("c", "inactive", 2500),
                orchestra("d", "suspended", 700),
                orchestra("e", "pending", 300),
                orchestra("f", "deleted", 9999)));

    assertThat(revenue.monthly()).isEqualTo(5990);
    assertThat(revenue.activeOrchestras()).isEqualTo(2);
    assertThat(revenue.currency()).isEqualTo("SEK");
  }

  @Test
  void noActiveOrchestraMeansNoRevenue() {
    FleetReports.Revenue revenue = MonthlyRevenue.of(List.of(orchestra("c", "inactive", 2500)));

    assertThat(revenue.monthly()).isZero();
    assertThat(revenue.activeOrchestras()).isZero();
  }

  @Test
  void largeFleetsDoNotOverflow() {
    RegisteredOrchestra expensive = orchestra("x", "active", Integer.MAX_VALUE);

    assertThat(MonthlyRevenue.of(List.of(expensive, expensive)).monthly())
        .isEqualTo(2L * Integer.MAX_VALUE);
  }
}
