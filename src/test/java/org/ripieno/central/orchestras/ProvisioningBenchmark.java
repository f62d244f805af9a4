package org.ripieno.central.orchestras;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.control.Provisioning;
import org.ripieno.central.orchestras.entity.ProvisioningState;

/**
 * How long provisioning takes, from the requested row to {@code ACTIVE}, beside a bare {@code
 * CREATE DATABASE} on the same server. Run on demand, not in CI:
 *
 * <pre>
 * mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProvisioningBenchmark
 * </pre>
 */
class ProvisioningBenchmark {

  private static final int RUNS = 15;

  @Test
  void provisioningToActiveBesideABareCreateDatabase() throws Exception {
    try (ProvisioningFixture fixture = new ProvisioningFixture()) {
      fixture.template.ensureCurrent();
      // One of each first, so that class loading and first connections are not measured.
      fixture.provisioning(Provisioning.StepListener.NONE).run(fixture.request("warm", "Warm"));
      fixture.postgres.execute("CREATE DATABASE " + fixture.postgres.uniqueName("bare_warm"));

      List<Double> bare = new ArrayList<>();
      List<Double> provisioning = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        String name = fixture.postgres.uniqueName("bare_" + i);
        long started = System.nanoTime();
        fixture.postgres.execute("CREATE DATABASE " + name);
        bare.add(seconds(started));

        String id = fixture.request("bench-" + i, "Bänkorkestern " + i);
        started = System.nanoTime();
        long begun = started;
        StringBuilder steps = new StringBuilder();
        Provisioning.Outcome outcome =
            fixture
                .provisioning(
                    (orchestra, state) ->
                        steps.append(String.format(" %s %.3f", state, seconds(begun))))
                .run(id);
        provisioning.add(seconds(started));
        System.out.println("run " + i + ":" + steps);
        assertThat(outcome.state()).isEqualTo(ProvisioningState.ACTIVE);
      }
      double bareMedian = median(bare);
      double provisioningMedian = median(provisioning);
      System.out.printf(
          "%nProvisioning benchmark, %d runs each, median (min-max):%n"
              + "  bare CREATE DATABASE        %.3f s (%.3f-%.3f)%n"
              + "  provisioning to ACTIVE      %.3f s (%.3f-%.3f)%n"
              + "  ratio                       %.2f (goal: at most 3)%n%n",
          RUNS,
          bareMedian,
          Collections.min(bare),
          Collections.max(bare),
          provisioningMedian,
          Collections.min(provisioning),
          Collections.max(provisioning),
          provisioningMedian / bareMedian);
    }
  }

  /**
   * The clone alone with each of PostgreSQL 15's strategies, in turns over one session: {@code
   * WAL_LOG} (the default: the template's blocks are written to the WAL) and {@code FILE_COPY} (a
   * checkpoint, then the files copied).
   */
  @Test
  void cloneStrategiesBesideEachOther() throws Exception {
    try (ProvisioningFixture fixture = new ProvisioningFixture();
        Connection maintenance = fixture.postgres.server().connect();
        Statement statement = maintenance.createStatement()) {
      fixture.template.ensureCurrent();
      Map<String, List<Double>> times = new LinkedHashMap<>();
      for (int i = 0; i <= RUNS; i++) {
        for (String strategy : List.of("WAL_LOG", "FILE_COPY")) {
          String name = fixture.postgres.uniqueName("strategy_" + strategy.toLowerCase() + i);
          long started = System.nanoTime();
          statement.execute(
              "CREATE DATABASE \""
                  + name
                  + "\" TEMPLATE \""
                  + fixture.template.name()
                  + "\" STRATEGY "
                  + strategy);
          if (i > 0) {
            times.computeIfAbsent(strategy, s -> new ArrayList<>()).add(seconds(started));
          }
        }
      }
      times.forEach(
          (strategy, seconds) ->
              System.out.printf(
                  "clone with STRATEGY %-9s median %.3f s (%.3f-%.3f)%n",
                  strategy, median(seconds), Collections.min(seconds), Collections.max(seconds)));
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
