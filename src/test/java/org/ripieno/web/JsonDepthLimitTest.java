package org.ripieno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDepthLimitTest {

  private static int depth(String json) {
    return JsonDepthLimit.depth(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void countsTheDeepestNestingOfArraysAndObjects() {
    assertThat(depth("42")).isZero();
    assertThat(depth("{\"a\":[1,{\"b\":[]}],\"c\":{}}")).isEqualTo(4);
    assertThat(depth("[".repeat(20_000) + "]".repeat(20_000))).isEqualTo(20_000);
  }

  @Test
  void bracketsInsideStringsAndEscapedQuotesDoNotCount() {
    assertThat(depth("{\"a\":\"[[[{{{\"}")).isEqualTo(1);
    assertThat(depth("{\"a\":\"\\\"[[[\"}")).isEqualTo(1);
    assertThat(depth("[\"\\\\\",[[]]]")).isEqualTo(3);
  }
}
