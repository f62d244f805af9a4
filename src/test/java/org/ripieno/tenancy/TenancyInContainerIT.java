package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.EntityType;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import org.assertj.core.api.Assertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.testing.TestPostgres;
import org.ripieno.testing.WildFlyModules;

/**
 * Inside the server (Payara Micro, or WildFly with {@code -Darquillian.launch=wildfly}, started by
 * Arquillian with the WAR that {@code mvn package} builds plus this class): what only the inside
 * can see of tenancy. The persistence units and their entity sets, the CDI producers handing out
 * central's and the current orchestra's entity manager (and none without a current orchestra), a
 * job's own request context, a pooled job thread that keeps nothing of its orchestra (nor its
 * database lease) for its next task, also after a failed job, routing that trusts a database only
 * when its identity marker names the orchestra, orchestra transactions, and lazy relations that
 * stay unread until used (the build weaves the entities). One boot for the class.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyInContainerIT {

  private static final String ORCHESTRA_ID = "in-container-orchestra";

  /**
   * The built WAR, its configuration (a fresh central database, and a migrated orchestra database
   * marked for {@link #ORCHESTRA_ID}, both dropped when the test JVM ends) in {@code
   * microprofile-config.properties}, this class and AssertJ.
   */
  @Deployment
  static WebArchive deployment() throws Exception {
    if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
      WildFlyModules.ensureEclipseLink(
          Path.of(System.getProperty("ripieno.test.wildflyHome")),
          Path.of(System.getProperty("ripieno.test.eclipselinkJars")),
          Path.of("target/it-logs/wildfly-configure.log"));
    }
    TestPostgres postgres = new TestPostgres();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(postgres)));
    DatabaseLogin central = postgres.createEmpty("incontainercentral");
    DatabaseLogin orchestra = postgres.createOrchestra("incontainerorchestra", ORCHESTRA_ID);
    String config =
        String.join(
            "\n",
            "ripieno.central.url=" + central.address().jdbcUrl(),
            "ripieno.central.user=" + central.user(),
            "ripieno.data-dir=" + Path.of("target/it-data/in-container").toAbsolutePath(),
            "ripieno.bootstrap.superadmin-password=in-container-superadmin-pw",
            "ripieno.provisioning.database-prefix=" + postgres.runPrefix(),
            "ripieno.test.orchestra.url=" + orchestra.address().jdbcUrl(),
            "ripieno.test.orchestra.user=" + orchestra.user(),
            "");
    Path war =
        Path.of(System.getProperty("ripieno.test.launcherJar", "target/ripieno.jar"))
            .resolveSibling("ripieno.war");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile())
        .addClasses(TenancyInContainerIT.class, OrchestraTransactionProbe.class, TestPostgres.class)
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
        .addAsLibraries(
            new File(Assertions.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
  }

  private static void dropQuietly(TestPostgres postgres) {
    try {
      postgres.close();
    } catch (Exception e) {
      System.err.println("Dropping the in-container test databases: " + e);
    }
  }

  @Inject @CentralData EntityManager central;
  @Inject @OrchestraData EntityManager orchestra;
  @Inject CurrentOrchestra current;
  @Inject OrchestraJobs jobs;
  @Inject OrchestraTransactionProbe probe;
  @Inject OrchestraConnections connections;

  @Test
  void theCentralUnitMapsExactlyTheCentralTablesOnTheCentralDatabase() {
    assertThat(entityTypes(central)).isEqualTo(entitiesOf(DatabaseKind.CENTRAL));
    assertThat(central.createNativeQuery("select current_database()").getSingleResult())
        .isEqualTo(databaseOf("ripieno.central.url"));
  }

  @Test
  void theOrchestraUnitMapsExactlyTheOrchestraTablesOfTheCurrentOrchestra() throws Exception {
    Set<Class<?>> entities =
        onJobThread(() -> jobs.runAs(route(ORCHESTRA_ID), () -> entityTypes(orchestra)));

    assertThat(entities).isEqualTo(entitiesOf(DatabaseKind.ORCHESTRA));
    assertThat(entities).doesNotContainAnyElementsOf(entitiesOf(DatabaseKind.CENTRAL));
  }

  @Test
  void withoutACurrentOrchestraThereIsNoOrchestraEntityManager() {
    assertThat(current.route()).isEmpty();

    assertThatThrownBy(() -> orchestra.isOpen())
        .satisfies(
            e -> assertThat(causes(e)).anyMatch(NoCurrentOrchestraException.class::isInstance));
  }

  @Test
  void aRequestCannotSwitchToAnotherOrchestra() {
    current.enter(route(ORCHESTRA_ID));

    assertThatThrownBy(() -> current.enter(route("another-orchestra")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot switch");
  }

  @Test
  void aJobReachesItsOrchestrasDatabaseInAContextOfItsOwnThatEndsWithIt() throws Exception {
    String database =
        onJobThread(
            () ->
                jobs.runAs(
                    route(ORCHESTRA_ID),
                    () ->
                        (String)
                            orchestra
                                .createNativeQuery("select current_database()")
                                .getSingleResult()));
    assertThat(database).isEqualTo(databaseOf("ripieno.test.orchestra.url"));

    // The same pooled threads afterwards: no request context, so no orchestra left behind.
    assertThatThrownBy(() -> onJobThread(() -> current.route()))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anyMatch(
                        jakarta.enterprise.context.ContextNotActiveException.class::isInstance));
  }

  @Test
  void aLazyRelationIsReadOnlyWhenItIsUsedSinceTheEntitiesAreWoven() throws Exception {
    int positionId =
        onJobThread(
            () ->
                jobs.runAs(
                    route(ORCHESTRA_ID), () -> probe.addPositionOfANewInstrument("LAZY-WOVEN")));

    List<Boolean> loaded =
        onJobThread(
            () ->
                jobs.runAs(
                    route(ORCHESTRA_ID),
                    () -> {
                      PersistenceUnitUtil util =
                          orchestra.getEntityManagerFactory().getPersistenceUnitUtil();
                      Position position = orchestra.find(Position.class, positionId);
                      boolean before = util.isLoaded(position, "instrument");
                      String instrument = position.getInstrument().getInstrumentId();
                      return List.of(
                          before,
                          util.isLoaded(position, "instrument"),
                          "LAZY-WOVEN".equals(instrument));
                    }));

    assertThat(loaded).containsExactly(false, true, true);
  }

  @Test
  void aJobCannotRunInsideARequest() {
    assertThatThrownBy(() -> jobs.runAs(route(ORCHESTRA_ID), () -> "never"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("their own threads");
  }

  @Test
  void aDatabaseMarkedForAnotherOrchestraIsRefused() {
    assertThatThrownBy(
            () ->
                onJobThread(
                    () ->
                        jobs.runAs(
                            route("not-the-marked-orchestra"),
                            () -> orchestra.createNativeQuery("select 1").getSingleResult())))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anyMatch(IdentityMarker.IdentityMismatchException.class::isInstance));
  }

  @Test
  void anOrchestraTransactionCommitsWhatReturnsAndRollsBackWhatThrows() throws Exception {
    onJobThread(
        () ->
            jobs.runAs(
                route(ORCHESTRA_ID),
                () -> {
                  probe.addInstrument("TX-KEPT");
                  assertThatThrownBy(() -> probe.addInstrumentThenFail("TX-UNDONE"))
                      .hasMessageContaining("failed after writing");
                  return null;
                }));

    // Read back in a later job, on a fresh entity manager and connection.
    long kept =
        onJobThread(() -> jobs.runAs(route(ORCHESTRA_ID), () -> probe.instruments("TX-KEPT")));
    long undone =
        onJobThread(() -> jobs.runAs(route(ORCHESTRA_ID), () -> probe.instruments("TX-UNDONE")));
    assertThat(kept).isEqualTo(1);
    assertThat(undone).isZero();
  }

  @Test
  void aPooledJobThreadCarriesNothingOfItsOrchestraIntoItsNextTask() throws Exception {
    try (JobThread thread = new JobThread()) {
      JobSeen job = thread.run(() -> jobs.runAs(route(ORCHESTRA_ID), this::seeTheDatabase));
      assertThat(job.orchestraId()).isEqualTo(ORCHESTRA_ID);
      assertThat(job.leasesDuring()).as("leases of the orchestra while its job ran").isEqualTo(1);
      assertThat(leasesOfTheOrchestra()).as("leases of the orchestra after its job ended").isZero();

      assertThatTheNextTaskHasNoOrchestra(thread, job.thread());

      String next =
          thread
              .run(() -> jobs.runAs(route("the-next-orchestra"), () -> current.require()))
              .orchestraId();
      assertThat(next).isEqualTo("the-next-orchestra");
    }
  }

  @Test
  void aFailedJobLeavesNothingBehindOnItsThreadEither() throws Exception {
    try (JobThread thread = new JobThread()) {
      List<JobSeen> seen = new ArrayList<>();
      assertThatThrownBy(
              () ->
                  thread.run(
                      () ->
                          jobs.runAs(
                              route(ORCHESTRA_ID),
                              () -> {
                                seen.add(seeTheDatabase());
                                throw new IllegalStateException("the job failed");
                              })))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the job failed");
      JobSeen job = seen.get(0);
      assertThat(job.leasesDuring()).as("leases of the orchestra while its job ran").isEqualTo(1);
      assertThat(leasesOfTheOrchestra()).as("leases of the orchestra after its job ended").isZero();

      assertThatTheNextTaskHasNoOrchestra(thread, job.thread());
    }
  }

  /** A job's work: opens its orchestra's database through the entity manager, as services do. */
  private JobSeen seeTheDatabase() {
    orchestra.createNativeQuery("select 1").getSingleResult();
    return new JobSeen(
        current.require().orchestraId(), leasesOfTheOrchestra(), Thread.currentThread());
  }

  private int leasesOfTheOrchestra() {
    return connections.registry().leaseCount(ORCHESTRA_ID);
  }

  /** Outside a job the thread has no request context, so no orchestra and no entity manager. */
  private void assertThatTheNextTaskHasNoOrchestra(JobThread thread, Thread jobsThread)
      throws Exception {
    List<Throwable> refusals =
        thread.run(
            () -> {
              assertThat(Thread.currentThread()).isSameAs(jobsThread);
              return Arrays.asList(
                  Assertions.catchThrowable(() -> current.require()),
                  Assertions.catchThrowable(() -> orchestra.isOpen()));
            });
    assertThat(refusals)
        .as("what the next task on the job's thread got for the orchestra and its entity manager")
        .allSatisfy(
            refusal ->
                assertThat(causes(refusal))
                    .anyMatch(
                        e ->
                            e instanceof jakarta.enterprise.context.ContextNotActiveException
                                || e instanceof NoCurrentOrchestraException));
  }

  /** What a job saw while it held its orchestra's database. */
  private record JobSeen(String orchestraId, int leasesDuring, Thread thread) {}

  /**
   * One pooled thread from the server's managed thread factory, as the application's job workers
   * are made ({@code Executors.newFixedThreadPool(n, threads)} in StaffingJobs): every task runs on
   * the same thread, so the next task sees whatever the previous one left behind.
   */
  private static final class JobThread implements AutoCloseable {
    private final ExecutorService executor;

    JobThread() throws Exception {
      ManagedThreadFactory threads =
          InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
      executor = Executors.newSingleThreadExecutor(threads);
    }

    <T> T run(Callable<T> work) throws Exception {
      return result(executor.submit(work));
    }

    @Override
    public void close() throws InterruptedException {
      executor.shutdownNow();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** The route to the test's orchestra database, claimed for the given orchestra. */
  private static OrchestraRoute route(String orchestraId) {
    String url = ConfigProvider.getConfig().getValue("ripieno.test.orchestra.url", String.class);
    String user = ConfigProvider.getConfig().getValue("ripieno.test.orchestra.user", String.class);
    return new OrchestraRoute(
        orchestraId,
        "in-container",
        new DatabaseLogin(DatabaseAddress.parse(url), user, null, "ripieno-in-container"));
  }

  private static String databaseOf(String urlKey) {
    return DatabaseAddress.parse(ConfigProvider.getConfig().getValue(urlKey, String.class))
        .database();
  }

  private static Set<Class<?>> entityTypes(EntityManager entityManager) {
    return entityManager.getMetamodel().getEntities().stream()
        .map(EntityType::getJavaType)
        .collect(Collectors.toSet());
  }

  private static Set<Class<?>> entitiesOf(DatabaseKind kind) {
    return kind.tables().stream()
        .map(kind::entityOf)
        .flatMap(java.util.Optional::stream)
        .collect(Collectors.toSet());
  }

  /** Runs on the server's default managed executor, as the application's jobs do. */
  private static <T> T onJobThread(Callable<T> work) throws Exception {
    ManagedExecutorService executor =
        InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
    return result(executor.submit(work));
  }

  /** The task's result, or what it threw. */
  private static <T> T result(Future<T> task) throws Exception {
    try {
      return task.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
