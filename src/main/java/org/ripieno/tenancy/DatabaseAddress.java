package org.ripieno.tenancy;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a database lives: host, port and database name, the triple that is unique across orchestras
 * in central.
 */
public record DatabaseAddress(String host, int port, String database) {

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");

  public DatabaseAddress {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
  }

  /** Parses {@code jdbc:postgresql://host[:port]/database[?...]}. */
  public static DatabaseAddress parse(String jdbcUrl) {
    Matcher url = JDBC_URL.matcher(jdbcUrl == null ? "" : jdbcUrl.trim());
    if (!url.matches()) {
      throw new IllegalArgumentException(
          "Not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + jdbcUrl);
    }
    int port = url.group(2) == null ? 5432 : Integer.parseInt(url.group(2));
    return new DatabaseAddress(url.group(1), port, url.group(3));
  }

  /** The same server, another database. */
  public DatabaseAddress withDatabase(String otherDatabase) {
    return new DatabaseAddress(host, port, otherDatabase);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return host + ":" + port + "/" + database;
  }
}
