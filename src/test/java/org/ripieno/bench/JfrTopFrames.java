package org.ripieno.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a flight recording of a benchmark instance ({@code -Dbench.jfr=true} writes
 * {@code target/bench/<instance>.jfr}): the execution samples aggregated by method, as the top
 * frame (self) and anywhere in the stack (total), and by the first frame of Ripieno's own code. Run
 * from the project directory without building anything:
 *
 * <pre>
 * java src/test/java/org/ripieno/bench/JfrTopFrames.java target/bench/a.jfr \
 *     [--during MusiciansResource] [--only TEXT] [--top 40]
 * </pre>
 *
 * {@code --during TEXT} keeps the samples of the seconds in which some sampled stack had a frame
 * containing TEXT: with figure 1's phases taken in turns, {@code --during MusiciansResource}
 * selects the seconds of the musician read's load (floor, JDBC and {@code /auth/me} seconds out).
 * {@code --only TEXT} then keeps the samples with a frame containing TEXT, to see who calls it.
 */
public final class JfrTopFrames {

  private JfrTopFrames() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: JfrTopFrames <file.jfr> [--during TEXT] [--only TEXT] [--top N]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String during = null;
    String only = null;
    int top = 40;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--during" -> during = args[i + 1];
        case "--only" -> only = args[i + 1];
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Sample> samples = samples(file);
    if (during != null) {
      String marker = during;
      Set<Long> seconds = new HashSet<>();
      samples.stream()
          .filter(s -> s.frames().stream().anyMatch(f -> f.contains(marker)))
          .forEach(s -> seconds.add(s.second()));
      samples = samples.stream().filter(s -> seconds.contains(s.second())).toList();
      System.out.printf("%d seconds with a frame containing '%s'%n", seconds.size(), marker);
    }
    if (only != null) {
      String wanted = only;
      samples =
          samples.stream()
              .filter(s -> s.frames().stream().anyMatch(f -> f.contains(wanted)))
              .toList();
      System.out.printf("of which with a frame containing '%s':%n", wanted);
    }
    System.out.printf("%d execution samples%n", samples.size());
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> ownCode = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    for (Sample sample : samples) {
      threads.merge(sample.threadGroup(), 1, Integer::sum);
      if (sample.frames().isEmpty()) {
        continue;
      }
      self.merge(sample.frames().get(0), 1, Integer::sum);
      for (String frame : new LinkedHashSet<>(sample.frames())) {
        total.merge(frame, 1, Integer::sum);
      }
      String own =
          sample.frames().stream()
              .filter(f -> f.startsWith("org.ripieno."))
              .findFirst()
              .orElse("(no Ripieno frame)");
      ownCode.merge(own, 1, Integer::sum);
    }
    print("threads (name without its number)", threads, samples.size(), top);
    print("self: the top frame", self, samples.size(), top);
    print("total: anywhere in the stack", total, samples.size(), top);
    print("the innermost Ripieno frame", ownCode, samples.size(), top);
  }

  private record Sample(long second, String threadGroup, List<String> frames) {}

  private static List<Sample> samples(Path file) throws IOException {
    List<Sample> samples = new ArrayList<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        List<String> frames = new ArrayList<>();
        if (stack != null) {
          for (RecordedFrame frame : stack.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
          }
        }
        String thread = event.getThread("sampledThread").getJavaName();
        samples.add(
            new Sample(
                event.getStartTime().getEpochSecond(),
                thread == null ? "?" : thread.replaceAll("[0-9]+", "#"),
                frames));
      }
    }
    return samples;
  }

  private static void print(String title, Map<String, Integer> counts, int all, int top) {
    System.out.println();
    System.out.println("== " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    "%6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / all, e.getKey()));
  }
}
