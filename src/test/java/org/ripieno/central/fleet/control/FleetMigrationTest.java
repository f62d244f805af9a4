package org.ripieno.central.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.central.fleet.control.FleetMigration.Outcome;
import org.ripieno.central.fleet.control.FleetProgress.State;
import org.ripieno.config.RipienoSettings;
import org.ripieno.config.SettingsSource;

/** The pure parts of fleet migration: what is recorded, and how it is configured. */
class FleetMigrationTest {

  @Test
  void theRecordedResultStartsWithTheOutcome() {
    assertThat(FleetMigration.resultText(new Outcome(State.MIGRATED, "2", "3", 1, null, true)))
        .isEqualTo("migrated: 2 -> 3 (1 migration)");
    assertThat(FleetMigration.resultText(new Outcome(State.MIGRATED, null, "3", 3, null, true)))
        .isEqualTo("migrated: none -> 3 (3 migrations)");
    assertThat(FleetMigration.resultText(new Outcome(State.UP_TO_DATE, "3", "3", 0, null, true)))
        .isEqualTo("up-to-date: 3");
    assertThat(FleetMigration.resultText(Outcome.failed(null, "cannot be reached", true)))
        .isEqualTo("failed: cannot be reached");
  }

  @Test
  void errorsAreCutToTheirFirstLine() {
    assertThat(FleetMigration.shorten("Migration V4 failed\n----\nSQL State: 42P01\n"))
        .isEqualTo("Migration V4 failed");
    assertThat(FleetMigration.shorten("x".repeat(600))).hasSize(503).endsWith("...");
    assertThat(FleetMigration.shorten(null)).isEqualTo("no details");
  }

  @Test
  void aCentralFailureThroughAPoolNamesTheDriversReasonNotThePoolsTimeout() {
    SQLException refused = new SQLException("Connection to db1:5432 refused.", "08001");
    SQLException timedOut =
        new java.sql.SQLTransientConnectionException(
            "ripieno-admin - Connection is not available, request timed out after 10000ms",
            "08001",
            refused);

    assertThat(FleetMigration.centralFailure(timedOut))
        .isEqualTo("Connection to db1:5432 refused.");
    assertThat(FleetMigration.centralFailure(refused)).isEqualTo("Connection to db1:5432 refused.");
    assertThat(FleetMigration.centralFailure(new IllegalStateException("closed")))
        .isEqualTo("closed");
  }

  @Test
  void settingsDefaultToFourWorkersAndAreRead() {
    assertThat(FleetSettings.from(settings(Map.of()))).isEqualTo(FleetSettings.DEFAULTS);
    assertThat(FleetSettings.DEFAULTS.workers()).isEqualTo(4);

    FleetSettings configured =
        FleetSettings.from(
            settings(
                Map.of(
                    "ripieno.fleet.workers", "2",
                    "ripieno.fleet.lock-wait", "PT30S",
                    "ripieno.fleet.probe-timeout", "PT2S")));

    assertThat(configured)
        .isEqualTo(new FleetSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(2)));
  }

  @Test
  void settingsRefuseUnboundedOrNoWorkers() {
    assertThatThrownBy(() -> FleetSettings.from(settings(Map.of("ripieno.fleet.workers", "0"))))
        .hasMessageContaining("ripieno.fleet.workers");
    assertThatThrownBy(() -> FleetSettings.from(settings(Map.of("ripieno.fleet.workers", "500"))))
        .hasMessageContaining("ripieno.fleet.workers");
  }

  private static RipienoSettings settings(Map<String, String> properties) {
    return new RipienoSettings(SettingsSource.of(properties, Map.of()));
  }
}
