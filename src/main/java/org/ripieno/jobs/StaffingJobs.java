package org.ripieno.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.config.RipienoSettings;
import org.ripieno.mail.MailSettings;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.staffing.control.OutboxDelivery;
import org.ripieno.orchestra.staffing.control.StaffingTimers;
import org.ripieno.tenancy.OrchestraJobs;

/**
 * The staffing jobs inside the application (product.md decision 14): every {@code
 * ripieno.jobs.interval}, for each active orchestra in turn, bound to it through {@link
 * OrchestraJobs}: reminders, timeouts, and delivery of the outbox over the platform's SMTP server.
 * One orchestra failing never stops the others. Without {@code ripieno.mail.smtp.host} nothing is
 * delivered and messages stay queued.
 */
@ApplicationScoped
public class StaffingJobs {

  private static final Logger LOG = Logger.getLogger(StaffingJobs.class.getName());
  private static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";

  @Inject RipienoSettings settings;
  @Inject ActiveOrchestras orchestras;
  @Inject OrchestraJobs jobs;
  @Inject OutboxDelivery delivery;
  @Inject StaffingTimers timers;
  @Inject Clock clock;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> schedule;
  private Optional<SmtpMailer> mailer = Optional.empty();
  private String publicUrl;
  private Duration pause;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    Duration interval = settings.period("ripieno.jobs.interval", Duration.ofMinutes(1));
    publicUrl = publicUrl(settings.optional("ripieno.public-url"));
    double rate = Double.parseDouble(settings.text("ripieno.mail.rate", "2"));
    pause = rate <= 0 ? Duration.ZERO : Duration.ofMillis((long) (1000 / rate));
    try {
      mailer = MailSettings.of(settings).map(SmtpMailer::new);
    } catch (IllegalStateException e) {
      LOG.log(Level.SEVERE, "No mail delivery: " + e.getMessage());
    }
    if (mailer.isEmpty()) {
      LOG.warning(
          "ripieno.mail.smtp.host is not set: staffing mails stay queued in each orchestra's"
              + " outbox until an SMTP server is configured.");
    }
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::runAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass over every active orchestra. */
  void runAll() {
    try {
      for (ActiveOrchestras.Entry orchestra : orchestras.list()) {
        try {
          jobs.runAs(orchestra.route(), () -> runFor(orchestra));
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "Staffing jobs of " + orchestra.route().subdomain() + " failed; the others go on",
              e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Staffing jobs could not read the orchestras", e);
    }
  }

  /**
   * Reminders, then timeouts (each in its own transaction), then delivery of what is due, including
   * what the first two enqueued.
   */
  private void runFor(ActiveOrchestras.Entry orchestra) {
    Instant now = clock.instant();
    timers.remind(now);
    for (int request : timers.dueTimeouts(now)) {
      timers.timeOut(request, now);
    }
    mailer.ifPresent(smtp -> delivery.deliverDue(smtp, orchestra.name(), publicUrl, pause));
  }

  /** The base of musicians' links; the log says so while it would not reach them. */
  static String publicUrl(Optional<String> configured) {
    String url = configured.orElse(DEFAULT_PUBLIC_URL).trim().replaceAll("/+$", "");
    String host = URI.create(url).getHost();
    if (configured.isEmpty() || "localhost".equals(host) || "127.0.0.1".equals(host)) {
      LOG.warning(
          "ripieno.public-url is "
              + url
              + ": links in mails to musicians will not work outside this machine. Set"
              + " RIPIENO_PUBLIC_URL to the address musicians reach Ripieno at.");
    }
    return url;
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
