package org.ripieno.orchestra.rankings.control;

import java.util.List;
import java.util.stream.IntStream;

/** The ranks a list of n members has: 1 (asked first) to n, without gaps. */
public final class RankNumbers {

  private RankNumbers() {}

  public static List<Integer> contiguous(int members) {
    if (members < 0) {
      throw new IllegalArgumentException("members " + members);
    }
    return IntStream.rangeClosed(1, members).boxed().toList();
  }
}
