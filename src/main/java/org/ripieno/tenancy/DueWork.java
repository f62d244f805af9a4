package org.ripieno.tenancy;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The earliest work the current request's open orchestra transaction makes due. {@link
 * OrchestraTransactionInterceptor} announces it as {@link OrchestraWorkDue} after the commit and
 * forgets it on a rollback, so the schedule never hears of work that does not exist.
 */
@RequestScoped
public class DueWork {

  private Instant earliest;
  private boolean keptByTheJobs;

  /** Notes that the transaction in progress makes work due at {@code at}. */
  public void dueAt(Instant at) {
    if (earliest == null || at.isBefore(earliest)) {
      earliest = at;
    }
  }

  /**
   * For a jobs run: the run computes the orchestra's next due time itself once it is done, so what
   * it creates is not announced (that would only make the jobs come back at once).
   */
  public void keptByTheJobs() {
    keptByTheJobs = true;
  }

  /** What to announce after a commit, forgotten once taken. */
  Optional<Instant> takeCommitted() {
    Instant due = earliest;
    earliest = null;
    return keptByTheJobs ? Optional.empty() : Optional.ofNullable(due);
  }

  void forget() {
    earliest = null;
  }
}
