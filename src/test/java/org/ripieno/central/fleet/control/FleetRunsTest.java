package org.ripieno.central.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ripieno.central.fleet.control.FleetProgressTest.orchestra;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetRunsTest {

  private final AtomicInteger ids = new AtomicInteger();
  private final List<FleetRun> launched = new ArrayList<>();

  private FleetRun newRun() {
    return new FleetRun("run-" + ids.incrementAndGet(), Instant.now(), "superadmin");
  }

  @Test
  void askingWhileARunIsGoingJoinsIt() {
    FleetRuns runs = new FleetRuns(5);

    FleetRuns.Start first = runs.startOrJoin(this::newRun, launched::add);
    FleetRuns.Start second = runs.startOrJoin(this::newRun, launched::add);

    assertThat(first.joined()).isFalse();
    assertThat(second.joined()).isTrue();
    assertThat(second.run()).isSameAs(first.run());
    assertThat(launched).hasSize(1);
  }

  @Test
  void aFinishedRunLetsTheNextOneStart() {
    FleetRuns runs = new FleetRuns(5);
    FleetRun first = runs.startOrJoin(this::newRun, launched::add).run();
    first.finished(endedSnapshot());

    FleetRuns.Start next = runs.startOrJoin(this::newRun, launched::add);

    assertThat(next.joined()).isFalse();
    assertThat(next.run()).isNotSameAs(first);
    assertThat(runs.recent()).containsExactly(next.run(), first);
    assertThat(runs.find(first.id())).contains(first);
  }

  @Test
  void onlyTheNewestRunsAreKept() {
    FleetRuns runs = new FleetRuns(2);
    List<FleetRun> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FleetRun run = runs.startOrJoin(this::newRun, launched::add).run();
      run.finished(endedSnapshot());
      started.add(run);
    }

    assertThat(runs.recent()).containsExactly(started.get(2), started.get(1));
    assertThat(runs.find(started.get(0).id())).isEmpty();
  }

  @Test
  void aRunThatCannotBeLaunchedIsMarkedFailedAndDoesNotBlockTheNext() {
    FleetRuns runs = new FleetRuns(5);

    assertThatThrownBy(
            () ->
                runs.startOrJoin(
                    this::newRun,
                    run -> {
                      throw new IllegalStateException("shutting down");
                    }))
        .hasMessage("shutting down");

    FleetRun aborted = runs.recent().get(0);
    assertThat(aborted.isRunning()).isFalse();
    assertThat(aborted.view().status()).isEqualTo("failed");
    assertThat(aborted.view().error()).contains("shutting down");
    assertThat(runs.startOrJoin(this::newRun, launched::add).joined()).isFalse();
  }

  @Test
  void aRunKeepsTheNewestSnapshotWhenReportsArriveOutOfOrder() {
    FleetProgress progress = new FleetProgress(2, Clock.systemUTC());
    progress.begin(List.of(orchestra("a"), orchestra("b")));
    FleetRun run = newRun();
    run.started(progress.snapshot());
    FleetProgress.Snapshot older = progress.snapshot();
    progress.finish("id-a", FleetProgress.State.MIGRATED, "3", 1, null);
    FleetProgress.Snapshot newer = progress.snapshot();

    run.changed(newer.orchestras().get(0), newer);
    run.changed(older.orchestras().get(0), older);

    assertThat(run.view().done()).isEqualTo(1);
    assertThat(run.view().status()).isEqualTo("running");
  }

  @Test
  void aRunSucceedsOrFailsByItsLastSnapshot() {
    FleetProgress progress = new FleetProgress(2, Clock.systemUTC());
    progress.begin(List.of(orchestra("a")));
    progress.finish("id-a", FleetProgress.State.FAILED, null, 0, "cannot be reached");
    progress.end(null);
    FleetRun failed = newRun();
    failed.finished(progress.snapshot());

    FleetRun succeeded = newRun();
    succeeded.finished(endedSnapshot());

    assertThat(failed.view().status()).isEqualTo("failed");
    assertThat(failed.view().failed()).isEqualTo(1);
    assertThat(succeeded.view().status()).isEqualTo("succeeded");
  }

  private static FleetProgress.Snapshot endedSnapshot() {
    FleetProgress progress = new FleetProgress(1, Clock.systemUTC());
    progress.begin(List.of());
    progress.end(null);
    return progress.snapshot();
  }
}
