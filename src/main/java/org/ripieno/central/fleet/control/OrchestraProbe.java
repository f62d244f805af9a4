package org.ripieno.central.fleet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;

/**
 * Looks at one orchestra database from outside the orchestra pools: one short connection with a
 * short connect and statement timeout (then Flyway's own, one at a time, for the version), so
 * probing the whole fleet never takes connections requests need and an unreachable server costs at
 * most the timeout. Nothing is written. Used for the platform's health, schema report and metrics;
 * {@link #counts} alone for the counts of one orchestra's detail.
 */
public final class OrchestraProbe {

  private static final List<String> COUNTED = List.of("Musician", "Project", "Request");

  private final Duration timeout;

  public OrchestraProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /** Rows in the orchestra's own database. */
  public record Counts(long musicians, long projects, long requests) {}

  /**
   * What one probe found. Fields after {@code reachable} are null when the database could not be
   * reached (or, for counts, lacks one of the counted tables).
   *
   * @param database {@code host:port/database}
   * @param markerMatches whether the identity marker names this orchestra
   * @param version the schema version found and the one this code carries
   * @param schema the schema guard's report (missing, misplaced with row counts, unknown tables)
   * @param millis how long the probe took
   * @param error what went wrong, for a person
   */
  public record Probe(
      String orchestraId,
      String subdomain,
      String database,
      boolean reachable,
      Boolean markerMatches,
      Migrations.SchemaVersion version,
      SchemaReport schema,
      Counts counts,
      long millis,
      String error) {

    /** At exactly the version this code carries. */
    public boolean upToDate() {
      return version != null && !version.isBehind() && !version.isAhead();
    }

    /** Would be served: reachable, its own, at the current version, no table missing. */
    public boolean healthy() {
      return reachable
          && Boolean.TRUE.equals(markerMatches)
          && upToDate()
          && schema != null
          && schema.isHealthy();
    }
  }

  /** A database that could not even be addressed (no database yet, unknown server). */
  public static Probe unreachable(
      String orchestraId, String subdomain, String database, String error) {
    return new Probe(orchestraId, subdomain, database, false, null, null, null, null, 0, error);
  }

  public Probe probe(OrchestraRoute route) {
    long started = System.nanoTime();
    String address = route.login().address().toString();
    PGSimpleDataSource database = dataSource(route);
    SchemaReport schema;
    Boolean markerMatches;
    Counts counts;
    String problem = null;
    try (Connection connection = database.getConnection()) {
      schema = SchemaGuard.inspect(connection, DatabaseKind.ORCHESTRA);
      if (schema.missing().contains(IdentityMarker.TABLE)) {
        markerMatches = false;
        problem = "No identity marker table (" + IdentityMarker.TABLE + ")";
      } else {
        Optional<String> marker = IdentityMarker.read(connection);
        markerMatches = marker.map(route.orchestraId()::equals).orElse(false);
        if (marker.isEmpty()) {
          problem = "The identity marker is empty";
        } else if (!markerMatches) {
          problem = "The identity marker names orchestra " + marker.get() + ", not this one";
        }
      }
      counts = schema.missing().stream().anyMatch(COUNTED::contains) ? null : count(connection);
    } catch (SQLException e) {
      return new Probe(
          route.orchestraId(),
          route.subdomain(),
          address,
          false,
          null,
          null,
          null,
          null,
          elapsedMillis(started),
          "Cannot be reached: " + FleetMigration.shorten(e.getMessage()));
    }
    Migrations.SchemaVersion version = null;
    try {
      version = Migrations.version(database, DatabaseKind.ORCHESTRA);
    } catch (FlywayException e) {
      problem =
          join(
              problem, "Cannot read the schema version: " + FleetMigration.shorten(e.getMessage()));
    }
    if (version != null && version.isAhead()) {
      problem = join(problem, "Newer schema than this application's");
    } else if (version != null && version.isBehind()) {
      problem = join(problem, "Schema behind the application's; run the fleet migration");
    }
    if (!schema.missing().isEmpty()) {
      problem = join(problem, "Missing tables " + schema.missing());
    }
    return new Probe(
        route.orchestraId(),
        route.subdomain(),
        address,
        true,
        markerMatches,
        version,
        schema,
        counts,
        elapsedMillis(started),
        problem);
  }

  /**
   * The orchestra's counts over one short connection and nothing else (no schema inspection, no
   * Flyway): empty when the database cannot be reached, does not carry this orchestra's marker or
   * lacks a counted table.
   */
  public Optional<Counts> counts(OrchestraRoute route) {
    try (Connection connection = dataSource(route).getConnection()) {
      if (!IdentityMarker.read(connection).map(route.orchestraId()::equals).orElse(false)) {
        return Optional.empty();
      }
      return Optional.of(count(connection));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private PGSimpleDataSource dataSource(OrchestraRoute route) {
    PGSimpleDataSource database =
        route
            .login()
            .forDatabase(route.login().address().database(), "ripieno:probe:" + route.subdomain())
            .dataSource();
    int seconds = (int) Math.max(1, timeout.toSeconds());
    database.setConnectTimeout(seconds);
    database.setLoginTimeout(seconds);
    // A server that accepts the connection and then hangs must not hold the probe either.
    database.setSocketTimeout(seconds * 3);
    database.setOptions("-c statement_timeout=" + timeout.toMillis());
    return database;
  }

  private static Counts count(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement(
                "select (select count(*) from \"Musician\"), (select count(*) from \"Project\"),"
                    + " (select count(*) from \"Request\")");
        ResultSet row = query.executeQuery()) {
      row.next();
      return new Counts(row.getLong(1), row.getLong(2), row.getLong(3));
    }
  }

  private static String join(String first, String second) {
    return first == null ? second : first + "; " + second;
  }

  private static long elapsedMillis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
