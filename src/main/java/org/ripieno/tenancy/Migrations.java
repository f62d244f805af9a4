package org.ripieno.tenancy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** Flyway, set up once for each kind of database. */
public final class Migrations {

  private Migrations() {}

  public static Flyway flyway(DataSource dataSource, DatabaseKind kind) {
    return flywayConfiguration(dataSource, kind).load();
  }

  /**
   * The configuration behind {@link #flyway}, for callers that need to adjust it (a target, say).
   * The kind's migrations come from {@link MigrationScripts}, scanned and read once per kind and
   * process rather than once per Flyway, so changing the locations here changes nothing.
   */
  public static FluentConfiguration flywayConfiguration(DataSource dataSource, DatabaseKind kind) {
    FluentConfiguration configuration =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:" + kind.migrationLocation())
            .table(DatabaseKind.MIGRATION_HISTORY_TABLE)
            .baselineOnMigrate(false)
            .cleanDisabled(true)
            .validateMigrationNaming(true)
            // Flyway's default ("auto") probes the classpath for logging libraries each time a
            // Flyway is built; SLF4J is what it finds, since the application ships it (routed to
            // java.util.logging), so naming it keeps the same output without the probes.
            .loggers("slf4j");
    MigrationScripts scripts =
        SCRIPTS.computeIfAbsent(kind, k -> MigrationScripts.scan(configuration));
    return configuration.resourceProvider(scripts).javaMigrationClassProvider(scripts);
  }

  private static final Map<DatabaseKind, MigrationScripts> SCRIPTS = new ConcurrentHashMap<>();

  public static MigrateResult migrate(DataSource dataSource, DatabaseKind kind) {
    return flyway(dataSource, kind).migrate();
  }

  /**
   * Migrates a database in a session the caller holds and keeps: Flyway opens none of its own. A
   * new session costs PostgreSQL a process, an authentication and cold catalog caches, which in a
   * fleet migration was most of the server's work per database (Flyway's migrate opened two beside
   * the caller's).
   *
   * <p>Flyway works on one connection on PostgreSQL when its lock is the session-level advisory
   * lock ({@code postgresql.transactional.lock=false}): with the default transaction-level lock it
   * holds the lock's transaction open on one connection and runs the migrations, which commit, on a
   * second. Either lock is the same key in the same lock space, so this run still excludes every
   * other Flyway migrating the database, whichever kind of lock that one takes. Each migration
   * still runs in a transaction of its own. Flyway restores the session's auto-commit, role and
   * search path when it is done, and leaves the caller's own session locks alone.
   */
  public static MigrateResult migrate(Connection connection, DatabaseKind kind) {
    return onHeldConnection(connection, kind).migrate();
  }

  /** {@link #version(DataSource, DatabaseKind)} read in a session the caller holds and keeps. */
  public static SchemaVersion version(Connection connection, DatabaseKind kind) {
    return version(onHeldConnection(connection, kind));
  }

  private static Flyway onHeldConnection(Connection connection, DatabaseKind kind) {
    FluentConfiguration configuration = flywayConfiguration(new HeldConnection(connection), kind);
    // Flyway's PostgreSQL support uses a single connection exactly when this lock is off.
    configuration
        .getPluginRegister()
        .getExact(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(false);
    return configuration.load();
  }

  /** The schema state of one database compared with the migrations this code carries. */
  public static SchemaVersion version(DataSource dataSource, DatabaseKind kind) {
    return version(flyway(dataSource, kind));
  }

  private static SchemaVersion version(Flyway flyway) {
    MigrationInfoService info = flyway.info();
    MigrationInfo current = info.current();
    return new SchemaVersion(
        current == null ? null : current.getVersion().getVersion(),
        latestVersion(info).getVersion());
  }

  /**
   * The newest version this code carries for a kind of database, read once. Flyway lists the
   * migrations only over a connection; any database on a server will do, since nothing is written.
   */
  public static String latestVersion(DataSource anyDatabase, DatabaseKind kind) {
    return LATEST.computeIfAbsent(
        kind, k -> latestVersion(flyway(anyDatabase, k).info()).getVersion());
  }

  private static final Map<DatabaseKind, String> LATEST = new ConcurrentHashMap<>();

  /**
   * The schema state as the history table plainly states it, read in one query over a connection
   * the caller already holds (a Flyway {@link #version} opens its own connection and reads the
   * history with several queries). Plain means: the table exists, every row succeeded and is an
   * ordinary migration or baseline row, and at least one has a version. Then the newest applied
   * version is what Flyway would call current. Anything else (no history table, a failed migration,
   * rows of a repair or an undo) is empty, and the caller asks Flyway, whose answer and messages
   * stay the reference for the unusual cases. The newest version this code carries is read the
   * first time in the same session.
   */
  public static Optional<SchemaVersion> plainVersion(Connection connection, DatabaseKind kind)
      throws SQLException {
    List<String> versions;
    try (PreparedStatement query = connection.prepareStatement(PLAIN_HISTORY);
        ResultSet row = query.executeQuery()) {
      row.next();
      if (row.getLong(2) > 0) {
        return Optional.empty();
      }
      Array array = row.getArray(1);
      if (array == null) {
        return Optional.empty();
      }
      try {
        versions = Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
      } finally {
        array.free();
      }
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw e;
    }
    MigrationVersion newest =
        versions.stream()
            .map(MigrationVersion::fromVersion)
            .max(MigrationVersion::compareTo)
            .orElseThrow();
    return Optional.of(
        new SchemaVersion(
            newest.getVersion(), latestVersion(new HeldConnection(connection), kind)));
  }

  private static final String PLAIN_HISTORY =
      "select array_agg(version) filter (where version is not null),"
          + " count(*) filter (where not success or type not in ('SQL', 'BASELINE'))"
          + " from \""
          + DatabaseKind.MIGRATION_HISTORY_TABLE
          + "\"";

  /** PostgreSQL's "undefined table": the database has no migration history. */
  private static final String UNDEFINED_TABLE = "42P01";

  /** The newest migration this code carries (applied ones unknown to it are a newer code's). */
  private static MigrationVersion latestVersion(MigrationInfoService info) {
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (MigrationInfo migration : info.all()) {
      if (migration.getVersion() != null
          && migration.getState().isResolved()
          && migration.getVersion().isNewerThan(latest)) {
        latest = migration.getVersion();
      }
    }
    return latest;
  }

  /**
   * @param current the version the database is at, or null when it was never migrated
   * @param expected the newest version this code carries
   */
  public record SchemaVersion(String current, String expected) {

    public boolean isBehind() {
      return current == null || MigrationVersion.fromVersion(expected).isNewerThan(current);
    }

    public boolean isAhead() {
      return current != null && MigrationVersion.fromVersion(current).isNewerThan(expected);
    }
  }
}
