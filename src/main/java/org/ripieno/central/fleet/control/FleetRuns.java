package org.ripieno.central.fleet.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fleet migration runs of this application instance, newest first, so they can be polled. At
 * most one runs at a time here: asking again while one runs joins it (runs on other instances or
 * the command line are kept apart per database by {@link DatabaseLock}). Finished runs beyond the
 * newest {@code keep} are forgotten; their results stay on the central rows.
 */
public final class FleetRuns {

  /**
   * @param joined whether {@code run} was already running, rather than started by this request
   */
  public record Start(FleetRun run, boolean joined) {}

  private final int keep;
  private final Deque<FleetRun> runs = new ArrayDeque<>();

  public FleetRuns(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("Keep at least one run");
    }
    this.keep = keep;
  }

  /**
   * The running run, or a new one made by {@code create} and handed to {@code launch}. When launch
   * throws, the run is marked aborted and the exception passed on.
   */
  public synchronized Start startOrJoin(Supplier<FleetRun> create, Consumer<FleetRun> launch) {
    for (FleetRun run : runs) {
      if (run.isRunning()) {
        return new Start(run, true);
      }
    }
    FleetRun run = create.get();
    runs.addFirst(run);
    while (runs.size() > keep) {
      runs.removeLast();
    }
    try {
      launch.accept(run);
    } catch (RuntimeException e) {
      run.abort("The run could not be started: " + e.getMessage());
      throw e;
    }
    return new Start(run, false);
  }

  public synchronized Optional<FleetRun> find(String id) {
    return runs.stream().filter(run -> run.id().equals(id)).findFirst();
  }

  /** Newest first. */
  public synchronized List<FleetRun> recent() {
    return List.copyOf(runs);
  }
}
