package org.ripieno.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How to reach one database: its address, the credentials (both optional: local trust or {@code
 * .pgpass} work) and the {@code ApplicationName} its connections carry, so that {@code
 * pg_stat_activity} tells Ripieno's connections apart.
 */
public record DatabaseLogin(
    DatabaseAddress address, String user, String password, String applicationName) {

  /** PostgreSQL truncates longer application names. */
  private static final int MAX_APPLICATION_NAME = 63;

  public DatabaseLogin {
    if (applicationName != null && applicationName.length() > MAX_APPLICATION_NAME) {
      applicationName = applicationName.substring(0, MAX_APPLICATION_NAME);
    }
  }

  public DatabaseLogin forDatabase(String database, String otherApplicationName) {
    return new DatabaseLogin(address.withDatabase(database), user, password, otherApplicationName);
  }

  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {address.host()});
    dataSource.setPortNumbers(new int[] {address.port()});
    dataSource.setDatabaseName(address.database());
    if (user != null && !user.isBlank()) {
      dataSource.setUser(user);
    }
    if (password != null && !password.isEmpty()) {
      dataSource.setPassword(password);
    }
    if (applicationName != null) {
      dataSource.setApplicationName(applicationName);
    }
    dataSource.setConnectTimeout(10);
    return dataSource;
  }

  /** A single unpooled connection, for maintenance work such as {@code CREATE DATABASE}. */
  public Connection connect() throws SQLException {
    return dataSource().getConnection();
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return (user == null ? "" : user + "@") + address;
  }
}
