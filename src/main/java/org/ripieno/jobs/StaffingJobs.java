package org.ripieno.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.config.RipienoSettings;
import org.ripieno.mail.MailSettings;
import org.ripieno.mail.SmtpMailer;
import org.ripieno.orchestra.staffing.control.MessageLeases;
import org.ripieno.orchestra.staffing.control.OutboxDelivery;
import org.ripieno.orchestra.staffing.control.OutboxStore;
import org.ripieno.orchestra.staffing.control.StaffingDue;
import org.ripieno.orchestra.staffing.control.StaffingTimers;
import org.ripieno.sms.SmsSender;
import org.ripieno.sms.TwilioSms;
import org.ripieno.tenancy.DatabaseFailures;
import org.ripieno.tenancy.DueWork;
import org.ripieno.tenancy.OrchestraJobs;

/**
 * The staffing jobs inside the application (product.md decision 14): every {@code
 * ripieno.jobs.interval}, the active orchestras whose central {@code jobsDueAt} has come (one
 * central query; an orchestra with nothing due is not opened), each bound to it through {@link
 * OrchestraJobs}: reminders, timeouts, and delivery of the outbox over the orchestra's own SMTP
 * server, else the platform's (org.ripieno.mail.OrchestraMail). Up to {@code ripieno.jobs.workers}
 * orchestras run at once, each taking a connection from the budget while it runs. A run whose
 * messages wait for a send slot of the orchestra's rate stops delivering, and the orchestra is due
 * again at the slot: this instance runs it again then ({@link Comebacks}), its worker free for the
 * other orchestras meanwhile. A run holds a short claim on its orchestra ({@code
 * ripieno.jobs.claim}), renewed while it goes on, so another instance never runs it beside a live
 * run and takes it over soon after a dead one. After each run the orchestra's next due time is
 * computed in its database and written back with the run's time and result. At start-up and every
 * {@code ripieno.jobs.full-sweep} every active orchestra runs once, for due times nobody announced
 * (adopted databases, changes made outside Ripieno). One orchestra failing never stops the others;
 * it is tried again with a growing pause. Without any SMTP server for an orchestra its messages
 * stay queued.
 */
@ApplicationScoped
public class StaffingJobs {

  private static final Logger LOG = Logger.getLogger(StaffingJobs.class.getName());
  private static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";

  @Inject RipienoSettings settings;
  @Inject ActiveOrchestras orchestras;
  @Inject JobsSchedule schedule;
  @Inject OrchestraJobs jobs;
  @Inject DueWork dueWork;
  @Inject OutboxDelivery delivery;
  @Inject OutboxStore store;
  @Inject StaffingTimers timers;
  @Inject StaffingDue due;
  @Inject Clock clock;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threads;

  private ScheduledFuture<?> passes;
  private ExecutorService workers;

  /**
   * Renews the claims of the runs going on; its own thread, so a busy scheduler never delays it.
   */
  private ScheduledExecutorService heartbeats;

  /**
   * Ends mail sends past their limit; apart from the heartbeats, whose renewals may wait on a slow
   * central, since a message's lease counts on the limit being kept.
   */
  private ScheduledExecutorService sendLimits;

  /** Hands orchestras whose runs stopped for a send slot back to the workers at the slot. */
  private ScheduledExecutorService comebacks;

  /** Runs the passes, so that a long pass never holds a thread of the shared scheduler. */
  private ExecutorService passRunner;

  private final AtomicBoolean passing = new AtomicBoolean();

  /** The platform's SMTP server, for orchestras without their own. */
  private Optional<MailSettings> platformMail = Optional.empty();

