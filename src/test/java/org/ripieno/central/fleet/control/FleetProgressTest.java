package org.ripieno.central.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.central.fleet.control.FleetProgress.Entry;
import org.ripieno.central.fleet.control.FleetProgress.Snapshot;
import org.ripieno.central.fleet.control.FleetProgress.State;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.central.orchestras.control.SampleOrchestras;

class FleetProgressTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2027-03-08T09:00:00Z"), ZoneOffset.UTC);

  private final FleetProgress progress = new FleetProgress(4, CLOCK);

  @Test
  void aRunBeginsWithEveryOrchestraPendingAndNothingDone() {
    progress.begin(List.of(orchestra("a"), orchestra("b"), orchestra("c")));

    Snapshot snapshot = progress.snapshot();
    assertThat(snapshot.total()).isEqualTo(3);
    assertThat(snapshot.done()).isZero();
    assertThat(snapshot.failed()).isZero();
    assertThat(snapshot.workers()).isEqualTo(4);
    assertThat(snapshot.isFinished()).isFalse();
    assertThat(snapshot.orchestras()).extracting(Entry::state).containsOnly(State.PENDING);
    assertThat(snapshot.orchestras()).extracting(Entry::subdomain).containsExactly("a", "b", "c");
  }

  @Test
  void finishedOrchestrasCountAsDoneAndFailuresAsFailed() {
    progress.begin(List.of(orchestra("a"), orchestra("b"), orchestra("c"), orchestra("d")));
    progress.migrating("id-a", "2");
    progress.finish("id-a", State.MIGRATED, "3", 1, null);
    progress.migrating("id-b", "3");
    progress.finish("id-b", State.UP_TO_DATE, "3", 0, null);
    progress.finish("id-c", State.FAILED, null, 0, "cannot be reached");
    progress.migrating("id-d", "2");

    Snapshot snapshot = progress.snapshot();
    assertThat(snapshot.done()).isEqualTo(3);
    assertThat(snapshot.failed()).isEqualTo(1);
    assertThat(snapshot.migrated()).isEqualTo(1);
    assertThat(snapshot.upToDate()).isEqualTo(1);
    Entry a = snapshot.orchestras().get(0);
    assertThat(a.fromVersion()).isEqualTo("2");
    assertThat(a.version()).isEqualTo("3");
    assertThat(a.migrationsApplied()).isEqualTo(1);
    assertThat(a.startedAt()).isNotNull();
    assertThat(a.finishedAt()).isNotNull();
    assertThat(snapshot.orchestras().get(2).error()).isEqualTo("cannot be reached");
    assertThat(snapshot.orchestras().get(3).state()).isEqualTo(State.MIGRATING);
  }

  @Test
  void waitingForTheLockIsAStateOfItsOwnThatKeepsItsStartTime() {
    progress.begin(List.of(orchestra("a")));
    Entry waiting = progress.waitingForLock("id-a");
    Entry migrating = progress.migrating("id-a", "2");

    assertThat(waiting.state()).isEqualTo(State.WAITING_FOR_LOCK);
    assertThat(migrating.startedAt()).isEqualTo(waiting.startedAt());
    assertThat(progress.snapshot().done()).isZero();
  }

  @Test
  void aFinishedOrchestraCannotChangeAgain() {
    progress.begin(List.of(orchestra("a")));
    progress.finish("id-a", State.UP_TO_DATE, "3", 0, null);

    assertThatThrownBy(() -> progress.migrating("id-a", "3"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> progress.finish("id-a", State.FAILED, null, 0, "again"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(progress.snapshot().done()).isEqualTo(1);
  }

  @Test
  void refusesUnknownOrchestrasNonFinalEndsAndFailuresWithoutAReason() {
    progress.begin(List.of(orchestra("a")));

    assertThatThrownBy(() -> progress.migrating("id-x", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> progress.finish("id-a", State.MIGRATING, "3", 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> progress.finish("id-a", State.FAILED, null, 0, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endingTheRunFailsWhatIsNotFinishedAndStopsFurtherChanges() {
    progress.begin(List.of(orchestra("a"), orchestra("b"), orchestra("c")));
    progress.finish("id-a", State.MIGRATED, "3", 1, null);
    progress.migrating("id-b", "2");

    progress.end("The run was interrupted");

    Snapshot snapshot = progress.snapshot();
    assertThat(snapshot.isFinished()).isTrue();
    assertThat(snapshot.done()).isEqualTo(3);
    assertThat(snapshot.failed()).isEqualTo(2);
    assertThat(snapshot.error()).isEqualTo("The run was interrupted");
    assertThat(snapshot.succeeded()).isFalse();
    assertThat(snapshot.orchestras().get(1).error()).isEqualTo(FleetProgress.ENDED_EARLY);
    assertThat(snapshot.orchestras().get(1).fromVersion()).isEqualTo("2");
    assertThatThrownBy(() -> progress.finish("id-c", State.MIGRATED, "3", 1, null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> progress.end(null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRunSucceedsOnlyWhenFinishedWithoutAnyFailure() {
    progress.begin(List.of(orchestra("a"), orchestra("b")));
    progress.finish("id-a", State.MIGRATED, "3", 1, null);
    progress.finish("id-b", State.SKIPPED, null, 0, "No database yet");
    assertThat(progress.snapshot().succeeded()).isFalse();

    progress.end(null);

    Snapshot snapshot = progress.snapshot();
    assertThat(snapshot.succeeded()).isTrue();
    assertThat(snapshot.skipped()).isEqualTo(1);
    assertThat(snapshot.failed()).isZero();
  }

  @Test
  void anEmptyFleetEndsSucceeded() {
    progress.begin(List.of());
    progress.end(null);

    assertThat(progress.snapshot().succeeded()).isTrue();
    assertThat(progress.snapshot().total()).isZero();
  }

  @Test
  void everyChangeGivesANewerRevision() {
    progress.begin(List.of(orchestra("a")));
    long begun = progress.snapshot().revision();
    progress.migrating("id-a", "2");
    long migrating = progress.snapshot().revision();
    progress.finish("id-a", State.MIGRATED, "3", 1, null);
    long finished = progress.snapshot().revision();
    progress.end(null);

    assertThat(begun).isLessThan(migrating);
    assertThat(migrating).isLessThan(finished);
    assertThat(finished).isLessThan(progress.snapshot().revision());
  }

  static RegisteredOrchestra orchestra(String subdomain) {
    return orchestra(subdomain, "active", 4990);
  }

  static RegisteredOrchestra orchestra(String subdomain, String status, int pricePerMonth) {
    return SampleOrchestras.row(subdomain, status, pricePerMonth, null, "db_" + subdomain);
  }
}
