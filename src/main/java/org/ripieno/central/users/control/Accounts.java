package org.ripieno.central.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.central.users.boundary.UserInput;
import org.ripieno.central.users.boundary.UserView;
import org.ripieno.central.users.entity.User;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.security.control.ChangesAccounts;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for accounts. A superadmin manages every account; an orchestra admin manages the {@code
 * admin} and {@code user} accounts of their own orchestra ({@code orchestraId} of the scope), never
 * a superadmin. Usernames and emails are unique; nobody deletes themselves.
 */
@ApplicationScoped
public class Accounts {

  static final int MAX_TEXT = 200;
  static final int MIN_PASSWORD = 10;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;

  /** Where an account call acts: the whole platform, or one orchestra's accounts. */
  public record Scope(String orchestraId) {
    public static final Scope PLATFORM = new Scope(null);

    boolean isPlatform() {
      return orchestraId == null;
    }
  }

  public Page<UserView> list(Scope scope, int page, int size) {
    int first = Page.firstRow(page, size);
    List<User> users =
        (scope.isPlatform()
                ? central.createNamedQuery("User.all", User.class)
                : central
                    .createNamedQuery("User.ofOrchestra", User.class)
                    .setParameter("orchestraId", scope.orchestraId()))
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList();
    long total =
        scope.isPlatform()
            ? central.createNamedQuery("User.countAll", Long.class).getSingleResult()
            : central
                .createNamedQuery("User.countOfOrchestra", Long.class)
                .setParameter("orchestraId", scope.orchestraId())
                .getSingleResult();
    return new Page<>(users.stream().map(this::view).toList(), total, page, size);
  }

  public UserView get(String id, Scope scope) {
    return view(find(id, scope));
  }

  @CentralTransactional
  public UserView create(UserInput input, Scope scope, Caller by) {
    require(input.username(), "username");
    require(input.email(), "email");
    require(input.role(), "role");
    User user = new User();
    user.setUsername(checkedUsername(input.username(), null));
    user.setEmail(checkedEmail(input.email(), null));
    placeInOrchestra(
        user, input.role(), scope.isPlatform() ? input.orchestraId() : scope.orchestraId(), scope);
    String generated = null;
    if (input.password() == null) {
      Passwords.Generated password = Passwords.generateHashed();
      generated = password.password();
      user.setPasswordHash(password.hash());
      user.setMustChangePassword(true);
    } else {
      user.setPasswordHash(Passwords.hash(checkedPassword(input.password())));
    }
    if (input.active() != null) {
      user.setActive(input.active());
    }
    central.persist(user);
    central.flush();
    record("Account created", user, by);
    return UserView.withPassword(user, orchestraOf(user), generated);
  }

  @ChangesAccounts
  @CentralTransactional
  public UserView update(String id, UserInput input, Scope scope, Caller by) {
    User user = find(id, scope);
    if (input.username() != null) {
      user.setUsername(checkedUsername(input.username(), user.getId()));
    }
    if (input.email() != null) {
      user.setEmail(checkedEmail(input.email(), user.getId()));
    }
    if (input.role() != null && !input.role().equals(user.getRole())) {
      if (user.getId().equals(by.userId())) {
        throw ProblemException.conflict(
            "You cannot change your own role.", "Du kan inte ändra din egen roll.");
      }
      keepAnActiveSuperadminBesides(user);
    }
    if (input.role() != null || input.orchestraId() != null) {
      String role = input.role() != null ? input.role() : user.getRole();
      String orchestraId =
          scope.isPlatform()
              ? (input.orchestraId() != null ? input.orchestraId() : user.getOrchestraId())
              : scope.orchestraId();
      placeInOrchestra(user, role, Role.SUPERADMIN.equals(role) ? null : orchestraId, scope);
    }
    if (input.password() != null) {
      refuseLocalPasswordForSso(user);
      user.setPasswordHash(Passwords.hash(checkedPassword(input.password())));
      user.setMustChangePassword(false);
      user.setTokenVersion(user.getTokenVersion() + 1);
    }
    if (input.active() != null) {
      if (!input.active() && user.getId().equals(by.userId())) {
        throw ProblemException.conflict(
            "You cannot deactivate your own account.", "Du kan inte avaktivera ditt eget konto.");
      }
      if (!input.active()) {
        keepAnActiveSuperadminBesides(user);
      }
      user.setActive(input.active());
    }
    central.flush();
    record("Account changed", user, by);
    return view(user);
  }

