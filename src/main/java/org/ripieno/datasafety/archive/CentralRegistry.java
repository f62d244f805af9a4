package org.ripieno.datasafety.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.tenancy.DatabaseAddress;

/**
 * The central {@code "Orchestra"} rows the data-safety tools read and write, in plain SQL on a
 * connection the caller owns (they run while the application is down, without JPA). The columns are
 * those of central migrations V1 and V2; a secret column receives a value the caller already
 * encrypted with {@code SecretBox}, the form the {@code EncryptedString} converter reads.
 */
public final class CentralRegistry {

  /** The status of an orchestra removed by the platform; its row stays, its database is gone. */
  public static final String DELETED = Orchestra.DELETED;

  private static final String ENTRY_COLUMNS =
      "select \"id\", \"subdomain\", \"name\", \"status\", \"databaseServer\", \"databaseHost\","
          + " \"databasePort\", \"databaseName\", \"databaseUser\", \"contactName\","
          + " \"contactEmail\" from \"Orchestra\"";

  /**
   * The legacy system's subdomain rule, the loosest a subdomain may be: it names the orchestra in
   * paths. New orchestras have a stricter rule; imported and adopted ones keep legacy names.
   */
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9-]{1,63}");

  /** Central time stamps are UTC, whatever the server's time zone. */
  private static final String NOW = "(now() at time zone 'UTC')";

  private CentralRegistry() {}

  /** One registry entry, without its secrets. */
  public record Entry(
      String id,
      String subdomain,
      String name,
      String status,
      String databaseServer,
      String databaseHost,
      Integer databasePort,
      String databaseName,
      String databaseUser,
      String contactName,
      String contactEmail) {

    public boolean isDeleted() {
      return DELETED.equals(status);
    }

    /** How an archive of this orchestra names it. */
    public ArchivedOrchestra archived() {
      return new ArchivedOrchestra(id, subdomain, name, contactName, contactEmail);
    }

    /** The database the entry routes to, if it names one. */
    public Optional<DatabaseAddress> database() {
      return databaseHost == null || databasePort == null || databaseName == null
          ? Optional.empty()
          : Optional.of(new DatabaseAddress(databaseHost, databasePort, databaseName));
    }
  }

  /**
   * What to write into an entry.
   *
   * @param databaseServer the configured server whose login routes to the database (null: the
   *     default server)
   * @param databaseUser the database's own login, or null to use the server's
   * @param encryptedPassword that login's password, already encrypted, or null
   * @param migrationNote what happened, kept in {@code lastMigrationResult}
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
      String migrationNote) {

    public Registration {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(subdomain, "subdomain");
      Objects.requireNonNull(database, "database");
    }
  }

  /** Whether {@code subdomain} follows the legacy rule {@code [a-z0-9-]+}. */
  public static boolean isValidSubdomain(String subdomain) {
    return subdomain != null && SUBDOMAIN.matcher(subdomain).matches();
  }

  public static Optional<Entry> bySubdomain(Connection central, String subdomain)
      throws SQLException {
    return one(central, ENTRY_COLUMNS + " where \"subdomain\" = ?", subdomain);
  }

  public static Optional<Entry> byId(Connection central, String id) throws SQLException {
    return one(central, ENTRY_COLUMNS + " where \"id\" = ?", id);
  }

  /** The entry registered on this database (host, port and name are unique across entries). */
  public static Optional<Entry> onDatabase(Connection central, DatabaseAddress database)
      throws SQLException {
    try (PreparedStatement query =
        central.prepareStatement(
            ENTRY_COLUMNS
                + " where \"databaseHost\" = ? and \"databasePort\" = ? and \"databaseName\" ="
                + " ?")) {
      query.setString(1, database.host());
      query.setInt(2, database.port());
      query.setString(3, database.database());
      return read(query);
    }
  }

  /** A new, active entry whose database is ready. */
  public static void insert(Connection central, Registration entry) throws SQLException {
    try (PreparedStatement insert =
        central.prepareStatement(
            "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\","
                + " \"status\", \"contactName\", \"contactEmail\", \"createdAt\", \"updatedAt\","
                + " \"provisioningState\", \"schemaVersion\", \"lastMigrationResult\","
                + " \"lastMigratedAt\", \"databaseServer\", \"databaseHost\", \"databasePort\","
                + " \"databaseName\", \"databaseUser\", \"databasePassword\", \"jobsDueAt\")"
                + " values (?, ?, ?, ?, 'active', ?, ?, "
                + NOW
                + ", "
                + NOW
                + ", 'ACTIVE', ?, ?, "
                + NOW
                + ", ?, ?, ?, ?, ?, ?, "
                // Its pending work is unknown: the jobs' next pass looks.
                + NOW
                + ")")) {
      insert.setString(1, entry.id());
      // The legacy secondary code; unique, and nobody chose one for an imported orchestra.
      insert.setString(2, entry.id());
      insert.setString(3, entry.name() == null ? entry.subdomain() : entry.name());
      insert.setString(4, entry.subdomain());
      insert.setString(5, entry.contactName() == null ? "" : entry.contactName());
      insert.setString(6, entry.contactEmail() == null ? "" : entry.contactEmail());
      insert.setString(7, entry.schemaVersion());
      insert.setString(8, entry.migrationNote());
      setDatabase(insert, 9, entry);
      insert.executeUpdate();
    }
  }

  /**
   * Points an existing entry at its (new or adopted) database and makes it served: provisioning
   * {@code ACTIVE}, no provisioning error, and status {@code active} when it was {@code deleted} or
   * {@code pending} (an {@code inactive} or {@code suspended} orchestra stays so).
   *
   * @param onlyIfDeleted change the entry only while its status is {@code deleted}
   * @return whether the entry was changed
   */
  public static boolean pointAtDatabase(
      Connection central, Registration entry, boolean onlyIfDeleted) throws SQLException {
    try (PreparedStatement update =
        central.prepareStatement(
            "update \"Orchestra\" set \"status\" = case when \"status\" in ('deleted', 'pending')"
                + " then 'active' else \"status\" end,"
                + " \"provisioningState\" = 'ACTIVE', \"provisioningError\" = null,"
                + " \"provisioningFailedStep\" = null,"
                + " \"schemaVersion\" = ?, \"lastMigrationResult\" = ?,"
                + " \"lastMigratedAt\" = "
                + NOW
                + ", \"databaseServer\" = ?, \"databaseHost\" = ?, \"databasePort\" = ?,"
                + " \"databaseName\" = ?, \"databaseUser\" = ?, \"databasePassword\" = ?,"
                // The database's pending work is unknown: the jobs' next pass looks.
                + " \"jobsDueAt\" = "
                + NOW
                + ", \"updatedAt\" = "
                + NOW
                + " where \"id\" = ?"
                + (onlyIfDeleted ? " and \"status\" = 'deleted'" : ""))) {
      update.setString(1, entry.schemaVersion());
      update.setString(2, entry.migrationNote());
      setDatabase(update, 3, entry);
      update.setString(9, entry.id());
      return update.executeUpdate() == 1;
    }
  }

  /** How many accounts belong to the orchestra, and how many of them are inactive. */
  public record Accounts(long total, long inactive) {}

  public static Accounts accounts(Connection central, String orchestraId) throws SQLException {
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

  private static Optional<Entry> one(Connection central, String sql, String parameter)
      throws SQLException {
    try (PreparedStatement query = central.prepareStatement(sql)) {
      query.setString(1, parameter);
      return read(query);
    }
  }

  private static Optional<Entry> read(PreparedStatement query) throws SQLException {
    try (ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      int port = row.getInt(7);
      Integer databasePort = row.wasNull() ? null : port;
      return Optional.of(
          new Entry(
              row.getString(1),
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getString(5),
              row.getString(6),
              databasePort,
              row.getString(8),
              row.getString(9),
              row.getString(10),
              row.getString(11)));
    }
  }
}
