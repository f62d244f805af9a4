package org.ripieno.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.RegistrySettings;

/**
 * Ripieno's configuration, read through MicroProfile Config, so every key can also be given as an
 * environment variable ({@code ripieno.central.url} as {@code RIPIENO_CENTRAL_URL}). The keys are
 * listed in {@code docs/configuration.md}.
 */
@ApplicationScoped
public class RipienoSettings {

  /** The server new orchestra databases go to unless another is named. */
  public static final String DEFAULT_SERVER = "default";

  private static final Pattern NAMED_SERVER_KEY =
      Pattern.compile("ripieno\\.orchestra-servers\\.([a-z0-9-]+)\\.url");
  private static final Pattern NAMED_SERVER_ENV =
      Pattern.compile("RIPIENO_ORCHESTRA_SERVERS_([A-Z0-9]+)_URL");

  private final SettingsSource source;

  /**
   * {@link #orchestraServers()}, read once: finding the named servers lists every key of every
   * configuration source (in Payara, its cluster-wide source through Hazelcast), which took an
   * eighth of an orchestra request's CPU when the route was built from it at every request. The
   * servers are start-up configuration: a server added takes a restart, as a changed URL did.
   */
  private volatile Map<String, DatabaseLogin> orchestraServers;

  /** Inside the server: MicroProfile Config. */
  public RipienoSettings() {
    this(SettingsSource.microProfile());
  }

  /** Outside the server (operator tools, tests): the same keys from another source. */
  public RipienoSettings(SettingsSource source) {
    this.source = source;
  }

  private Optional<String> value(String key) {
    return source.value(key).filter(v -> !v.isBlank());
  }

  /** The central database, or empty when none is configured (the application then fails closed). */
  public Optional<DatabaseLogin> central() {
    return value("ripieno.central.url")
        .map(
            url ->
                new DatabaseLogin(
                    DatabaseAddress.parse(url),
                    value("ripieno.central.user").orElse(null),
                    value("ripieno.central.password").orElse(null),
                    "ripieno:central"));
  }

  /**
   * The PostgreSQL servers orchestra databases live on, by name, each as a login to its maintenance
   * database: {@value #DEFAULT_SERVER} ({@code ripieno.orchestra-server.*}, else the central
   * server) and every {@code ripieno.orchestra-servers.<name>.*}.
   */
  public Map<String, DatabaseLogin> orchestraServers() {
    Map<String, DatabaseLogin> servers = orchestraServers;
    if (servers == null) {
      servers = Collections.unmodifiableMap(readOrchestraServers());
      orchestraServers = servers;
    }
    return servers;
  }

  private Map<String, DatabaseLogin> readOrchestraServers() {
    Map<String, DatabaseLogin> servers = new TreeMap<>();
    Optional<DatabaseLogin> configuredDefault = server("ripieno.orchestra-server");
    configuredDefault
        .or(() -> central().map(c -> c.forDatabase("postgres", "ripieno:maintenance")))
        .ifPresent(login -> servers.put(DEFAULT_SERVER, login));
    for (String key : source.names()) {
      namedServer(key)
          .ifPresent(
              name ->
                  server("ripieno.orchestra-servers." + name)
                      .ifPresent(login -> servers.put(name, login)));
    }
    return servers;
  }

  private static Optional<String> namedServer(String key) {
    Matcher property = NAMED_SERVER_KEY.matcher(key);
    if (property.matches()) {
      return Optional.of(property.group(1));
    }
    Matcher environment = NAMED_SERVER_ENV.matcher(key);
    return environment.matches()
        ? Optional.of(environment.group(1).toLowerCase(java.util.Locale.ROOT))
        : Optional.empty();
  }

  private Optional<DatabaseLogin> server(String prefix) {
    return value(prefix + ".url")
        .map(
            url ->
                new DatabaseLogin(
                    DatabaseAddress.parse(url),
                    value(prefix + ".user").orElse(null),
                    value(prefix + ".password").orElse(null),
                    "ripieno:maintenance"));
  }

  public RegistrySettings registry() {
    RegistrySettings defaults = RegistrySettings.DEFAULTS;
    return new RegistrySettings(
        integer("ripieno.pool.max-per-orchestra", defaults.maxPerOrchestra()),
        integer("ripieno.pool.ceiling", defaults.ceiling()),
        duration("ripieno.pool.idle-timeout", defaults.idleTimeout()),
        duration("ripieno.pool.max-wait", defaults.maxWait()),
        value("ripieno.orchestra.migrate-on-open").map(Boolean::parseBoolean).orElse(false));
  }

  /**
   * Put before the name of every database Ripieno creates on an orchestra server (the orchestra
   * databases and each server's template), so that several installations, or test runs, can share a
   * server.
   */
  public String provisioningDatabasePrefix() {
    return value("ripieno.provisioning.database-prefix").orElse("ripieno_");
  }

  /** Whether the demo orchestra is provisioned at start-up. */
  public boolean demo() {
    return value("ripieno.demo").map(Boolean::parseBoolean).orElse(false);
  }

  public int centralPoolSize() {
    return integer("ripieno.central.pool-size", 10);
  }

  public Path dataDir() {
    return Path.of(value("ripieno.data-dir").orElse("ripieno-data"));
  }

  /** An optional value, blank counted as unset. */
  public Optional<String> optional(String key) {
    return value(key);
  }

  public String text(String key, String fallback) {
    return value(key).orElse(fallback);
  }

  public int number(String key, int fallback) {
    return integer(key, fallback);
  }

  public Duration period(String key, Duration fallback) {
    return duration(key, fallback);
  }

  /** A comma-separated list, empty when unset. */
  public java.util.List<String> list(String key) {
    return value(key).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private int integer(String key, int fallback) {
    return value(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
  }

  private Duration duration(String key, Duration fallback) {
    return value(key).map(v -> parse(key, v, Duration::parse)).orElse(fallback);
  }

  private static <T> T parse(
      String key, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Configuration " + key + " has an invalid value '" + value + "'", e);
    }
  }
}
