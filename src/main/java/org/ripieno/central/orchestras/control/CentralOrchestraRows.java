package org.ripieno.central.orchestras.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.tenancy.DatabaseAddress;

/**
 * The one place that reads and writes the central {@code "Orchestra"} rows in plain SQL: the fleet,
 * provisioning, the jobs' schedule, data safety and the operators' command line all go through it.
 * Plain JDBC on purpose: the command line runs while the application is down, with nothing but a
 * login to central, so none of this may need a persistence unit. The JAX-RS resources keep the
 * {@link Orchestra} entity for the settings only they edit (mail, SMS, branding, limits).
 *
 * <p>Central time stamps ({@code TIMESTAMP(3)} without a zone) hold UTC, as the entity's converter
 * writes them, whatever the database server's time zone.
 *
 * <p>{@link #pooled} borrows a connection for each statement (provisioning and the jobs never hold
 * one of the pool while they wait); {@link #on} works on a connection the caller owns, inside its
 * transaction, and never closes it.
 */
public final class CentralOrchestraRows {

  /** Longer results are cut, so one odd error message cannot bloat the registry row. */
  public static final int MAX_RESULT = 2000;

  private static final String COLUMNS =
      "select \"id\", \"subdomain\", \"name\", \"status\", \"contactName\", \"contactEmail\","
          + " \"plan\", \"pricePerMonth\", \"databaseServer\", \"databaseHost\","
          + " \"databasePort\", \"databaseName\", \"databaseUser\", \"databasePassword\","
          + " \"schemaVersion\", \"lastMigrationResult\", \"lastMigratedAt\","
          + " \"provisioningState\", \"provisioningError\", \"jobsDueAt\", \"jobsLastRunAt\","
          + " \"jobsLastResult\", \"jobsFailures\" from \"Orchestra\"";

  /** Central time stamps are UTC, whatever the server's time zone. */
  private static final String NOW = "(now() at time zone 'UTC')";

  /** {@link #NOW} when the boolean parameter it takes is true, else null. */
  private static final String NOW_IF_SET = "(case when ? then " + NOW + " end)";

  @FunctionalInterface
  interface Work<T> {
    T on(Connection central) throws SQLException;
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private final DataSource pool;
  private final Connection connection;

  private CentralOrchestraRows(DataSource pool, Connection connection) {
    this.pool = pool;
    this.connection = connection;
  }

  /** Rows read and written on {@code central}, one borrowed connection per statement. */
  public static CentralOrchestraRows pooled(DataSource central) {
    return new CentralOrchestraRows(Objects.requireNonNull(central, "central"), null);
  }

  /** Rows read and written on the caller's connection, in its transaction; it stays open. */
  public static CentralOrchestraRows on(Connection central) {
    return new CentralOrchestraRows(null, Objects.requireNonNull(central, "central"));
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** Every orchestra except the deleted ones, by subdomain. */
  public List<RegisteredOrchestra> allButDeleted() throws SQLException {
    return list(
        COLUMNS + " where \"status\" <> 'deleted' order by \"subdomain\"",
        CentralOrchestraRows::row);
  }

  public Optional<RegisteredOrchestra> byId(String id) throws SQLException {
    return one(" where \"id\" = ?", id);
  }

  /** The row of a subdomain, whatever its status (a deleted orchestra keeps its subdomain). */
  public Optional<RegisteredOrchestra> bySubdomain(String subdomain) throws SQLException {
    return one(" where \"subdomain\" = ?", subdomain);
  }

  /** The row registered on this database (host, port and name are unique across rows). */
  public Optional<RegisteredOrchestra> onDatabase(DatabaseAddress database) throws SQLException {
    return with(
        central -> {
          try (PreparedStatement query =
              central.prepareStatement(
                  COLUMNS
                      + " where \"databaseHost\" = ? and \"databasePort\" = ?"
                      + " and \"databaseName\" = ?")) {
            query.setString(1, database.host());
            query.setInt(2, database.port());
            query.setString(3, database.database());
            return first(query);
          }
        });
  }

  /** How many accounts belong to an orchestra, and how many of them are inactive. */
  public record Accounts(long total, long inactive) {}

  public Accounts accounts(String orchestraId) throws SQLException {
    return with(
        central -> {
          try (PreparedStatement query =
              central.prepareStatement(
                  "select count(*), count(*) filter (where not \"active\") from \"User\""
                      + " where \"orchestraId\" = ?")) {
            query.setString(1, orchestraId);
            try (ResultSet row = query.executeQuery()) {
              row.next();
              return new Accounts(row.getLong(1), row.getLong(2));
            }
          }
        });
  }

  /** Accounts per orchestra id (central {@code "User"} rows), orchestras without any left out. */
  public Map<String, Long> accountsByOrchestra() throws SQLException {
    return with(
        central -> {
          Map<String, Long> counts = new HashMap<>();
          try (PreparedStatement query =
                  central.prepareStatement(
                      "select \"orchestraId\", count(*) from \"User\""
                          + " where \"orchestraId\" is not null group by \"orchestraId\"");
              ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              counts.put(rows.getString(1), rows.getLong(2));
            }
          }
          return counts;
        });
  }

