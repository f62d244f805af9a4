package org.ripieno.orchestra.customlists.boundary;

import java.util.List;

/** The new order of a custom list's musicians (replacing all), and optionally its template flag. */
public record CustomListUpdate(List<Integer> musicianIds, Boolean isTemplate, String templateName) {

  public static CustomListUpdate orEmpty(CustomListUpdate input) {
    return input == null ? new CustomListUpdate(null, null, null) : input;
  }
}
