package org.ripieno.security.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.central.users.control.Accounts;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.tenancy.CentralDatabase;

/**
 * A central database without a superadmin gets one: {@code superadmin} with the configured {@code
 * ripieno.bootstrap.superadmin-password}, or a generated password written to a file only its owner
 * can read (the log says where, never the password), which must then be changed at first login.
 * Tried at startup and, when central cannot be used then, every few seconds until it has been done:
 * readiness stays down meanwhile ({@code health.SuperadminReadiness}).
 */
@ApplicationScoped
public class SuperadminBootstrap {

  static final String PASSWORD_FILE = "superadmin-password.txt";

  private static final Logger LOG = Logger.getLogger(SuperadminBootstrap.class.getName());
  private static final long RETRY_SECONDS = 5;

  @Inject RipienoSettings settings;
  @Inject CentralDatabase centralDatabase;
  @Inject Accounts accounts;
  @Inject RequestContextController requestContext;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile boolean done;
  private String lastProblem;
  private ScheduledFuture<?> retries;

  void createWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (!attempt()) {
      retries =
          scheduler.scheduleWithFixedDelay(
              this::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Whether central holds a superadmin (found there or created by this instance). */
  public boolean isDone() {
    return done;
  }

  private void retry() {
    if (attempt() && retries != null) {
      retries.cancel(false);
    }
  }

  /** One try; a failure is logged when it differs from the last one, not every few seconds. */
  private synchronized boolean attempt() {
    if (done) {
      return true;
    }
    boolean activated = requestContext.activate();
    try {
      centralDatabase.ensureStarted();
      createIfNone();
      done = true;
      if (lastProblem != null) {
        LOG.info("The superadmin check succeeded after central became usable");
      }
      lastProblem = null;
    } catch (CentralDatabase.CentralUnavailableException notYet) {
      report("No superadmin check yet, retrying every " + RETRY_SECONDS + " s: " + notYet, null);
    } catch (RuntimeException e) {
      // Another instance may have created it at the same moment (the next try finds it), or the
      // name is taken by an account that is not a superadmin: the log says why there is none.
      report("Could not create the first superadmin; retrying every " + RETRY_SECONDS + " s", e);
    } finally {
      if (activated) {
        requestContext.deactivate();
      }
    }
    return done;
  }

  private void report(String problem, RuntimeException cause) {
    String key = problem + (cause == null ? "" : cause.toString());
    if (Objects.equals(key, lastProblem)) {
      LOG.log(Level.FINE, problem, cause);
      return;
    }
    lastProblem = key;
    LOG.log(cause == null ? Level.WARNING : Level.SEVERE, problem, cause);
  }

  @PreDestroy
  void stopRetrying() {
    if (retries != null) {
      retries.cancel(false);
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
    Passwords.Generated generated = Passwords.generateHashed();
    if (accounts.createSuperadminIfNone(email, generated.hash(), true)) {
      Path file = settings.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
      OwnerOnlyFiles.replace(file, "superadmin\n" + generated.password() + "\n");
      LOG.warning(
          "Created the superadmin account; its one-time password is in "
              + file
              + " (log in as superadmin, then choose a password)");
    }
  }
}
