package org.ripieno.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.testing.TestPostgres;

/**
 * A legacy central database as the legacy system's central script left it ({@code
 * legacy/central-database.sql}: two orchestras with plaintext database URLs and secrets, {@code
 * _prisma_migrations}, a misplaced {@code Musician} table with rows), with three accounts whose
 * passwords are bcrypt {@code $2b$} hashes as the legacy system wrote them.
 */
final class LegacyCentralFixture {

  /** The accounts and their legacy passwords. */
  static final Map<String, String> PASSWORDS =
      Map.of(
          "superadmin", "legacy superadmin pw",
          "sco-admin", "sco admin pw ÅÄÖ",
          "scosco-admin", "scosco-admin-pw-2025");

  private LegacyCentralFixture() {}

  /** A new database under the run's prefix, holding the legacy central. */
  static DatabaseLogin create(TestPostgres postgres, String purpose)
      throws SQLException, IOException {
    DatabaseLogin database = postgres.createEmpty(purpose);
    String script;
    try (InputStream in =
        LegacyCentralFixture.class.getResourceAsStream("/legacy/central-database.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = database.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(script);
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into \"User\" (\"id\", \"email\", \"role\", \"orchestraId\", \"createdAt\","
                  + " \"updatedAt\", \"passwordHash\", \"active\", \"username\", \"lastLogin\")"
                  + " values (?, ?, ?, ?, '2025-06-28 12:00:00', '2025-07-01 10:00:00', ?, true,"
                  + " ?, null)")) {
        add(insert, "cmcnb6m2r0002sa", "superadmin", "superadmin", null);
        add(insert, "cmcnb6m2r0003a", "sco-admin", "admin", "cmcnb6m2r0000sco");
        add(insert, "cmcnb6m2r0004b", "scosco-admin", "admin", "cmcnb6m2r0001scosco");
      }
    }
    return database;
  }

  private static void add(
      PreparedStatement insert, String id, String username, String role, String orchestraId)
      throws SQLException {
    insert.setString(1, id);
    insert.setString(2, username + "@example.org");
    insert.setString(3, role);
    insert.setString(4, orchestraId);
    insert.setString(
        5,
        BCrypt.with(BCrypt.Version.VERSION_2B)
            .hashToString(10, PASSWORDS.get(username).toCharArray()));
    insert.setString(6, username);
    insert.executeUpdate();
  }
}
