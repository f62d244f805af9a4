package org.ripieno.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Caller;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.tokens.VerifiedToken;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.web.ProblemException;

/**
 * Turns a verified token into a {@link Caller}, deciding on the account and its orchestra as
 * central has them, so changing a password, deactivating a user or suspending an orchestra ends old
 * tokens within a second on every instance. Central's own endpoints read the account fresh at every
 * request. An orchestra's requests may reuse what a request of the same account read on this
 * instance within {@code ripieno.token.account-cache} ({@link RecentAccounts}, at most a second):
 * that read was the central round trip every orchestra request made beyond its own database's. A
 * change made through this instance's API is seen at once ({@link ChangesAccounts}); one made
 * elsewhere (another instance, the command line, SQL) within that lifetime. An enterprise SSO
 * account gets its central row on first sign-in ({@link SsoAccounts}), so deactivation and audit
 * work the same for it.
 */
@ApplicationScoped
public class Authenticator {

  /**
   * The columns authentication and the rest of the request use: the account, and its orchestra's
   * row as far as entering it needs ({@link OrchestraEntry}), in one round trip.
   */
  private static final String ACCOUNT_WITH_ORCHESTRA =
      "select u.\"id\", u.\"username\", u.\"role\", u.\"orchestraId\", u.\"active\","
          + " u.\"mustChangePassword\", u.\"tokenVersion\", o.\"id\", o.\"subdomain\","
          + " o.\"name\", o.\"status\", o.\"logoUrl\", o.\"primaryColor\", o.\"secondaryColor\","
          + " o.\"maxMusicians\", o.\"maxProjects\", o.\"databaseServer\", o.\"databaseHost\","
          + " o.\"databasePort\", o.\"databaseName\", o.\"databaseUser\", o.\"databasePassword\""
          + " from \"User\" u left join \"Orchestra\" o on o.\"id\" = u.\"orchestraId\""
          + " where u.\"id\" = ?";

  /** Decrypts the database password of an orchestra's own login, as the entity's column does. */
  private static final EncryptedString PASSWORDS = new EncryptedString();

  @Inject @CentralData EntityManager central;
  @Inject CentralDatabase centralDatabase;
  @Inject SsoAccounts ssoAccounts;
  @Inject SecurityComponents components;

  private RecentAccounts<Account> recentAccounts;

  @PostConstruct
  void keepRecentAccounts() {
    recentAccounts = new RecentAccounts<>(components.accountCache());
  }

  /**
   * Who is calling, with the central row of their orchestra as this request read it (null for a
   * superadmin), for the orchestra gate and the rest of the request to use instead of reading
   * central again.
   */
  public record Authenticated(Caller caller, OrchestraEntry orchestra) {}

  /** The account's columns that authentication decides on. */
  private record Account(
      String id,
      String username,
      String role,
      String orchestraId,
      boolean active,
      boolean mustChangePassword,
      int tokenVersion,
      OrchestraEntry orchestra) {}

  /**
   * Who calls with this token, decided on the account as central has it (see the class comment for
   * how old an orchestra's request's read may be).
   *
   * @param entities whether the request goes on to use the account's and its orchestra's entities
   *     (central's own endpoints: the account, users, orchestras), which the entity read leaves in
   *     the request's persistence context for them; an orchestra's request does not, and its
   *     account is read in plain JDBC
   */
  // Not one transaction: an SSO refusal is logged in SsoAccounts' own, which must commit.
  public Authenticated authenticate(VerifiedToken token, boolean entities) {
    if (token.external()) {
      return external(token);
    }
    Optional<Account> account =
        entities
            ? accountEntity(token.subject())
            : recentAccounts.get(token.subject(), () -> accountRow(token.subject()));
    return own(token, account.orElseThrow(Authenticator::tokenRefused));
  }

  /**
   * Forgets every account this instance has kept: something authentication reads (an account, an
   * orchestra's row) has just changed here, and the next request must see it.
   */
  public void forgetRecentAccounts() {
    recentAccounts.forgetAll();
  }

  /** The rules of an own token, whichever way its account was read. */
  private static Authenticated own(VerifiedToken token, Account account) {
    if (!Objects.equals(token.tokenVersion(), account.tokenVersion())) {
      // The password was changed or reset after this token was issued.
      throw tokenRefused();
    }
    return admitted(account);
  }

  /** The rules of every account, own or SSO: active, and its orchestra present and active. */
  private static Authenticated admitted(Account account) {
    if (!account.active()) {
      throw deactivated();
    }
    OrchestraEntry orchestra = null;
    if (account.orchestraId() != null) {
      if (account.orchestra() == null) {
        throw tokenRefused();
      }
      orchestra = requireActive(account.orchestra());
    }
    return new Authenticated(
        new Caller(
            account.id(),
            account.username(),
            account.role(),
            account.orchestraId(),
            orchestra == null ? null : orchestra.subdomain(),
            account.mustChangePassword()),
        orchestra);
  }

