package org.ripieno.web;

import java.util.List;

/** One page of a list (api.md): {@code {"items", "total", "page", "size"}}. */
public record Page<T>(List<T> items, long total, int page, int size) {

  public static final int MAX_SIZE = 500;

  /** The first row of a page, after checking page ≥ 1 and 1 ≤ size ≤ 500. */
  public static int firstRow(int page, int size) {
    if (page < 1 || size < 1 || size > MAX_SIZE || (long) (page - 1) * size > Integer.MAX_VALUE) {
      throw ProblemException.badRequest(
          "page starts at 1 (and is not absurdly large) and size is between 1 and 500.",
          "page börjar på 1 (och är inte orimligt stor) och size är mellan 1 och 500.");
    }
    return (page - 1) * size;
  }
}
