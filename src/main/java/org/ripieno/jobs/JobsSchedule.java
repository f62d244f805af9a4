package org.ripieno.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.tenancy.CentralDatabase;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;

/**
 * The jobs' schedule on the central {@code "Orchestra"} rows ({@code jobsDueAt} and the last run),
 * written through {@link CentralOrchestraRows}, one statement each. Every writer but the run that
 * holds the claim only ever lowers the due time, so a lost race makes the jobs come earlier, never
 * skip work; the run's own write keeps a lower time set meanwhile.
 */
@ApplicationScoped
public class JobsSchedule {

  @Inject CentralDatabase central;

  /** Lowers the orchestra's due time to {@code at}, never raising it. */
  public void lower(String orchestraId, Instant at) {
    try {
      rows().lowerJobsDue(orchestraId, at);
    } catch (SQLException e) {
      throw unavailable("bring the jobs forward", e);
    }
  }

  /**
   * Takes the orchestra's run for {@code until} (another instance then leaves it alone): when it is
   * due, or, in a full sweep, also when its due time is unknown or beyond this claim's end by more
   * than a claim length (a due time before that may be another instance's live claim, renewed to at
   * most one claim length ahead of its clock; that run is going on anyway).
   *
   * @return the runs in a row that failed before, or empty when it was not taken
   */
  public Optional<Integer> claim(String orchestraId, Instant now, Instant until, boolean sweep) {
    try {
      return rows().claimJobs(orchestraId, now, until, sweep);
    } catch (SQLException e) {
      throw unavailable("claim the jobs' run", e);
    }
  }

  /**
   * Renews a held claim: moves its end from {@code until} to {@code newUntil}, unless the due time
   * changed meanwhile (new work lowered it: the claim is then given up, the work is due).
   *
   * @return whether the claim was renewed
   */
  public boolean renew(String orchestraId, Instant until, Instant newUntil) {
    try {
      return rows().renewJobsClaim(orchestraId, until, newUntil);
    } catch (SQLException e) {
      throw unavailable("renew the jobs' claim", e);
    }
  }

  /**
   * Records a successful run and its next due time (null: nothing due), unless a lower time was set
   * while it ran (the claim's {@code until} is then gone).
   */
  public void succeeded(
      String orchestraId, Instant until, Instant next, Instant ranAt, String result) {
    record(orchestraId, until, next, ranAt, result, false);
  }

  /**
   * Records a failed run; it is tried again at {@code retryAt}, or earlier if work came meanwhile.
   */
  public void failed(
      String orchestraId, Instant until, Instant retryAt, Instant ranAt, String result) {
    record(orchestraId, until, retryAt, ranAt, result, true);
  }

  private void record(
      String orchestraId,
      Instant until,
      Instant next,
      Instant ranAt,
      String result,
      boolean failed) {
    try {
      rows().recordJobsRun(orchestraId, until, next, ranAt, result, failed);
    } catch (SQLException e) {
      throw unavailable("record the jobs' run", e);
    }
  }

  private CentralOrchestraRows rows() {
    return CentralOrchestraRows.pooled(central.dataSource());
  }

  private static CentralUnavailableException unavailable(String what, SQLException e) {
    return new CentralUnavailableException("Could not " + what + ": " + e.getMessage(), e);
  }
}