  // ---- registration of an existing database (import, adoption) --------------------------------

  /**
   * What to write into a row when a database that is ready already (imported, adopted) is
   * registered.
   *
   * @param name null: the subdomain
   * @param contactName null: empty (the column is required)
   * @param contactEmail null: empty
   * @param databaseServer the configured server whose login routes to the database (null: the
   *     default server)
   * @param databaseUser the database's own login, or null to use the server's
   * @param encryptedPassword that login's password, already encrypted with {@code SecretBox} (the
   *     form the {@code EncryptedString} converter reads), or null
   * @param migrationNote what happened, kept in {@code lastMigrationResult} (with the time), or
   *     null when nothing is to be recorded
   * @param mayHoldWork whether the database may hold staffing work already (imported, adopted): the
   *     jobs are then due at once, so their next pass looks; a new, empty database has none
   */
  public record Registration(
      String id,
      String subdomain,
      String name,
      String contactName,
      String contactEmail,
      String schemaVersion,
      String databaseServer,
      DatabaseAddress database,
      String databaseUser,
      String encryptedPassword,
      String migrationNote,
      boolean mayHoldWork) {

    public Registration {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(subdomain, "subdomain");
      Objects.requireNonNull(database, "database");
    }

    /** The name the row gets. */
    public String rowName() {
      return name == null ? subdomain : name;
    }
  }

