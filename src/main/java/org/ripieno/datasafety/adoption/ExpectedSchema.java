package org.ripieno.datasafety.adoption;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;

/**
 * The orchestra (or central) schema at a given migration version, as PostgreSQL itself describes
 * it: a scratch database is migrated to that version with that kind's migrations (Flyway {@code
 * target}), its catalog read, and the database dropped. So the comparison follows the migration
 * files, never a hand-written copy of them. Kept per version for the life of the process.
 */
public final class ExpectedSchema {

  private static final Map<String, SchemaCatalog> BY_VERSION = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ExpectedSchema() {}

  /**
   * The orchestra schema at a version.
   *
   * @param scratchServer login to the maintenance database of a server where a scratch database may
   *     be created and dropped (the one orchestra databases are created on will do)
   * @param version an orchestra migration version, e.g. {@code 1}
   */
  public static SchemaCatalog at(DatabaseLogin scratchServer, String version) throws SQLException {
    return at(scratchServer, DatabaseKind.ORCHESTRA, version);
  }

  /** The schema of either kind of database at one of its migration versions. */
  public static SchemaCatalog at(DatabaseLogin scratchServer, DatabaseKind kind, String version)
      throws SQLException {
    String key = kind.unitName() + ":" + version;
    SchemaCatalog known = BY_VERSION.get(key);
    if (known != null) {
      return known;
    }
    String name = "ripieno_scratch_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    try (Connection maintenance = scratchServer.connect();
        Statement create = maintenance.createStatement()) {
      create.execute("CREATE DATABASE \"" + name + "\"");
    }
    try {
      DatabaseLogin scratch = scratchServer.forDatabase(name, "ripieno:adopt:expected-schema");
      Migrations.flywayConfiguration(scratch.dataSource(), kind).target(version).load().migrate();
      SchemaCatalog catalog;
      try (Connection connection = scratch.connect()) {
        catalog = SchemaCatalog.read(connection);
      }
      BY_VERSION.put(key, catalog);
      return catalog;
    } finally {
      OrchestraDatabases.drop(scratchServer, name);
    }
  }
}
