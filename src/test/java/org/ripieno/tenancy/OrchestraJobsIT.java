package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ripieno.testing.TestPostgres;

/**
 * Jobs under real CDI (Weld): a pooled job thread that ran one orchestra carries nothing of it into
 * its next task, even when the job failed, and lets go of the orchestra's database when it ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestraJobsIT {

  private static OrchestraRegistry registry;

  private final TestPostgres postgres = new TestPostgres();
  private WeldContainer cdi;
  private OrchestraJobs jobs;
  private CurrentOrchestra current;
  private OrchestraRoute alpha;
  private OrchestraRoute beta;
  private final ExecutorService jobThread = Executors.newSingleThreadExecutor();

  /** The registry of this test, in place of the application's configured one. */
  @ApplicationScoped
  static class TestConnections {
    @Produces
    @ApplicationScoped
    OrchestraConnections connections() {
      OrchestraConnections connections = new OrchestraConnections();
      connections.registry = registry;
      return connections;
    }
  }

  @BeforeAll
  void start() throws Exception {
    alpha =
        new OrchestraRoute("orch-alpha", "alpha", postgres.createOrchestra("jalpha", "orch-alpha"));
    beta = new OrchestraRoute("orch-beta", "beta", postgres.createOrchestra("jbeta", "orch-beta"));
    registry =
        new OrchestraRegistry(
            new RegistrySettings(2, 4, Duration.ofSeconds(30), Duration.ofSeconds(5), false));
    cdi =
        new Weld()
            .disableDiscovery()
            .addBeanClasses(CurrentOrchestra.class, OrchestraJobs.class, TestConnections.class)
            .initialize();
    jobs = cdi.select(OrchestraJobs.class).get();
    current = cdi.select(CurrentOrchestra.class).get();
  }

  @AfterAll
  void stop() throws Exception {
    jobThread.shutdownNow();
    jobThread.awaitTermination(10, TimeUnit.SECONDS);
    cdi.close();
    registry.close();
    postgres.close();
  }

  @Test
  void aJobThreadDoesNotCarryItsOrchestraIntoItsNextTask() throws Exception {
    String first =
        onJobThread(() -> holdingTheDatabase(alpha, () -> current.require().orchestraId()));
    assertThat(first).isEqualTo("orch-alpha");
    assertThat(registry.leaseCount("orch-alpha")).isZero();

    Throwable outsideAJob = onJobThread(() -> catchThrowable(() -> current.require()));
    assertThat(outsideAJob).isInstanceOf(ContextNotActiveException.class);

    String next = onJobThread(() -> jobs.runAs(beta, () -> current.require().orchestraId()));
    assertThat(next).isEqualTo("orch-beta");
  }

  @Test
  void aFailedJobLeavesNothingBehindEither() throws Exception {
    assertThatThrownBy(
            () ->
                onJobThread(
                    () ->
                        holdingTheDatabase(
                            alpha,
                            () -> {
                              throw new IllegalStateException("the job failed");
                            })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the job failed");
    assertThat(registry.leaseCount("orch-alpha")).isZero();

    assertThat(onJobThread(() -> jobs.runAs(beta, () -> current.require().subdomain())))
        .isEqualTo("beta");
  }

  /** A job that opens its orchestra's database before doing its work. */
  private <T> T holdingTheDatabase(OrchestraRoute orchestra, Supplier<T> work) {
    return jobs.runAs(
        orchestra,
        () -> {
          current.lease();
          return work.get();
        });
  }

  private <T> T onJobThread(java.util.concurrent.Callable<T> task) throws Exception {
    try {
      return jobThread.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