  /** A new, active row whose database is ready. */
  public void register(Registration entry) throws SQLException {
    with(
        central -> {
          try (PreparedStatement insert =
              central.prepareStatement(
                  "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\","
                      + " \"status\", \"contactName\", \"contactEmail\", \"createdAt\","
                      + " \"updatedAt\", \"provisioningState\", \"schemaVersion\","
                      + " \"lastMigrationResult\", \"lastMigratedAt\", \"databaseServer\","
                      + " \"databaseHost\", \"databasePort\", \"databaseName\", \"databaseUser\","
                      + " \"databasePassword\", \"jobsDueAt\")"
                      + " values (?, ?, ?, ?, 'active', ?, ?, "
                      + NOW
                      + ", "
                      + NOW
                      + ", 'ACTIVE', ?, ?, "
                      + NOW_IF_SET
                      + ", ?, ?, ?, ?, ?, ?, "
                      + NOW_IF_SET
                      + ")")) {
            insert.setString(1, entry.id());
            // The legacy secondary code; unique, and nobody chose one for this orchestra.
            insert.setString(2, entry.id());
            insert.setString(3, entry.rowName());
            insert.setString(4, entry.subdomain());
            insert.setString(5, entry.contactName() == null ? "" : entry.contactName());
            insert.setString(6, entry.contactEmail() == null ? "" : entry.contactEmail());
            setNullable(insert, 7, entry.schemaVersion());
            setNullable(insert, 8, entry.migrationNote());
            insert.setBoolean(9, entry.migrationNote() != null);
            setDatabase(insert, 10, entry);
            insert.setBoolean(16, entry.mayHoldWork());
            insert.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Points an existing row at its (new or adopted) database and makes it served: provisioning
   * {@code ACTIVE}, no provisioning error, and status {@code active} when it was {@code deleted} or
   * {@code pending} (an {@code inactive} or {@code suspended} orchestra stays so).
   *
   * @param onlyIfDeleted change the row only while its status is {@code deleted}
   * @return whether the row was changed
   */
  public boolean pointAtDatabase(Registration entry, boolean onlyIfDeleted) throws SQLException {
    return with(
        central -> {
          try (PreparedStatement update =
              central.prepareStatement(
                  "update \"Orchestra\" set \"status\" = case when \"status\" in ('deleted',"
                      + " 'pending') then 'active' else \"status\" end,"
                      + " \"provisioningState\" = 'ACTIVE', \"provisioningError\" = null,"
                      + " \"provisioningFailedStep\" = null,"
                      + " \"schemaVersion\" = ?, \"lastMigrationResult\" = ?,"
                      + " \"lastMigratedAt\" = "
                      + NOW_IF_SET
                      + ", \"databaseServer\" = ?, \"databaseHost\" = ?, \"databasePort\" = ?,"
                      + " \"databaseName\" = ?, \"databaseUser\" = ?, \"databasePassword\" = ?,"
                      + " \"jobsDueAt\" = "
                      + NOW_IF_SET
                      + ", \"updatedAt\" = "
                      + NOW
                      + " where \"id\" = ?"
                      + (onlyIfDeleted ? " and \"status\" = 'deleted'" : ""))) {
            setNullable(update, 1, entry.schemaVersion());
            setNullable(update, 2, entry.migrationNote());
            update.setBoolean(3, entry.migrationNote() != null);
            setDatabase(update, 4, entry);
            update.setBoolean(10, entry.mayHoldWork());
            update.setString(11, entry.id());
            return update.executeUpdate() == 1;
          }
        });
  }

  // ---- fleet --------------------------------------------------------------------------------

  /**
   * Records one migration's outcome on the orchestra's row.
   *
   * @param schemaVersion the version the database is at now, or null to keep the recorded one (the
   *     database could not be read)
   */
  public void recordMigration(String orchestraId, String schemaVersion, String result, Instant at)
      throws SQLException {
    with(
        central -> {
          try (PreparedStatement update =
              central.prepareStatement(
                  "update \"Orchestra\" set \"schemaVersion\" = coalesce(?, \"schemaVersion\"),"
                      + " \"lastMigrationResult\" = ?, \"lastMigratedAt\" = ? where \"id\" = ?")) {
            setNullable(update, 1, schemaVersion);
            update.setString(2, cut(result));
            update.setObject(3, utc(at));
            update.setString(4, orchestraId);
            update.executeUpdate();
          }
          return null;
        });
  }

  // ---- provisioning ---------------------------------------------------------------------------

  /** Names the orchestra's database on a server, unless the row names one already. */
  public void assignDatabase(String orchestraId, DatabaseAddress database) throws SQLException {
    updateUnsynced(
        "update \"Orchestra\" set \"databaseHost\" = ?, \"databasePort\" = ?,"
            + " \"databaseName\" = ?, \"updatedAt\" = "
            + NOW
            + " where \"id\" = ? and \"databaseName\" is null",
        database.host(),
        database.port(),
        database.database(),
        orchestraId);
  }

  /**
   * Provisioning's step {@code MIGRATED} with the orchestra database's schema version, in one
   * statement (a commit fewer on provisioning's way).
   */
  public void recordMigrated(String orchestraId, String schemaVersion) throws SQLException {
    updateUnsynced(
        "update \"Orchestra\" set \"provisioningState\" = 'MIGRATED', \"schemaVersion\" = ?,"
            + " \"updatedAt\" = "
            + NOW
            + " where \"id\" = ?",
        schemaVersion,
        orchestraId);
  }

  /**
   * A provisioning step reached. {@code MIGRATED} and {@code ACTIVE} are written with what comes
   * with them, by {@link #recordMigrated} and {@link #activateProvisioned}.
   */
  public void recordProvisioningStep(String orchestraId, ProvisioningState step)
      throws SQLException {
    if (step == ProvisioningState.MIGRATED
        || step == ProvisioningState.ACTIVE
        || step == ProvisioningState.FAILED) {
      throw new IllegalArgumentException("Not a step on the way: " + step);
    }
    updateUnsynced(
        "update \"Orchestra\" set \"provisioningState\" = ?, \"updatedAt\" = "
            + NOW
            + " where \"id\" = ?",
        step.name(),
        orchestraId);
  }

  /**
   * Provisioning verified the database: {@code ACTIVE}, the failure forgotten, and a {@code
   * pending} orchestra becomes {@code active} (one that was suspended meanwhile stays so), in one
   * statement. Committed durably, as every write is by default: that also makes the steps written
   * before it {@link #unsynced} durable, since PostgreSQL writes its log in order.
   */
  public void activateProvisioned(String orchestraId) throws SQLException {
    update(
        "update \"Orchestra\" set \"status\" = case when \"status\" = 'pending' then 'active'"
            + " else \"status\" end, \"provisioningState\" = 'ACTIVE',"
            + " \"provisioningError\" = null, \"provisioningFailedStep\" = null,"
            + " \"provisioningRetryAt\" = null, \"updatedAt\" = "
            + NOW
            + " where \"id\" = ?",
        orchestraId);
  }

  /**
   * A provisioning run failed at {@code step}: {@code FAILED} with the step and the error, its
   * failed runs counted, no resume planned (yet).
   *
   * @return the failed runs counted now, or empty when the row is gone
   */
  public OptionalInt recordProvisioningFailure(
      String orchestraId, ProvisioningState step, String error) throws SQLException {
    return with(
        central -> {
          try (PreparedStatement update =
              central.prepareStatement(
                  "update \"Orchestra\" set \"provisioningState\" = 'FAILED',"
                      + " \"provisioningFailedStep\" = ?, \"provisioningError\" = ?,"
                      + " \"provisioningAttempts\" = \"provisioningAttempts\" + 1,"
                      + " \"provisioningRetryAt\" = null, \"updatedAt\" = "
                      + NOW
                      + " where \"id\" = ? returning \"provisioningAttempts\"")) {
            update.setString(1, step.name());
            setNullable(update, 2, error);
            update.setString(3, orchestraId);
            try (ResultSet row = update.executeQuery()) {
              return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
            }
          }
        });
  }

  /**
   * The platform resumes a failed provisioning after {@code wait}, unless it is no longer failed.
   */
  public void planProvisioningRetry(String orchestraId, Duration wait) throws SQLException {
    update(
        "update \"Orchestra\" set \"provisioningRetryAt\" = "
            + NOW
            + " + ? * interval '1 millisecond' where \"id\" = ?"
            + " and \"provisioningState\" = 'FAILED'",
        wait.toMillis(),
        orchestraId);
  }

  /**
   * An operator resumes the provisioning: the failed runs counted so far are forgotten, so that
   * transient failures of the operator's run are resumed by the platform again.
   */
  public void forgetFailedProvisioningRuns(String orchestraId) throws SQLException {
    update(
        "update \"Orchestra\" set \"provisioningAttempts\" = 0, \"provisioningRetryAt\" = null"
            + " where \"id\" = ? and \"provisioningState\" <> 'ACTIVE'",
        orchestraId);
  }

  /**
   * Orchestras the platform resumes by itself, the oldest first: those left between two steps or
   * never started (a stopped process, a lost task), and failed ones whose resume is due.
   */
  public List<String> resumableProvisioning() throws SQLException {
    return list(
        "select \"id\" from \"Orchestra\" where \"status\" <> 'deleted'"
            + " and (\"provisioningState\" not in ('ACTIVE', 'FAILED')"
            + " or (\"provisioningState\" = 'FAILED' and \"provisioningRetryAt\" <= "
            + NOW
            + ")) order by \"createdAt\"",
        rows -> rows.getString(1));
  }

  // ---- the staffing jobs' schedule -------------------------------------------------------------

  /** Lowers the orchestra's jobs due time to {@code at}, never raising it. */
  public void lowerJobsDue(String orchestraId, Instant at) throws SQLException {
    LocalDateTime due = utc(at);
    update(
        "update \"Orchestra\" set \"jobsDueAt\" = least(coalesce(\"jobsDueAt\", ?), ?)"
            + " where \"id\" = ?",
        due,
        due,
        orchestraId);
  }

  /**
   * Takes an active orchestra's jobs run for {@code until} (its due time becomes {@code until}):
   * when it is due by {@code now}, or, in a full sweep, also when its due time is unknown or beyond
   * {@code until} by more than one claim length again: a live claim of another instance is at most
   * one claim length ahead of that instance's clock, and the margin keeps it safe from clocks that
   * differ by less than a claim.
   *
   * @return the runs in a row that failed before, or empty when it was not taken
   */
  public Optional<Integer> claimJobs(String orchestraId, Instant now, Instant until, boolean sweep)
      throws SQLException {
    return with(
        central -> {
          try (PreparedStatement claim =
              central.prepareStatement(
                  "update \"Orchestra\" set \"jobsDueAt\" = ? where \"id\" = ?"
                      + " and \"status\" = 'active' and (\"jobsDueAt\" <= ?"
                      + (sweep ? " or \"jobsDueAt\" is null or \"jobsDueAt\" > ?" : "")
                      + ") returning \"jobsFailures\"")) {
            claim.setObject(1, utc(until));
            claim.setString(2, orchestraId);
            claim.setObject(3, utc(now));
            if (sweep) {
              claim.setObject(4, utc(until.plus(Duration.between(now, until))));
            }
            try (ResultSet row = claim.executeQuery()) {
              return row.next() ? Optional.of(row.getInt(1)) : Optional.<Integer>empty();
            }
          }
        });
  }

  /**
   * Moves a held jobs claim's end from {@code until} to {@code newUntil}, unless the due time
   * changed meanwhile (new work lowered it: the claim is then given up and the work is due).
   *
   * @return whether the claim was renewed
   */
  public boolean renewJobsClaim(String orchestraId, Instant until, Instant newUntil)
      throws SQLException {
    return with(
        central -> {
          try (PreparedStatement renew =
              central.prepareStatement(
                  "update \"Orchestra\" set \"jobsDueAt\" = ? where \"id\" = ?"
                      + " and \"jobsDueAt\" = ?")) {
            renew.setObject(1, utc(newUntil));
            renew.setString(2, orchestraId);
            renew.setObject(3, utc(until));
            return renew.executeUpdate() == 1;
          }
        });
  }

  /**
   * Records a jobs run claimed until {@code until} and its next due time (null: nothing due),
   * unless a lower time was set while it ran (the claim's {@code until} is then gone).
   *
   * @param failed whether the run failed: counted, else the count starts again
   */
  public void recordJobsRun(
      String orchestraId, Instant until, Instant next, Instant ranAt, String result, boolean failed)
      throws SQLException {
    with(
        central -> {
          try (PreparedStatement update =
              central.prepareStatement(
                  "update \"Orchestra\" set \"jobsDueAt\" = "
                      + (next == null
                          ? "case when \"jobsDueAt\" = ? then null else \"jobsDueAt\" end"
                          : "case when \"jobsDueAt\" = ? then ? else least(\"jobsDueAt\", ?) end")
                      + ", \"jobsLastRunAt\" = ?, \"jobsLastResult\" = ?, \"jobsFailures\" = "
                      + (failed ? "\"jobsFailures\" + 1" : "0")
                      + " where \"id\" = ?")) {
            int index = 1;
            update.setObject(index++, utc(until));
            if (next != null) {
              update.setObject(index++, utc(next));
              update.setObject(index++, utc(next));
            }
            update.setObject(index++, utc(ranAt));
            update.setString(index++, cut(result));
            update.setString(index, orchestraId);
            update.executeUpdate();
          }
          return null;
        });
  }

  // ---- rules and plumbing ---------------------------------------------------------------------

  /** {@code result} cut to {@link #MAX_RESULT} characters. */
  static String cut(String result) {
    return result != null && result.length() > MAX_RESULT
        ? result.substring(0, MAX_RESULT)
        : result;
  }

  /**
   * The {@code TIMESTAMP(3)} value of an instant: UTC, in milliseconds (a claim is compared by
   * equality, so what is written must be what is read back).
   */
  static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  private <T> T with(Work<T> work) throws SQLException {
    if (connection != null) {
      return work.on(connection);
    }
    try (Connection borrowed = pool.getConnection()) {
      return work.on(borrowed);
    }
  }

  private <T> List<T> list(String sql, RowReader<T> reader) throws SQLException {
    return with(
        central -> {
          List<T> result = new ArrayList<>();
          try (PreparedStatement query = central.prepareStatement(sql);
              ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              result.add(reader.read(rows));
            }
          }
          return result;
        });
  }

  /**
   * Runs work in one transaction that commits without waiting for the server's log flush ({@code
   * synchronous_commit} off for that transaction only): visible to everyone at once, durable a
   * moment later. For provisioning's steps on the way, where the flush (about 3 ms here) is most of
   * a step's cost: a crash may lose the last of them, and the run is resumed from the step before,
   * every step being safe to repeat. Nothing is ever half-written; the final {@code ACTIVE} is
   * committed durably. On a connection already in a transaction, the work is simply part of it.
   */
  static <T> T unsynced(Connection central, Work<T> work) throws SQLException {
    if (!central.getAutoCommit()) {
      return work.on(central);
    }
    central.setAutoCommit(false);
    try {
      try (Statement unsynced = central.createStatement()) {
        unsynced.execute("set local synchronous_commit = off");
      }
      T result = work.on(central);
      central.commit();
      central.setAutoCommit(true);
      return result;
    } catch (SQLException | RuntimeException e) {
      // On a broken connection these fail too; the step's own failure is the one to tell.
      try {
        central.rollback();
        central.setAutoCommit(true);
      } catch (SQLException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private void updateUnsynced(String sql, Object... parameters) throws SQLException {
    with(central -> unsynced(central, connection -> executeUpdate(connection, sql, parameters)));
  }

  private static int executeUpdate(Connection central, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement update = central.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      return update.executeUpdate();
    }
  }

  private void update(String sql, Object... parameters) throws SQLException {
    with(central -> executeUpdate(central, sql, parameters));
  }

  private Optional<RegisteredOrchestra> one(String where, String parameter) throws SQLException {
    return with(
        central -> {
          try (PreparedStatement query = central.prepareStatement(COLUMNS + where)) {
            query.setString(1, parameter);
            return first(query);
          }
        });
  }

  private static Optional<RegisteredOrchestra> first(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      return rows.next() ? Optional.of(row(rows)) : Optional.empty();
    }
  }

  private static RegisteredOrchestra row(ResultSet rows) throws SQLException {
    return new RegisteredOrchestra(
        rows.getString("id"),
        rows.getString("subdomain"),
        rows.getString("name"),
        rows.getString("status"),
        rows.getString("contactName"),
        rows.getString("contactEmail"),
        rows.getString("plan"),
        rows.getInt("pricePerMonth"),
        rows.getString("databaseServer"),
        rows.getString("databaseHost"),
        (Integer) rows.getObject("databasePort"),
        rows.getString("databaseName"),
        rows.getString("databaseUser"),
        rows.getString("databasePassword"),
        rows.getString("schemaVersion"),
        rows.getString("lastMigrationResult"),
        instant(rows.getObject("lastMigratedAt", LocalDateTime.class)),
        new RegisteredOrchestra.ProvisioningProgress(
            ProvisioningState.valueOf(rows.getString("provisioningState")),
            rows.getString("provisioningError")),
        new RegisteredOrchestra.JobsState(
            instant(rows.getObject("jobsDueAt", LocalDateTime.class)),
            instant(rows.getObject("jobsLastRunAt", LocalDateTime.class)),
            rows.getString("jobsLastResult"),
            rows.getInt("jobsFailures")));
  }

  private static void setDatabase(PreparedStatement statement, int first, Registration entry)
      throws SQLException {
    setNullable(statement, first, entry.databaseServer());
    statement.setString(first + 1, entry.database().host());
    statement.setInt(first + 2, entry.database().port());
    statement.setString(first + 3, entry.database().database());
    setNullable(statement, first + 4, entry.databaseUser());
    setNullable(statement, first + 5, entry.encryptedPassword());
  }

  private static void setNullable(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
