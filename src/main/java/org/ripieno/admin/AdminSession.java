package org.ripieno.admin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.ripieno.central.fleet.control.FleetSettings;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.config.RipienoSettings;
import org.ripieno.config.SettingsSource;
import org.ripieno.datasafety.PublicSchema;
import org.ripieno.datasafety.SqlErrors;
import org.ripieno.datasafety.TableRows;
import org.ripieno.launcher.EmbeddedDatabase;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.security.secrets.SecretKeys;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * What a command works with: the configuration (a {@code --config} properties file over the
 * environment, the server's keys), the central database (configured, or the embedded run's, to
 * which it connects while the application runs and which it starts itself while it does not), the
 * secret box, the orchestra registry and routes, and confirmation of destructive work. Everything
 * is resolved on first use, so a command that needs no secret never touches a key file.
 */
public final class AdminSession implements AutoCloseable {

  private final Output output;
  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final boolean mayStartNewEmbedded;
  private RipienoSettings settings;
  private DatabaseLogin central;
  private HikariDataSource centralPool;
  private List<RegisteredOrchestra> registry;
  private EmbeddedDatabase.Started startedEmbedded;
  private Path embeddedDataDir;
  private SecretBox secrets;
  private boolean secretsAnnounced;

  private AdminSession(
      Output output,
      Map<String, String> properties,
      Map<String, String> environment,
      boolean mayStartNewEmbedded) {
    this.output = output;
    this.properties = properties;
    this.environment = environment;
    this.mayStartNewEmbedded = mayStartNewEmbedded;
    this.settings = new RipienoSettings(SettingsSource.of(properties, environment));
  }

  /**
   * @param config a properties file with the server's keys, or null
   * @param mayStartNewEmbedded whether the command may create an embedded database where there is
   *     none yet (only writing commands: a read-only one reports instead)
   */
  static AdminSession open(
      Path config, Map<String, String> environment, Output output, boolean mayStartNewEmbedded) {
    return new AdminSession(output, readConfig(config), environment, mayStartNewEmbedded);
  }