  private String publicUrl;
  private Duration pause;
  private Duration backoff;
  private Duration mailTimeout;
  private MessageLeases leases;
  private Duration retention;
  private URI twilio;
  private Duration interval;
  private Duration fullSweep;
  private Duration claimLength;
  private Instant nextSweep = Instant.MIN;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    interval = settings.period("ripieno.jobs.interval", Duration.ofMinutes(1));
    fullSweep = settings.period("ripieno.jobs.full-sweep", Duration.ofHours(1));
    claimLength = settings.period("ripieno.jobs.claim", JobsClaim.DEFAULT);
    // Fails the start on a claim too short to be renewed in time, rather than every run.
    JobsClaim.takenAt(clock.instant(), claimLength);
    int workerCount = Math.max(1, settings.number("ripieno.jobs.workers", 2));
    publicUrl = publicUrl(settings.optional("ripieno.public-url"));
    double rate = Double.parseDouble(settings.text("ripieno.mail.rate", "2"));
    pause = rate <= 0 ? Duration.ZERO : Duration.ofNanos((long) (1_000_000_000L / rate));
    backoff = settings.period("ripieno.mail.backoff", OutboxStore.BACKOFF);
    mailTimeout = settings.period("ripieno.mail.timeout", SmtpMailer.TIMEOUT);
    leases = MessageLeases.of(mailTimeout);
    retention = settings.period("ripieno.mail.retention", Duration.ofDays(90));
    twilio = URI.create(settings.text("ripieno.sms.twilio.url", TwilioSms.API));
    try {
      platformMail = MailSettings.of(settings);
    } catch (IllegalStateException e) {
      LOG.log(Level.SEVERE, "No mail delivery over the platform's server: " + e.getMessage());
    }
    if (platformMail.isEmpty()) {
      LOG.warning(
          "ripieno.mail.smtp.host is not set: staffing mails of orchestras without their own SMTP"
              + " settings stay queued in their outbox until an SMTP server is configured.");
    }
    workers = Executors.newFixedThreadPool(workerCount, threads);
    passRunner = Executors.newSingleThreadExecutor(threads);
    heartbeats = Executors.newSingleThreadScheduledExecutor(threads);
    sendLimits = Executors.newSingleThreadScheduledExecutor(threads);
    comebacks = Executors.newSingleThreadScheduledExecutor(threads);
    passes =
        scheduler.scheduleWithFixedDelay(
            this::startPass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Hands a pass to its own thread and returns at once: the scheduler is shared with provisioning's
   * resuming pass, which a pass over many orchestras would otherwise hold up. A pass still going on
   * when the next is due is not doubled.
   */
  private void startPass() {
    if (passing.compareAndSet(false, true)) {
      passRunner.execute(
          () -> {
            try {
              pass();
            } finally {
              passing.set(false);
            }
          });
    }
  }

  /** One pass: the orchestras due (or all of them in a full sweep), side by side on the workers. */
  void pass() {
    try {
      Instant now = clock.instant();
      boolean sweep = !now.isBefore(nextSweep);
      if (sweep) {
        nextSweep = now.plus(fullSweep);
      }
      List<ActiveOrchestras.Entry> toRun = sweep ? orchestras.all() : orchestras.due(now);
      List<Future<?>> runs = new ArrayList<>();
      for (ActiveOrchestras.Entry orchestra : toRun) {
        runs.add(workers.submit(() -> run(orchestra, sweep)));
      }
      for (Future<?> run : runs) {
        awaitRun(run);
      }
    } catch (RuntimeException e) {
      DatabaseFailures.warn(LOG, "Staffing jobs could not read the orchestras", e);
    }
  }

  /** One orchestra's run, if this instance takes it; its outcome goes to its central row. */
  private void run(ActiveOrchestras.Entry orchestra, boolean sweep) {
    try {
      Instant now = clock.instant();
      JobsClaim claim = JobsClaim.takenAt(now, claimLength);
      Optional<Integer> failuresBefore = schedule.claim(orchestra.id(), now, claim.until(), sweep);
      if (failuresBefore.isEmpty()) {
        return;
      }
      long every = claim.renewEvery().toMillis();
      ScheduledFuture<?> heartbeat =
          heartbeats.scheduleAtFixedRate(
              () -> renew(orchestra, claim), every, every, TimeUnit.MILLISECONDS);
      try {
        if (orchestra.route() == null) {
          throw new IllegalStateException(orchestra.unavailable());
        }
        Outcome outcome;
        try {
          outcome = jobs.runAs(orchestra.route(), () -> runFor(orchestra));
        } finally {
          end(heartbeat, claim);
        }
        schedule.succeeded(
            orchestra.id(), claim.until(), outcome.next(), clock.instant(), outcome.result());
        if (outcome.slot() != null) {
          comeBack(orchestra.id(), outcome.slot());
        }
      } catch (RuntimeException e) {
        end(heartbeat, claim);
        DatabaseFailures.warn(
            LOG, "Staffing jobs of " + orchestra.subdomain() + " failed; the others go on", e);
        Instant failedAt = clock.instant();
        schedule.failed(
            orchestra.id(),
            claim.until(),
            JobsBackoff.retryAt(failedAt, interval, failuresBefore.get() + 1),
            failedAt,
            "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    } catch (RuntimeException e) {
      DatabaseFailures.warn(
          LOG, "Staffing jobs could not record the run of " + orchestra.subdomain(), e);
    }
  }

  /**
   * Runs the orchestra again when the send slot its run stopped for is free, unless a pass comes as
   * soon. Timed from the slot, not from the orchestra's due time: other work may be due at once
   * (mail queued without any SMTP server, say), and coming back for that would run the orchestra
   * round and round until the slot. The orchestra's row is read again then, so changed settings
   * count, and its claim decides as for any run: when another instance, or this one's pass, took it
   * meanwhile, the comeback does nothing.
   */
  private void comeBack(String orchestraId, Instant slot) {
    Comebacks.after(slot, clock.instant(), interval)
        .ifPresent(
            delay -> {
              try {
                comebacks.schedule(
                    () -> {
                      try {
                        workers.execute(() -> runAgain(orchestraId));
                      } catch (RejectedExecutionException e) {
                        LOG.fine("Jobs stopping: " + orchestraId + " not run again");
                      }
                    },
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
              } catch (RejectedExecutionException e) {
                LOG.fine("Jobs stopping: " + orchestraId + " not run again");
              }
            });
  }

  private void runAgain(String orchestraId) {
    try {
      orchestras.active(orchestraId).ifPresent(orchestra -> run(orchestra, false));
    } catch (RuntimeException e) {
      // The next pass reads the orchestras again and runs it at its due time.
      DatabaseFailures.warn(LOG, "Staffing jobs could not run " + orchestraId + " again", e);
    }
  }

  /**
   * Moves the claim's end on while the run goes on. A renewal that finds the due time changed (new
   * work lowered it) gives the claim up; one that fails (central unreachable) is tried again at the
   * next beat, the claim still standing for two more.
   */
  private void renew(ActiveOrchestras.Entry orchestra, JobsClaim claim) {
    synchronized (claim) {
      if (!claim.held()) {
        return;
      }
      try {
        Instant newUntil = claim.renewedUntil(clock.instant());
        if (schedule.renew(orchestra.id(), claim.until(), newUntil)) {
          claim.renewed(newUntil);
        } else {
          claim.lose();
        }
      } catch (RuntimeException e) {
        DatabaseFailures.warn(
            LOG,
            "The jobs claim on " + orchestra.subdomain() + " could not be renewed; trying again",
            e);
      }
    }
  }

  /** No renewal after the run: its record compares the claim's last end. */
  private static void end(ScheduledFuture<?> heartbeat, JobsClaim claim) {
    heartbeat.cancel(false);
    claim.lose();
  }

  /**
   * What a run did, and when the orchestra next has work (null: nothing is due).
   *
   * @param slot when the earliest send slot the run stopped for is free (null: it stopped for none)
   */
  private record Outcome(String result, Instant next, Instant slot) {}

  /**
   * Reminders, then timeouts (each in its own transaction), then delivery of what is due, including
   * what the first two enqueued; then, with all of it committed, the next due time.
   */
  private Outcome runFor(ActiveOrchestras.Entry orchestra) {
    dueWork.keptByTheJobs();
    Instant now = clock.instant();
    int reminders = timers.remind(now);
    int timedOut = 0;
    for (int request : timers.dueTimeouts(now)) {
      timedOut += timers.timeOut(request, now) ? 1 : 0;
    }
    Optional<SmtpMailer> mailer =
        orchestra
            .mail()
            .settings(platformMail)
            .map(server -> new SmtpMailer(server, mailTimeout, sendLimits));
    Optional<SmsSender> sms =
        orchestra.sms().ifComplete().map(account -> new TwilioSms(account, twilio));
    OutboxDelivery.Delivered delivered =
        delivery.deliverDue(
            new OutboxDelivery.Channels(
                orchestra.id(),
                orchestra.subdomain(),
                orchestra.name(),
                publicUrl,
                mailer,
                sms,
                pause,
                backoff,
                leases));
    int purged = store.purgeBodies(clock.instant().minus(retention), clock.instant());
    return new Outcome(
        "ok: "
            + reminders
            + " reminders, "
            + timedOut
            + " timeouts, "
            + delivered.delivered()
            + " delivered, "
            + (delivered.noLongerOurs() == 0
                ? ""
                : delivered.noLongerOurs() + " no longer this instance's, ")
            + purged
            + " texts past retention emptied"
            + (mailer.isEmpty() ? " (no SMTP server configured)" : "")
            + (delivered.slotsAhead().isEmpty() ? "" : "; the rest wait for the rate's next slot"),
        due.next(delivered.slotsAhead()).orElse(null),
        delivered.slotsAhead().values().stream().min(Instant::compareTo).orElse(null));
  }

  private static void awaitRun(Future<?> run) {
    try {
      run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "A staffing jobs run failed", e.getCause());
    }
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
    if (passes != null) {
      passes.cancel(false);
    }
    if (passRunner != null) {
      passRunner.shutdownNow();
    }
    if (comebacks != null) {
      comebacks.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    if (heartbeats != null) {
      heartbeats.shutdownNow();
    }
    if (sendLimits != null) {
      sendLimits.shutdownNow();
    }
  }
}
