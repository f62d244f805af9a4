package org.ripieno.central.fleet.control;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;

/**
 * The bookkeeping of one fleet migration run: each orchestra's state, versions and error, and the
 * totals. Thread-safe: the workers report into it while readers take {@link #snapshot()}s.
 */
public final class FleetProgress {

  /** Where one orchestra database is in a run. */
  public enum State {
    PENDING(false),
    /** Another run (another instance or the command line) is migrating this database. */
    WAITING_FOR_LOCK(false),
    MIGRATING(false),
    /** Migrations were applied. */
    MIGRATED(true),
    /** Already at the current version. */
    UP_TO_DATE(true),
    FAILED(true),
    /** Nothing to migrate: the orchestra has no database yet. */
    SKIPPED(true);

    private final boolean isFinal;

    State(boolean isFinal) {
      this.isFinal = isFinal;
    }

    public boolean isFinal() {
      return isFinal;
    }
  }

  /**
   * One orchestra in a run.
   *
   * @param fromVersion the version before migrating (null until read, or when never migrated)
   * @param version the version after (or at failure, when it could be read)
   */
  public record Entry(
      String orchestraId,
      String subdomain,
      State state,
      String fromVersion,
      String version,
      int migrationsApplied,
      String error,
      Instant startedAt,
      Instant finishedAt) {}

  /**
   * A consistent picture of the run at one moment.
   *
   * @param revision grows with every change, so a reader can tell the newer of two snapshots
   */
  public record Snapshot(
      long revision,
      Instant startedAt,
      Instant finishedAt,
      int workers,
      int total,
      int done,
      int failed,
      int migrated,
      int upToDate,
      int skipped,
      String error,
      List<Entry> orchestras) {

    public boolean isFinished() {
      return finishedAt != null;
    }

    /** Finished, and neither the run nor any orchestra failed. */
    public boolean succeeded() {
      return isFinished() && error == null && failed == 0;
    }
  }

  static final String ENDED_EARLY = "The run ended before this database was migrated";

  private final int workers;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private Instant finishedAt;
  private String error;
  private long revision;

  public FleetProgress(int workers, Clock clock) {
    this.workers = workers;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** The orchestras this run covers, all {@link State#PENDING}. */
  public synchronized void begin(List<RegisteredOrchestra> orchestras) {
    if (!entries.isEmpty() || finishedAt != null) {
      throw new IllegalStateException("A run begins once");
    }
    for (RegisteredOrchestra orchestra : orchestras) {
      entries.put(
          orchestra.id(),
          new Entry(
              orchestra.id(),
              orchestra.subdomain(),
              State.PENDING,
              null,
              null,
              0,
              null,
              null,
              null));
    }
    revision++;
  }

  public synchronized Entry waitingForLock(String orchestraId) {
    Entry entry = open(orchestraId);
    return put(
        new Entry(
            entry.orchestraId(),
            entry.subdomain(),
            State.WAITING_FOR_LOCK,
            entry.fromVersion(),
            entry.version(),
            0,
            null,
            startedOf(entry),
            null));
  }

  public synchronized Entry migrating(String orchestraId, String fromVersion) {
    Entry entry = open(orchestraId);
    return put(
        new Entry(
            entry.orchestraId(),
            entry.subdomain(),
            State.MIGRATING,
            fromVersion,
            null,
            0,
            null,
            startedOf(entry),
            null));
  }

  /**
   * @param version the version now (null when unknown)
   * @param error what went wrong, for {@link State#FAILED} and {@link State#SKIPPED}
   */
  public synchronized Entry finish(
      String orchestraId, State state, String version, int migrationsApplied, String error) {
    if (!state.isFinal()) {
      throw new IllegalArgumentException(state + " does not finish an orchestra");
    }
    if (state == State.FAILED && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("A failure says what failed");
    }
    Entry entry = open(orchestraId);
    return put(
        new Entry(
            entry.orchestraId(),
            entry.subdomain(),
            state,
            entry.fromVersion(),
            version,
            migrationsApplied,
            error,
            startedOf(entry),
            clock.instant()));
  }

  /**
   * Ends the run. Orchestras not finished by then (the run was stopped, or could not read central)
   * count as failed.
   *
   * @param runError why the whole run failed, or null
   */
  public synchronized void end(String runError) {
    if (finishedAt != null) {
      throw new IllegalStateException("The run has ended already");
    }
    Instant now = clock.instant();
    for (Entry entry : List.copyOf(entries.values())) {
      if (!entry.state().isFinal()) {
        put(
            new Entry(
                entry.orchestraId(),
                entry.subdomain(),
                State.FAILED,
                entry.fromVersion(),
                entry.version(),
                0,
                ENDED_EARLY,
                entry.startedAt(),
                now));
      }
    }
    error = runError;
    finishedAt = now;
    revision++;
  }

  public synchronized Snapshot snapshot() {
    int done = 0;
    int failed = 0;
    int migrated = 0;
    int upToDate = 0;
    int skipped = 0;
    for (Entry entry : entries.values()) {
      if (entry.state().isFinal()) {
        done++;
      }
      switch (entry.state()) {
        case FAILED -> failed++;
        case MIGRATED -> migrated++;
        case UP_TO_DATE -> upToDate++;
        case SKIPPED -> skipped++;
        default -> {
          // still running
        }
      }
    }
    return new Snapshot(
        revision,
        startedAt,
        finishedAt,
        workers,
        entries.size(),
        done,
        failed,
        migrated,
        upToDate,
        skipped,
        error,
        List.copyOf(new ArrayList<>(entries.values())));
  }

  private Entry open(String orchestraId) {
    Entry entry = entries.get(orchestraId);
    if (entry == null) {
      throw new IllegalArgumentException("Orchestra " + orchestraId + " is not part of this run");
    }
    if (entry.state().isFinal() || finishedAt != null) {
      throw new IllegalStateException(
          "Orchestra " + entry.subdomain() + " is finished already (" + entry.state() + ")");
    }
    return entry;
  }

  private Instant startedOf(Entry entry) {
    return entry.startedAt() != null ? entry.startedAt() : clock.instant();
  }

  private Entry put(Entry entry) {
    revision++;
    entries.put(entry.orchestraId(), entry);
    return entry;
  }
}
