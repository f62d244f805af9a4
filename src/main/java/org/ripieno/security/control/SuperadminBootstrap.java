package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.central.users.control.Accounts;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.tenancy.CentralDatabase;

/**
 * A central database without a superadmin gets one at startup: {@code superadmin} with the
 * configured {@code ripieno.bootstrap.superadmin-password}, or a generated password written to a
 * file only its owner can read (the log says where, never the password), which must then be changed
 * at first login.
 */
@ApplicationScoped
public class SuperadminBootstrap {

  static final String PASSWORD_FILE = "superadmin-password.txt";

  private static final Logger LOG = Logger.getLogger(SuperadminBootstrap.class.getName());

  @Inject RipienoSettings settings;
  @Inject CentralDatabase centralDatabase;
  @Inject Accounts accounts;

  @ActivateRequestContext
  void createWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      centralDatabase.ensureStarted();
    } catch (CentralDatabase.CentralUnavailableException notYet) {
      LOG.warning("No superadmin check: " + notYet.getMessage());
      return;
    }
    try {
      createIfNone();
    } catch (RuntimeException e) {
      // Another instance may have created it at the same moment, or the name is taken: the
      // application still starts, and the log says why there is no new superadmin.
      LOG.log(Level.SEVERE, "Could not create the first superadmin", e);
    }
  }

  private void createIfNone() {
    String email = settings.text("ripieno.bootstrap.superadmin-email", "superadmin@localhost");
    String configured = settings.optional("ripieno.bootstrap.superadmin-password").orElse(null);
    if (configured != null) {
      if (accounts.createSuperadminIfNone(email, Passwords.hash(configured), false)) {
        LOG.info("Created the superadmin account with the configured password");
      }
      return;
    }
    String generated = Passwords.generate();
    if (accounts.createSuperadminIfNone(email, Passwords.hash(generated), true)) {
      Path file = settings.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
      OwnerOnlyFiles.replace(file, "superadmin\n" + generated + "\n");
      LOG.warning(
          "Created the superadmin account; its one-time password is in "
              + file
              + " (log in as superadmin, then choose a password)");
    }
  }
}
