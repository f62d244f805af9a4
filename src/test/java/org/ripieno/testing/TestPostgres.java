package org.ripieno.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;

/**
 * The real PostgreSQL the tests run against ({@code ripieno.test.pg.url}, by default 127.0.0.1:5432
 * as postgres). Every database a test creates gets a name unique to this run and is dropped by
 * {@link #close()}, so runs never collide.
 */
public final class TestPostgres implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DatabaseLogin server;
  private final String runId;
  private final List<String> created = new ArrayList<>();

  public TestPostgres() {
    String url =
        System.getProperty("ripieno.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("ripieno.test.pg.user", "postgres");
    String password = System.getProperty("ripieno.test.pg.password");
    this.server = new DatabaseLogin(DatabaseAddress.parse(url), user, password, "ripieno-test");
    this.runId = Long.toString(Math.abs(RANDOM.nextLong()) % 2_176_782_336L, 36);
  }

  /** Login to the server's maintenance database. */
  public DatabaseLogin server() {
    return server;
  }

  /** A name unique to this run, e.g. {@code rt_k3j9x_central}. */
  public String uniqueName(String purpose) {
    return ("rt_" + runId + "_" + purpose).toLowerCase(Locale.ROOT);
  }

  public String runPrefix() {
    return "rt_" + runId + "_";
  }

  /** An empty database, dropped at close. */
  public DatabaseLogin createEmpty(String purpose) throws SQLException {
    String name = uniqueName(purpose);
    execute("CREATE DATABASE \"" + name + "\"");
    created.add(name);
    return login(name);
  }

  /** An empty database migrated to the current central schema, dropped at close. */
  public DatabaseLogin createCentral(String purpose) throws SQLException {
    DatabaseLogin central = createEmpty(purpose);
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
    return central;
  }

  /** A migrated orchestra database carrying the given orchestra's marker, dropped at close. */
  public DatabaseLogin createOrchestra(String purpose, String orchestraId) throws SQLException {
    String name = uniqueName(purpose);
    created.add(name);
    return OrchestraDatabases.create(server, name, orchestraId);
  }

  public DatabaseLogin login(String database) {
    return server.forDatabase(database, "ripieno-test");
  }

  /** Registers a database created elsewhere (for example by the application) for dropping. */
  public void dropAtClose(String database) {
    created.add(database);
  }

  public void execute(String sql) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public void execute(DatabaseLogin database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public long queryLong(String sql) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * The sessions PostgreSQL has counted in a database ({@code pg_stat_database}), for the sessions
   * that have ended: an open session may report its start seconds later, an ended one reports as
   * its backend exits, just after its client leaves, so the count is read until it has stayed the
   * same for half a second.
   */
  public long settledSessions(DatabaseLogin database) throws SQLException, InterruptedException {
    String query =
        "select sessions from pg_stat_database where datname = '"
            + database.address().database()
            + "'";
    long seen = queryLong(query);
    for (int unchanged = 0; unchanged < 5; ) {
      Thread.sleep(100);
      long now = queryLong(query);
      unchanged = now == seen ? unchanged + 1 : 0;
      seen = now;
    }
    return seen;
  }

  /** The first column of the first row of a query on the database. */
  public long queryLong(DatabaseLogin database, String sql) throws SQLException {
    return firstColumn(database, sql, result -> result.getLong(1));
  }

  /** The first column of the first row of a query on the database, as text. */
  public String queryText(DatabaseLogin database, String sql) throws SQLException {
    return firstColumn(database, sql, result -> result.getString(1));
  }

  /** Every row of a query on the database, each column as text. */
  public List<String[]> rows(DatabaseLogin database, String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = result.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Reads one column of a result row; a JDBC getter may throw. */
  private interface Column<T> {
    T of(ResultSet row) throws SQLException;
  }

  private static <T> T firstColumn(DatabaseLogin database, String sql, Column<T> column)
      throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return column.of(result);
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    // Databases the application created under this run's prefix (orchestras, templates) too.
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT datname FROM pg_database WHERE starts_with(datname, '"
                    + runPrefix()
                    + "')")) {
      while (rows.next()) {
        if (!created.contains(rows.getString(1))) {
          created.add(rows.getString(1));
        }
      }
    }
    for (String name : created) {
      execute("UPDATE pg_database SET datistemplate = false WHERE datname = '" + name + "'");
      try {
        OrchestraDatabases.drop(server, name);
      } catch (SQLException e) {
        failure = e;
      }
    }
    created.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