  @ChangesAccounts
  @CentralTransactional
  public void delete(String id, Scope scope, Caller by) {
    User user = find(id, scope);
    if (user.getId().equals(by.userId())) {
      throw ProblemException.conflict(
          "You cannot delete your own account.", "Du kan inte ta bort ditt eget konto.");
    }
    keepAnActiveSuperadminBesides(user);
    record("Account deleted", user, by);
    central.remove(user);
  }

  /** A new generated password, shown once; earlier tokens stop working. */
  @ChangesAccounts
  @CentralTransactional
  public String resetPassword(String id, Scope scope, Caller by) {
    User user = find(id, scope);
    refuseLocalPasswordForSso(user);
    Passwords.Generated password = Passwords.generateHashed();
    user.setPasswordHash(password.hash());
    user.setMustChangePassword(true);
    user.setTokenVersion(user.getTokenVersion() + 1);
    user.setLastLogin(null);
    record("Password reset", user, by);
    return password.password();
  }

  /** Whether the password is the account's current one (the caller throttles this check). */
  public boolean passwordMatches(String userId, String password) {
    User user = central.find(User.class, userId);
    return user != null && password != null && Passwords.matches(password, user.getPasswordHash());
  }

  /**
   * The caller's own new password, after {@link #passwordMatches} confirmed the current one;
   * earlier tokens stop working.
   */
  @ChangesAccounts
  @CentralTransactional
  public void changeOwnPassword(String userId, String currentPassword, String newPassword) {
    require(newPassword, "newPassword");
    User user = central.find(User.class, userId);
    refuseLocalPasswordForSso(user);
    if (newPassword.equals(currentPassword)) {
      throw ProblemException.badRequest(
          "Choose a password other than the current one.",
          "Välj ett annat lösenord än det nuvarande.");
    }
    user.setPasswordHash(Passwords.hash(checkedPassword(newPassword)));
    user.setMustChangePassword(false);
    user.setTokenVersion(user.getTokenVersion() + 1);
    systemLog.write(
        new SystemLogWriter.Event(
            "info",
            "auth",
            "Password changed",
            user.getId(),
            user.getOrchestraId(),
            null,
            null,
            Map.of("username", user.getUsername())));
  }

  /** Creates the first superadmin unless there is one; returns whether it did. */
  @CentralTransactional
  public boolean createSuperadminIfNone(String email, String passwordHash, boolean generated) {
    if (central.createNamedQuery("User.countSuperadmins", Long.class).getSingleResult() > 0) {
      return false;
    }
    User superadmin = new User();
    superadmin.setUsername("superadmin");
    superadmin.setEmail(email);
    superadmin.setRole(Role.SUPERADMIN);
    superadmin.setPasswordHash(passwordHash);
    superadmin.setMustChangePassword(generated);
    central.persist(superadmin);
    return true;
  }

