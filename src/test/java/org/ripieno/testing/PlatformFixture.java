package org.ripieno.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.security.control.SecurityComponents;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * One running application on a fresh central database, with a known superadmin, and helpers to
 * register orchestras (until provisioning exists, through the Foundation's mechanics) and accounts.
 * Close it to stop the application and drop every database it made.
 */
public final class PlatformFixture implements AutoCloseable {

  public static final String SUPERADMIN_PASSWORD = "local-test-superadmin-pw";

  private final TestPostgres postgres = new TestPostgres();
  private final DatabaseLogin central;
  private final RunningRipieno ripieno;
  private final String superadminToken;

  /** The first instance's environment, which further instances start from. */
  private final Map<String, String> environment;

  private final List<RunningRipieno> otherInstances = new ArrayList<>();

  private PlatformFixture(String name, Map<String, String> extraEnvironment) throws Exception {
    central = postgres.createEmpty(name + "central");
    Map<String, String> environment = new HashMap<>(extraEnvironment);
    environment.put("RIPIENO_CENTRAL_URL", central.address().jdbcUrl());
    environment.put("RIPIENO_CENTRAL_USER", central.user());
    environment.put("RIPIENO_DATA_DIR", "target/it-data/" + name);
    environment.put("RIPIENO_BOOTSTRAP_SUPERADMIN_PASSWORD", SUPERADMIN_PASSWORD);
    // Databases the application creates (templates, orchestras) are dropped with the run's.
    environment.putIfAbsent("RIPIENO_PROVISIONING_DATABASE_PREFIX", postgres.runPrefix());
    this.environment = Map.copyOf(environment);
    ripieno = RunningRipieno.start(name, environment);
    ripieno.awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
    superadminToken = login("superadmin", SUPERADMIN_PASSWORD);
  }

  private static PlatformFixture shared;
  private boolean isShared;

  /**
   * The application in the default configuration, started once for every test class that asks (each
   * keeps to orchestras and accounts of its own), stopped when the test JVM ends: a boot costs more
   * than most test classes.
   */
  public static synchronized PlatformFixture shared() throws Exception {
    if (shared == null) {
      PlatformFixture started = new PlatformFixture("shared", Map.of());
      started.isShared = true;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stopQuietly));
      shared = started;
    }
    return shared;
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (Exception e) {
      System.err.println("Stopping the shared application: " + e);
    }
  }

  public static PlatformFixture start(String name) throws Exception {
    return new PlatformFixture(name, Map.of());
  }

  public static PlatformFixture start(String name, Map<String, String> environment)
      throws Exception {
    return new PlatformFixture(name, environment);
  }

  /**
   * New random keys for tokens and secrets, to start a fixture with whose instances (another one,
   * or one started after a kill) must accept each other's tokens and read the same secrets
   * (security.md).
   */
  public static Map<String, String> sharedKeys() {
    SecureRandom random = new SecureRandom();
    Map<String, String> keys = new HashMap<>();
    for (String name : List.of("RIPIENO_TOKEN_SIGNING_KEY", "RIPIENO_SECRET_KEY")) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      keys.put(name, Base64.getEncoder().encodeToString(key));
    }
    return keys;
  }

  public RunningRipieno ripieno() {
    return ripieno;
  }

  /**
   * Starts another application instance over the same central database (and so the same orchestra
   * databases), the way a second server of one installation runs: the first instance's settings
   * with its own data directory, and the given ones on top. The instances must share their keys, so
   * the fixture must have been started with {@code RIPIENO_TOKEN_SIGNING_KEY} and {@code
   * RIPIENO_SECRET_KEY}. Stopped with the fixture; waits until it is ready.
   */
  public RunningRipieno startAnotherInstance(String name, Map<String, String> overrides)
      throws Exception {
    for (String shared : List.of("RIPIENO_TOKEN_SIGNING_KEY", "RIPIENO_SECRET_KEY")) {
      if (!environment.containsKey(shared)) {
        throw new IllegalStateException(
            shared + " must be set when starting the fixture: every instance needs the same key");
      }
    }
    Map<String, String> another = new HashMap<>(environment);
    another.put("RIPIENO_DATA_DIR", "target/it-data/" + name);
    another.putAll(overrides);
    RunningRipieno instance = RunningRipieno.start(name, another);
    otherInstances.add(instance);
    instance.awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
    return instance;
  }

  public TestPostgres postgres() {
    return postgres;
  }

  public DatabaseLogin central() {
    return central;
  }

  public String superadmin() {
    return superadminToken;
  }

  /**
   * An active orchestra with its own migrated, marked database (empty: no seed), registered in
   * central with the given id and subdomain. Returns the database's login.
   */
  public DatabaseLogin registerOrchestra(String id, String subdomain, String name)
      throws Exception {
    DatabaseLogin database = postgres.createOrchestra(subdomain, id);
    try (Connection connection = central.connect()) {
      CentralOrchestraRows.on(connection)
          .register(
              new CentralOrchestraRows.Registration(
                  id,
                  subdomain,
                  name,
                  "Contact",
                  "contact@example.org",
                  null,
                  null,
                  database.address(),
                  null,
                  null,
                  null,
                  false));
    }
    return database;
  }

  /**
   * Runs SQL on central, e.g. to change an orchestra's limits or status, and returns once the
   * application's requests see the change ({@link #awaitCentralChangesSeen()}).
   */
  public void onCentral(String sql) throws Exception {
    postgres.execute(central, sql);
    awaitCentralChangesSeen();
  }

  /**
   * Waits out {@code ripieno.token.account-cache}: a change made at central outside the application
   * (SQL here, as an operator's would be) reaches its orchestra requests within that time, not at
   * once.
   */
  public void awaitCentralChangesSeen() throws InterruptedException {
    Thread.sleep(accountCache().toMillis());
  }

  /** The application's {@code ripieno.token.account-cache}, as this fixture started it. */
  public Duration accountCache() {
    return Optional.ofNullable(environment.get("RIPIENO_TOKEN_ACCOUNT_CACHE"))
        .map(Duration::parse)
        .orElse(SecurityComponents.DEFAULT_ACCOUNT_CACHE);
  }

  /** Makes the orchestra's staffing jobs due now, as its work would after a change Ripieno made. */
  public void jobsDueNow(String orchestraId) throws Exception {
    // The jobs read central themselves: nothing to wait for.
    postgres.execute(
        central,
        "update \"Orchestra\" set \"jobsDueAt\" = now() at time zone 'UTC' where id = '"
            + orchestraId
            + "'");
  }

  /**
   * Creates an account through the platform API and returns its id; a null password lets Ripieno
   * generate one.
   */
  public String createUser(String username, String role, String orchestraId, String password)
      throws Exception {
    String body =
        "{\"username\":\""
            + username
            + "\",\"email\":\""
            + username
            + "@example.org\",\"role\":\""
            + role
            + "\",\"orchestraId\":\""
            + orchestraId
            + "\""
            + (password == null ? "" : ",\"password\":\"" + password + "\"")
            + "}";
    HttpResponse<String> answer =
        ripieno.send("POST", "/api/platform/users", superadminToken, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return RunningRipieno.json(answer).getString("id");
  }

  /** A token for the account. */
  public String login(String username, String password) throws Exception {
    HttpResponse<String> answer =
        ripieno.send(
            "POST",
            "/api/auth/login",
            null,
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return RunningRipieno.json(answer).getString("token");
  }

  /** Stops the application and drops its databases; the shared one stays for the next class. */
  @Override
  public void close() throws Exception {
    if (!isShared) {
      stop();
    }
  }

  private void stop() throws Exception {
    try {
      for (RunningRipieno instance : otherInstances) {
        instance.close();
      }
      ripieno.close();
    } finally {
      postgres.close();
    }
  }
}
