package org.ripieno.orchestra.projects.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProjectNeedTest {

  private static final Instant NOW = Instant.parse("2027-03-08T09:00:00Z");

  private static ProjectNeed need(NeedStatus status) {
    ProjectNeed need = new ProjectNeed();
    need.setStatus(status.value());
    return need;
  }

  @Test
  void anActiveNeedPausesResumesCompletesAndArchives() {
    ProjectNeed need = need(NeedStatus.ACTIVE);

    assertThat(need.become(NeedStatus.PAUSED, NOW)).isTrue();
    assertThat(need.become(NeedStatus.ACTIVE, NOW)).isTrue();
    assertThat(need.become(NeedStatus.ACTIVE, NOW)).as("no change").isFalse();
    assertThat(need.become(NeedStatus.COMPLETED, NOW)).isTrue();
    assertThat(need.getArchivedAt()).isNull();
    assertThat(need.become(NeedStatus.ARCHIVED, NOW)).isTrue();
    assertThat(need.getArchivedAt()).isEqualTo(NOW);
  }

  @Test
  void resumingNeverReopensACompletedOrArchivedNeed() {
    assertThat(need(NeedStatus.COMPLETED).mayBecome(NeedStatus.ACTIVE)).isFalse();
    assertThat(need(NeedStatus.COMPLETED).mayBecome(NeedStatus.PAUSED)).isFalse();
    assertThat(need(NeedStatus.COMPLETED).mayBecome(NeedStatus.ARCHIVED)).isTrue();
    for (NeedStatus target : NeedStatus.values()) {
      assertThat(need(NeedStatus.ARCHIVED).mayBecome(target))
          .as(target.value())
          .isEqualTo(target == NeedStatus.ARCHIVED);
    }
    assertThatThrownBy(() -> need(NeedStatus.ARCHIVED).become(NeedStatus.ACTIVE, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anUnknownLegacyStatusCountsAsArchived() {
    ProjectNeed need = new ProjectNeed();
    need.setStatus("cancelled");

    assertThat(need.needStatus()).isEqualTo(NeedStatus.ARCHIVED);
    assertThat(need.mayBecome(NeedStatus.ACTIVE)).isFalse();
  }
}