  private static Map<String, String> readConfig(Path config) {
    Map<String, String> values = new HashMap<>();
    if (config == null) {
      return values;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw AdminFailure.cannotRun("Cannot read the configuration file " + config + ": " + e);
    }
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  public Output output() {
    return output;
  }

  /** The configuration, with the embedded database's URL once it is in use. */
  public RipienoSettings settings() {
    return settings;
  }

  /**
   * The central database, reachable. With no {@code ripieno.central.url}: the embedded database of
   * {@code ripieno.data-dir}, running or started now.
   */
  public DatabaseLogin central() {
    if (central != null) {
      return central;
    }
    DatabaseLogin login = settings.central().orElseGet(this::embeddedCentral);
    try (Connection connection = login.connect()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw AdminFailure.cannotRun(
          "The central database " + login + " cannot be reached: " + SqlErrors.describe(e));
    }
    central = login;
    return login;
  }

  /**
   * Central through a pool of at most {@code connections} sessions that lives until this command
   * ends, for a command that writes to central once per orchestra from several workers (a fleet
   * migration): a new session per write would cost central a backend each time.
   */
  public DataSource pooledCentral(int connections) {
    if (centralPool == null) {
      centralPool = pool(central(), connections);
    }
    return centralPool;
  }

  /**
   * A pool that opens its sessions as they are asked for, none before, and keeps no idle minimum.
   */
  public static HikariDataSource pool(DatabaseLogin login, int connections) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("ripieno-admin");
    config.setDataSource(login.dataSource());
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(-1);
    // As long as the driver's own connect timeout (DatabaseLogin), not HikariCP's 30 s: a central
    // that went away fails each waiting write in that time, with the driver's reason as the cause.
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  private DatabaseLogin embeddedCentral() {
    Path dataDir = settings.dataDir().toAbsolutePath().normalize();
    String url = EmbeddedDatabase.running(dataDir).orElse(null);
    if (url == null) {
      if (!EmbeddedDatabase.exists(dataDir) && !mayStartNewEmbedded) {
        throw AdminFailure.cannotRun(
            "No central database: ripieno.central.url is not set (--config FILE or"
                + " RIPIENO_CENTRAL_URL) and "
                + dataDir
                + " holds no embedded database (ripieno.data-dir)");
      }
      try {
        startedEmbedded = EmbeddedDatabase.open(dataDir);
      } catch (IOException | SQLException | RuntimeException e) {
        throw AdminFailure.cannotRun(
            "Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage());
      }
      url = startedEmbedded.url();
      output.line(
          "The application is not running: started the embedded PostgreSQL in "
              + dataDir
              + " for this command (do not start the application until it ends)");
    }
    embeddedDataDir = dataDir;
    Map<String, String> withEmbedded = new HashMap<>(properties);
    withEmbedded.put("ripieno.central.url", url);
    withEmbedded.put("ripieno.central.user", EmbeddedDatabase.USER);
    withEmbedded.put("ripieno.data-dir", dataDir.toString());
    settings = new RipienoSettings(SettingsSource.of(withEmbedded, environment));
    return settings.central().orElseThrow();
  }

  /** How a target line names a database: name, address and user, never the password. */
  public static String describe(DatabaseLogin login) {
    return login.address().database()
        + " at "
        + login.address().host()
        + ":"
        + login.address().port()
        + (login.user() == null ? "" : " (user " + login.user() + ")");
  }

  /** Prints the {@code target:} line of the central database and returns its login. */
  public DatabaseLogin targetCentral() {
    DatabaseLogin login = central();
    output.target(
        "central database "
            + describe(login)
            + (embeddedDataDir == null
                ? ""
                : ", embedded PostgreSQL of data directory " + embeddedDataDir));
    return login;
  }

  /**
   * For commands that write: creates the central schema in a brand-new empty database and migrates
   * one that is behind (as the server does when it starts). A database with tables but no migration
   * history is left as it is (the command's own checks say what is wrong).
   *
   * @return false when, in a dry run, the schema would have to be created first
   */
  public boolean prepareCentralForWriting(boolean dryRun) {
    DatabaseLogin login = central();
    boolean empty;
    boolean managed;
    try (Connection connection = login.connect()) {
      empty = PublicSchema.isEmpty(connection);
      managed = TableRows.exists(connection, DatabaseKind.MIGRATION_HISTORY_TABLE);
    } catch (SQLException e) {
      throw AdminFailure.cannotRun("Cannot inspect central: " + SqlErrors.describe(e));
    }
    if (!empty && !managed) {
      return true;
    }
    Migrations.SchemaVersion version;
    try {
      version = Migrations.version(login.dataSource(), DatabaseKind.CENTRAL);
      if (!version.isBehind()) {
        return true;
      }
      if (dryRun) {
        output.line(
            empty
                ? "dry run: would create the central schema (version " + version.expected() + ")"
                : "dry run: would migrate central from version "
                    + version.current()
                    + " to "
                    + version.expected());
        return !empty;
      }
      Migrations.migrate(login.dataSource(), DatabaseKind.CENTRAL);
    } catch (FlywayException e) {
      throw AdminFailure.cannotRun("Cannot migrate central: " + SqlErrors.describeFailure(e));
    }
    output.line(
        empty
            ? "created the central schema (version " + version.expected() + ")"
            : "migrated central from version " + version.current() + " to " + version.expected());
    return true;
  }

  /**
   * The secret box of the server's key, loaded read-only ({@link
   * SecretKeys#loadExisting(RipienoSettings)}): the configured {@code ripieno.secret-key}, or the
   * key file that exists in the data directory. The tool never creates a key: values encrypted with
   * a key of its own could not be read by the server. With neither, a command that needs the key
   * cannot run (2).
   */
  public SecretBox secrets() {
    SecretBox box = loadSecrets();
    if (!secretsAnnounced) {
      secretsAnnounced = true;
      output.line("secrets: key " + box.currentKeyId());
    }
    return box;
  }

  /**
   * Fails now (2) when there is no key, so a command that will need it stops before it changes or
   * creates anything; the key is announced when it is used.
   */
  public void requireSecretKey() {
    loadSecrets();
  }

  private SecretBox loadSecrets() {
    if (secrets == null) {
      Optional<SecretBox> existing;
      try {
        existing = SecretKeys.loadExisting(settings);
      } catch (RuntimeException e) {
        throw AdminFailure.cannotRun("Cannot load the secret key: " + e.getMessage());
      }
      secrets =
          existing.orElseThrow(
              () ->
                  AdminFailure.cannotRun(
                      "no secret key: set ripieno.secret-key or point ripieno.data-dir at the"
                          + " server's data directory ("
                          + settings.dataDir().toAbsolutePath().normalize()
                          + " holds no "
                          + SecretKeys.KEY_FILE_NAME
                          + "); nothing was changed"));
    }
    return secrets;
  }

  public Supplier<SecretBox> secretsWhenNeeded() {
    return this::secrets;
  }

  /**
   * Every orchestra in the registry but the deleted ones (read through {@link
   * CentralOrchestraRows}, as the fleet reads them), read in one central session the first time it
   * is asked for: a command acts on the registry as it found it, however many orchestras it names.
   * Fails (1) when central holds no registry.
   */
  public List<RegisteredOrchestra> registry() {
    if (registry == null) {
      registry = readRegistry();
    }
    return registry;
  }

  private List<RegisteredOrchestra> readRegistry() {
    try (Connection connection = central().connect()) {
      if (!TableRows.exists(connection, "Orchestra")) {
        throw AdminFailure.checkFailed(
            "Central holds no orchestra registry (no Orchestra table): there are no orchestras");
      }
      return List.copyOf(CentralOrchestraRows.on(connection).allButDeleted());
    } catch (SQLException e) {
      throw AdminFailure.cannotRun("Cannot read the orchestra registry: " + SqlErrors.describe(e));
    }
  }

  /** The registry entry of a subdomain; an unknown (or deleted) one is a bad argument. */
  public RegisteredOrchestra orchestra(String subdomain) {
    return registry().stream()
        .filter(e -> e.subdomain().equals(subdomain))
        .findFirst()
        .orElseThrow(
            () ->
                AdminFailure.cannotRun(
                    "There is no orchestra " + subdomain + " in the registry (or it is deleted)"));
  }

  /** The configured orchestra servers (the default one is central's server unless configured). */
  public Map<String, DatabaseLogin> orchestraServers() {
    central();
    return settings.orchestraServers();
  }

  /**
   * The route to an orchestra's database, by the server's rule ({@link RegisteredOrchestra#route});
   * a stored database password is decrypted with the configured key.
   */
  public OrchestraRoute route(RegisteredOrchestra orchestra) {
    if (orchestra.storedDatabasePassword() != null) {
      EncryptedString.install(secrets());
    }
    try {
      return orchestra.route(orchestraServers());
    } catch (OrchestraUnavailableException e) {
      throw AdminFailure.checkFailed(e.getMessage());
    }
  }

  /** The fleet's probe, with its configured timeout ({@code ripieno.fleet.probe-timeout}). */
  public OrchestraProbe probe() {
    return new OrchestraProbe(FleetSettings.from(settings).probeTimeout());
  }

  /**
   * Prints the {@code target:} line of an orchestra's database, with the marker it carries, and
   * refuses (1) a database that does not carry this orchestra's marker: a destructive command never
   * acts on another orchestra's database.
   */
  public OrchestraRoute targetOrchestra(RegisteredOrchestra orchestra) {
    OrchestraRoute route = route(orchestra);
    String marker;
    try (Connection connection = route.login().connect()) {
      marker =
          TableRows.exists(connection, IdentityMarker.TABLE)
              ? IdentityMarker.read(connection).orElse(null)
              : null;
    } catch (SQLException e) {
      output.target(orchestraLine(orchestra, route, "unreachable"));
      throw AdminFailure.checkFailed(
          "Orchestra "
              + orchestra.subdomain()
              + "'s database cannot be reached: "
              + SqlErrors.describe(e));
    }
    output.target(
        orchestraLine(orchestra, route, marker == null ? "no marker" : "marker " + marker));
    if (!orchestra.id().equals(marker)) {
      throw AdminFailure.checkFailed(
          "Database "
              + route.login().address().database()
              + (marker == null
                  ? " carries no identity marker"
                  : " carries orchestra " + marker + "'s identity marker")
              + ", not orchestra "
              + orchestra.id()
              + "'s ("
              + orchestra.subdomain()
              + "); nothing was changed");
    }
    return route;
  }

  /** The {@code target:} text of an orchestra database. */
  public static String orchestraLine(
      RegisteredOrchestra orchestra, OrchestraRoute route, String state) {
    return "orchestra "
        + orchestra.subdomain()
        + " (id "
        + orchestra.id()
        + "), database "
        + describe(route.login())
        + ", "
        + state;
  }

  /**
   * Destructive work needs {@code --confirm} naming the target database exactly; without it, or
   * with another name, nothing is changed (exit 2).
   */
  public void requireConfirmation(String confirm, String databaseName) {
    if (confirm == null) {
      throw AdminFailure.cannotRun(
          "This changes database "
              + databaseName
              + ": add --confirm "
              + databaseName
              + " (or --dry-run to see what it would do); nothing was changed");
    }
    if (!confirm.equals(databaseName)) {
      throw AdminFailure.cannotRun(
          "--confirm names "
              + confirm
              + ", but the target database is "
              + databaseName
              + "; nothing was changed");
    }
  }

  /** Closes the central pool and stops an embedded database this command started. */
  @Override
  public void close() {
    try {
      if (centralPool != null) {
        centralPool.close();
      }
    } finally {
      stopEmbedded();
    }
  }

  private void stopEmbedded() {
    if (startedEmbedded != null) {
      try {
        startedEmbedded.close();
      } catch (IOException e) {
        output.warn("Could not stop the embedded PostgreSQL: " + e.getMessage());
      }
    }
  }
}
