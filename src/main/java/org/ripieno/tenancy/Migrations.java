package org.ripieno.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway, set up once for each kind of database. */
public final class Migrations {

  private Migrations() {}

  public static Flyway flyway(DataSource dataSource, DatabaseKind kind) {
    return flywayConfiguration(dataSource, kind).load();
  }

  /** The configuration behind {@link #flyway}, for callers that need to adjust it. */
  public static FluentConfiguration flywayConfiguration(DataSource dataSource, DatabaseKind kind) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + kind.migrationLocation())
        .table(DatabaseKind.MIGRATION_HISTORY_TABLE)
        .baselineOnMigrate(false)
        .cleanDisabled(true)
        .validateMigrationNaming(true);
  }

  public static MigrateResult migrate(DataSource dataSource, DatabaseKind kind) {
    return flyway(dataSource, kind).migrate();
  }

  /** The schema state of one database compared with the migrations this code carries. */
  public static SchemaVersion version(DataSource dataSource, DatabaseKind kind) {
    MigrationInfoService info = flyway(dataSource, kind).info();
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