  /**
   * The account and its orchestra as entities, in one SELECT: they stay in this request's
   * persistence context, so central's endpoints find them there instead of reading them again.
   */
  private Optional<Account> accountEntity(String userId) {
    return central
        .createNamedQuery("User.withOrchestra", User.class)
        .setParameter("id", userId)
        .getResultStream()
        .findFirst()
        .map(user -> account(user, user.getOrchestra()));
  }

  private static Account account(User user, Orchestra orchestra) {
    return new Account(
        user.getId(),
        user.getUsername(),
        user.getRole(),
        user.getOrchestraId(),
        user.isActive(),
        user.isMustChangePassword(),
        user.getTokenVersion(),
        orchestra == null ? null : OrchestraEntry.of(orchestra));
  }

  private Authenticated external(VerifiedToken token) {
    SsoAccounts.Outcome outcome;
    try {
      outcome = ssoAccounts.accountFor(token);
    } catch (PersistenceException e) {
      // Typically two first requests of a new subject at once (a front end right after sign-in):
      // the other one created the account, and this second look finds it.
      central.clear();
      outcome = ssoAccounts.accountFor(token);
    }
    if (outcome.refusal() != null) {
      throw outcome.refusal();
    }
    if (outcome.user() == null) {
      throw tokenRefused();
    }
    User user = outcome.user();
    // Found by id: an account SsoAccounts has just created carries its orchestra's id only.
    return admitted(
        account(
            user,
            user.getOrchestraId() == null
                ? null
                : central.find(Orchestra.class, user.getOrchestraId())));
  }

  /**
   * The account and its orchestra in one SELECT, in plain JDBC, only the columns the request uses:
   * at every request of an orchestra, EclipseLink's query machinery (JPQL, the persistence context,
   * building both objects, decrypting every secret of the orchestra's row) cost several times the
   * statement itself.
   */
  private Optional<Account> accountRow(String userId) {
    try (Connection connection = centralDatabase.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(ACCOUNT_WITH_ORCHESTRA)) {
      query.setString(1, userId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        OrchestraEntry orchestra =
            row.getString(8) == null
                ? null
                : new OrchestraEntry(
                    row.getString(8),
                    row.getString(9),
                    row.getString(10),
                    row.getString(11),
                    row.getString(12),
                    row.getString(13),
                    row.getString(14),
                    row.getInt(15),
                    row.getInt(16),
                    row.getString(17),
                    row.getString(18),
                    (Integer) row.getObject(19),
                    row.getString(20),
                    row.getString(21),
                    // The entity's converter: decrypts with the installed key, fails closed
                    // without one, and reads a legacy plaintext value as it is.
                    PASSWORDS.convertToEntityAttribute(row.getString(22)));
        return Optional.of(
            new Account(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getBoolean(5),
                row.getBoolean(6),
                row.getInt(7),
                orchestra));
      }
    } catch (SQLException e) {
      // Answered like any database failure of a request (busy: 503; unreachable: 503; else 500).
      throw new IllegalStateException("The account could not be read from central", e);
    }
  }

  /** The user's orchestra, refused with 403 unless it is active. */
  public Orchestra orchestraOf(User user) {
    if (user.getOrchestraId() == null) {
      return null;
    }
    Orchestra orchestra = central.find(Orchestra.class, user.getOrchestraId());
    if (orchestra == null) {
      throw tokenRefused();
    }
    if (!"active".equals(orchestra.getStatus())) {
      throw notActive(orchestra.getName(), orchestra.getStatus());
    }
    return orchestra;
  }

  private static OrchestraEntry requireActive(OrchestraEntry orchestra) {
    if (!orchestra.isActive()) {
      throw notActive(orchestra.name(), orchestra.status());
    }
    return orchestra;
  }

  private static ProblemException notActive(String name, String status) {
    return ProblemException.forbidden(
        "The orchestra {0} is {1}; its accounts cannot be used until it is active again.",
        "Orkestern {0} är {1}; dess konton kan inte användas förrän den är aktiv igen.",
        name,
        status);
  }

  private static ProblemException deactivated() {
    return ProblemException.unauthorized(
        "This account is deactivated.", "Det här kontot är avaktiverat.");
  }

  static ProblemException tokenRefused() {
    return ProblemException.unauthorized(
        "The token is invalid or has expired; please sign in again.",
        "Token är ogiltig eller har gått ut; logga in igen.");
  }
}