  /** Stamps a successful login and returns the account. */
  @CentralTransactional
  public User recordLogin(String userId) {
    User user = central.find(User.class, userId);
    user.setLastLogin(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    return user;
  }

  public UserView view(User user) {
    return UserView.of(user, orchestraOf(user));
  }

  /** An account that signs in through the identity provider gets no password here. */
  private static void refuseLocalPasswordForSso(User user) {
    if (user.getExternalSubject() != null) {
      throw ProblemException.conflict(
          "This account signs in through the organisation's identity provider; it has no password"
              + " here.",
          "Det här kontot loggar in via organisationens inloggningstjänst; det har inget lösenord"
              + " här.");
    }
  }

  /** Refuses a change that would leave the platform without an active superadmin. */
  private void keepAnActiveSuperadminBesides(User user) {
    if (!Role.SUPERADMIN.equals(user.getRole()) || !user.isActive()) {
      return;
    }
    long others =
        central
            .createNamedQuery("User.countActiveSuperadminsBesides", Long.class)
            .setParameter("id", user.getId())
            .getSingleResult();
    if (others == 0) {
      throw ProblemException.conflict(
          "This is the last active superadmin; the platform needs one.",
          "Det här är den sista aktiva superadmin; plattformen behöver en.");
    }
  }

  private User find(String id, Scope scope) {
    User user = id == null ? null : central.find(User.class, id);
    if (user == null
        || !(scope.isPlatform() || scope.orchestraId().equals(user.getOrchestraId()))) {
      throw ProblemException.notFound(
          "There is no account {0}.", "Det finns inget konto {0}.", String.valueOf(id));
    }
    return user;
  }

  private void placeInOrchestra(User user, String role, String orchestraId, Scope scope) {
    if (!Role.ALL.contains(role)) {
      throw ProblemException.badRequest(
          "role is one of superadmin, admin, user.", "role är en av superadmin, admin, user.");
    }
    if (!scope.isPlatform() && Role.SUPERADMIN.equals(role)) {
      throw ProblemException.forbidden(
          "An orchestra admin cannot manage superadmin accounts.",
          "En orkesteradministratör kan inte hantera superadmin-konton.");
    }
    if (Role.SUPERADMIN.equals(role)) {
      if (orchestraId != null) {
        throw ProblemException.badRequest(
            "A superadmin belongs to no orchestra: leave orchestraId out.",
            "En superadmin hör inte till någon orkester: utelämna orchestraId.");
      }
    } else if (orchestraId == null || central.find(Orchestra.class, orchestraId) == null) {
      throw ProblemException.badRequest(
          "An admin or user needs the orchestraId of an existing orchestra.",
          "En admin eller user behöver orchestraId för en befintlig orkester.");
    }
    user.setRole(role);
    user.setOrchestraId(orchestraId);
  }

  private String checkedUsername(String username, String ownId) {
    String value = username.trim();
    checkLength(value, "username");
    List<User> same =
        central
            .createNamedQuery("User.byUsername", User.class)
            .setParameter("username", value)
            .getResultList();
    if (same.stream().anyMatch(other -> !other.getId().equals(ownId))) {
      throw ProblemException.conflict(
          "The username {0} is taken.", "Användarnamnet {0} är upptaget.", value);
    }
    return value;
  }

  private String checkedEmail(String email, String ownId) {
    String value = email.trim();
    checkLength(value, "email");
    if (!EMAIL.matcher(value).matches()) {
      throw ProblemException.badRequest(
          "{0} is not an email address.", "{0} är inte en e-postadress.", value);
    }
    List<User> same =
        central
            .createNamedQuery("User.byEmail", User.class)
            .setParameter("email", value)
            .getResultList();
    if (same.stream().anyMatch(other -> !other.getId().equals(ownId))) {
      throw ProblemException.conflict(
          "The email {0} belongs to another account.",
          "E-postadressen {0} tillhör ett annat konto.", value);
    }
    return value;
  }

  private static String checkedPassword(String password) {
    if (password.length() < MIN_PASSWORD || password.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "A password has 10 to 200 characters.", "Ett lösenord har 10 till 200 tecken.");
    }
    return password;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("{0} is required.", "{0} måste anges.", field);
    }
  }

  private static void checkLength(String value, String field) {
    if (value.isEmpty() || value.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "{0} has 1 to 200 characters.", "{0} har 1 till 200 tecken.", field);
    }
  }

  private Orchestra orchestraOf(User user) {
    return user.getOrchestraId() == null
        ? null
        : central.find(Orchestra.class, user.getOrchestraId());
  }

  private void record(String what, User user, Caller by) {
    systemLog.write(
        new SystemLogWriter.Event(
            "info",
            "auth",
            what,
            by.userId(),
            user.getOrchestraId(),
            null,
            null,
            Map.of("account", user.getUsername(), "by", by.username())));
  }
}
