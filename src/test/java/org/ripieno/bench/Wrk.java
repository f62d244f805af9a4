package org.ripieno.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the C load generator issue 15's first figures were measured with, as a second instrument for
 * figure 1: it spends far less CPU per call than the Java client, so on a 2-core machine its rates
 * show more of the application's own cost. Used when {@code wrk} is on the PATH (Debian's package)
 * or {@code bench.wrk} names it; {@code bench.wrk=none} leaves it out.
 */
final class Wrk {

  /** One window: rate, latency quantiles in milliseconds, answers outside 2xx/3xx. */
  record Window(double perSecond, double p50, double p99, long requests, long non2xx) {}

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

  private final Path executable;

  private Wrk(Path executable) {
    this.executable = executable;
  }

  static Optional<Wrk> find() {
    String configured = System.getProperty("bench.wrk", "");
    if ("none".equals(configured)) {
      return Optional.empty();
    }
    if (!configured.isEmpty()) {
      return Optional.of(new Wrk(Path.of(configured)));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new Wrk(candidate));
      }
    }
    return Optional.empty();
  }

  /** GETs {@code uri} on {@code connections} connections (2 threads) for {@code duration}. */
  Window run(URI uri, String token, int connections, Duration duration)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-t" + Math.min(2, connections));
    command.add("-c" + connections);
    command.add("-d" + Math.max(1, duration.toSeconds()) + "s");
    command.add("--latency");
    if (token != null) {
      command.add("-H");
      command.add("Authorization: Bearer " + token);
    }
    command.add(uri.toString());
    // Its output goes to a file, so that a wrk that hangs runs into the timeout below instead of
    // a read that never ends.
    Path log = Files.createTempFile("wrk", ".txt");
    String output;
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended = process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      output = Files.readString(log, StandardCharsets.UTF_8);
      if (!ended || process.exitValue() != 0) {
        throw new IOException("wrk failed:\n" + output);
      }
    } finally {
      Files.deleteIfExists(log);
    }
    Matcher errors = ERRORS.matcher(output);
    if (errors.find()) {
      System.out.println("  (wrk: " + errors.group() + ")");
    }
    return new Window(
        Double.parseDouble(first(RATE, output)),
        quantile(output, "50%"),
        quantile(output, "99%"),
        Long.parseLong(first(TOTAL, output)),
        NON_2XX.matcher(output).find() ? Long.parseLong(first(NON_2XX, output)) : 0);
  }

  private static String first(Pattern pattern, String output) throws IOException {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IOException("wrk's output has no " + pattern + ":\n" + output);
    }
    return matcher.group(1);
  }

  /** A line of wrk's latency distribution ("99% 5.12ms") in milliseconds. */
  static double quantile(String output, String quantile) throws IOException {
    Matcher line =
        Pattern.compile("\\s" + Pattern.quote(quantile) + "\\s+([0-9.]+)(us|ms|s|m)\\b")
            .matcher(output);
    if (!line.find()) {
      throw new IOException("wrk's output has no " + quantile + " latency:\n" + output);
    }
    double value = Double.parseDouble(line.group(1));
    return switch (line.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      default -> value * 60_000;
    };
  }
}
