package org.ripieno.central.fleet.control;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fleet migration run as the server keeps it for polling: who asked, when, and the newest
 * progress its listener has seen.
 */
public final class FleetRun implements FleetListener {

  /** {@code running}, then {@code succeeded} or {@code failed} (some database or the run). */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** What {@code GET /api/platform/schema/migrations/{id}} answers. */
  public record View(
      String id,
      String status,
      Instant requestedAt,
      String requestedBy,
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
      List<FleetProgress.Entry> orchestras) {}

  private final String id;
  private final Instant requestedAt;
  private final String requestedBy;
  private final AtomicReference<FleetProgress.Snapshot> latest = new AtomicReference<>();
  private volatile boolean ended;
  private volatile String abortedWith;

  public FleetRun(String id, Instant requestedAt, String requestedBy) {
    this.id = id;
    this.requestedAt = requestedAt;
    this.requestedBy = requestedBy;
  }

  public String id() {
    return id;
  }

  public boolean isRunning() {
    return !ended;
  }

  public Status status() {
    FleetProgress.Snapshot snapshot = latest.get();
    if (!ended) {
      return Status.RUNNING;
    }
    return abortedWith == null && snapshot != null && snapshot.succeeded()
        ? Status.SUCCEEDED
        : Status.FAILED;
  }

  @Override
  public void started(FleetProgress.Snapshot snapshot) {
    keepNewer(snapshot);
  }

  @Override
  public void changed(FleetProgress.Entry orchestra, FleetProgress.Snapshot snapshot) {
    keepNewer(snapshot);
  }

  @Override
  public void finished(FleetProgress.Snapshot snapshot) {
    keepNewer(snapshot);
    ended = true;
  }

  /** The run could not be started at all (for example the server is shutting down). */
  public void abort(String reason) {
    abortedWith = reason;
    ended = true;
  }

  public View view() {
    FleetProgress.Snapshot snapshot = latest.get();
    Status status = status();
    String error = abortedWith != null ? abortedWith : snapshot == null ? null : snapshot.error();
    if (snapshot == null) {
      return new View(
          id,
          name(status),
          requestedAt,
          requestedBy,
          null,
          null,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          error,
          List.of());
    }
    return new View(
        id,
        name(status),
        requestedAt,
        requestedBy,
        snapshot.startedAt(),
        snapshot.finishedAt(),
        snapshot.workers(),
        snapshot.total(),
        snapshot.done(),
        snapshot.failed(),
        snapshot.migrated(),
        snapshot.upToDate(),
        snapshot.skipped(),
        error,
        snapshot.orchestras());
  }

  /** Workers report concurrently: an older snapshot arriving late must not replace a newer one. */
  private void keepNewer(FleetProgress.Snapshot snapshot) {
    latest.accumulateAndGet(
        snapshot,
        (current, offered) ->
            current == null || offered.revision() >= current.revision() ? offered : current);
  }

  private static String name(Status status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }
}
