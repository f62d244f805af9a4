package org.ripieno.datasafety.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * Names for the databases an import creates: {@code orchestra_<subdomain>} with {@code -} as {@code
 * _}, the name provisioning gives a new orchestra's database, so an imported orchestra looks like
 * any other. Legacy subdomains are kept as they were, so anything outside {@code [a-z0-9_]} becomes
 * {@code _} and the name is cut to PostgreSQL's 63 characters. When the name is taken on the
 * server, or registered in central for another orchestra (a deleted orchestra's entry still names
 * its dropped database), {@code _2}, {@code _3}, ... is appended.
 */
public final class DatabaseNames {

  /** After the configured prefix, as provisioning names orchestra databases. */
  static final String PREFIX = "orchestra_";

  private static final int MAX_LENGTH = 63;
  private static final int MAX_ATTEMPTS = 99;

  private DatabaseNames() {}

  /** The name to try first ({@code attempt} 1) and after that. */
  static String candidate(String prefix, String subdomain, int attempt) {
    String base =
        prefix + PREFIX + subdomain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String suffix = attempt <= 1 ? "" : "_" + attempt;
    if (base.length() + suffix.length() > MAX_LENGTH) {
      base = base.substring(0, MAX_LENGTH - suffix.length());
    }
    return base + suffix;
  }

  /**
   * The first candidate that is free on the server and in central.
   *
   * @param server login to the server's maintenance database
   * @param prefix put before every orchestra database's name on the server
   * @param orchestraId the orchestra the database is for: its own entry does not count as taken
   */
  public static String choose(
      DatabaseLogin server, Connection central, String prefix, String subdomain, String orchestraId)
      throws SQLException {
    try (Connection maintenance = server.connect();
        PreparedStatement exists =
            maintenance.prepareStatement(
                "select 1 from pg_catalog.pg_database where datname = ?")) {
      for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        String name = candidate(prefix, subdomain, attempt);
        exists.setString(1, name);
        boolean onServer;
        try (ResultSet row = exists.executeQuery()) {
          onServer = row.next();
        }
        boolean registered =
            CentralOrchestraRows.on(central)
                .onDatabase(
                    new DatabaseAddress(server.address().host(), server.address().port(), name))
                .filter(entry -> !entry.id().equals(orchestraId))
                .isPresent();
        if (!onServer && !registered) {
          return name;
        }
      }
    }
    throw new ArchiveRefusedException(
        "No free database name for " + subdomain + " on " + server.address());
  }
}
