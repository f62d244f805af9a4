package org.ripieno.central.fleet.control;

import java.util.List;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;

/**
 * The legacy system's monthly recurring revenue (legacy-system.md §5.2): the sum of {@code
 * "Orchestra"."pricePerMonth"} over the orchestras whose status is {@code active}. The column holds
 * whole Swedish kronor per month (default 4990); inactive, suspended, pending and deleted
 * orchestras pay nothing.
 */
public final class MonthlyRevenue {

  public static final String CURRENCY = "SEK";

  private MonthlyRevenue() {}

  public static FleetReports.Revenue of(List<RegisteredOrchestra> orchestras) {
    long sum = 0;
    int active = 0;
    for (RegisteredOrchestra orchestra : orchestras) {
      if (orchestra.isActive()) {
        sum += orchestra.pricePerMonth();
        active++;
      }
    }
    return new FleetReports.Revenue(sum, CURRENCY, active);
  }
}
