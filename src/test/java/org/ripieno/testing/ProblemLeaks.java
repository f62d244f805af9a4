package org.ripieno.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds internals in a problem answer: Java class names, SQL and database errors, stack frames. A
 * client must only ever read what failed in words; {@link RunningRipieno} runs this on every
 * problem+json answer the integration tests receive.
 */
public final class ProblemLeaks {

  private record Leak(String kind, Pattern pattern) {}

  private static final List<Leak> LEAKS =
      List.of(
          new Leak(
              "a Java class name",
              Pattern.compile(
                  "(?<![\\w.@/-])(?:org|java|javax|jakarta|com|sun|fish|io|net)\\.[a-z]\\w*"
                      + "(?:\\.\\w+)+")),
          new Leak(
              "an exception or error class", Pattern.compile("\\b\\w*(?:Exception|[a-z]Error)\\b")),
          new Leak("a class loader", Pattern.compile("(?i)class ?loader")),
          new Leak(
              "SQL",
              Pattern.compile(
                  "\\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|ALTER|DROP) [\"\\w*]")),
          new Leak(
              "a database error", Pattern.compile("relation \"|ERROR:|FATAL:|SQL ?State|jdbc:")),
          new Leak(
              "a stack frame",
              Pattern.compile("\\bat [\\w$]+\\.[\\w$.]+\\(|\\.java:\\d+|\\bat org\\.")));

  private ProblemLeaks() {}

  /** What in the text looks like internals, each as "kind: excerpt"; empty when clean. */
  public static List<String> in(String text) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    for (Leak leak : LEAKS) {
      Matcher matcher = leak.pattern().matcher(text);
      if (matcher.find()) {
        found.add(leak.kind() + ": " + matcher.group());
      }
    }
    return found;
  }
}
