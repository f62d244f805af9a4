package org.ripieno.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;

/**
 * The jobs' schedule on the central {@code "Orchestra"} rows ({@code jobsDueAt} and the last run).
 * Every writer but the run that holds the claim only ever lowers the due time, so a lost race makes
 * the jobs come earlier, never skip work; the run's own write keeps a lower time set meanwhile.
 */
@ApplicationScoped
public class JobsSchedule {

  /** Longer results are cut, so one odd error message cannot bloat the registry row. */
  static final int MAX_RESULT = 2000;

  @Inject @CentralData EntityManager central;

  /** Lowers the orchestra's due time to {@code at}, never raising it. */
  @ActivateRequestContext
  @CentralTransactional
  public void lower(String orchestraId, Instant at) {
    central
        .createNativeQuery(
            "UPDATE \"Orchestra\" SET \"jobsDueAt\" = LEAST(COALESCE(\"jobsDueAt\", ?1), ?1)"
                + " WHERE id = ?2")
        .setParameter(1, utc(at))
        .setParameter(2, orchestraId)
        .executeUpdate();
  }

  /**
   * Takes the orchestra's run for {@code until} (another instance then leaves it alone): when it is
   * due, or, in a full sweep, also when its due time is unknown or beyond this claim's end (a due
   * time before it may be another instance's live claim, renewed to at most one claim length ahead;
   * that run is going on anyway).
   *
   * @return the runs in a row that failed before, or empty when it was not taken
   */
  @ActivateRequestContext
  @CentralTransactional
  public Optional<Integer> claim(String orchestraId, Instant now, Instant until, boolean sweep) {
    @SuppressWarnings("unchecked")
    List<Number> failures =
        central
            .createNativeQuery(
                "UPDATE \"Orchestra\" SET \"jobsDueAt\" = ?1 WHERE id = ?2 AND status = 'active'"
                    + " AND (\"jobsDueAt\" <= ?3"
                    + (sweep ? " OR \"jobsDueAt\" IS NULL OR \"jobsDueAt\" > ?1" : "")
                    + ") RETURNING \"jobsFailures\"")
            .setParameter(1, utc(until))
            .setParameter(2, orchestraId)
            .setParameter(3, utc(now))
            .getResultList();
    return failures.stream().map(Number::intValue).findFirst();
  }

  /**
   * Renews a held claim: moves its end from {@code until} to {@code newUntil}, unless the due time
   * changed meanwhile (new work lowered it: the claim is then given up, the work is due).
   *
   * @return whether the claim was renewed
   */
  @ActivateRequestContext
  @CentralTransactional
  public boolean renew(String orchestraId, Instant until, Instant newUntil) {
    return central
            .createNativeQuery(
                "UPDATE \"Orchestra\" SET \"jobsDueAt\" = ?1 WHERE id = ?2 AND \"jobsDueAt\" = ?3")
            .setParameter(1, utc(newUntil))
            .setParameter(2, orchestraId)
            .setParameter(3, utc(until))
            .executeUpdate()
        == 1;
  }

  /**
   * Records a successful run and its next due time (null: nothing due), unless a lower time was set
   * while it ran (the claim's {@code until} is then gone).
   */
  @ActivateRequestContext
  @CentralTransactional
  public void succeeded(
      String orchestraId, Instant until, Instant next, Instant ranAt, String result) {
    record(orchestraId, until, next, ranAt, result, "0");
  }

  /**
   * Records a failed run; it is tried again at {@code retryAt}, or earlier if work came meanwhile.
   */
  @ActivateRequestContext
  @CentralTransactional
  public void failed(
      String orchestraId, Instant until, Instant retryAt, Instant ranAt, String result) {
    record(orchestraId, until, retryAt, ranAt, result, "\"jobsFailures\" + 1");
  }

  private void record(
      String orchestraId,
      Instant until,
      Instant next,
      Instant ranAt,
      String result,
      String failures) {
    String due =
        next == null
            ? "CASE WHEN \"jobsDueAt\" = ?1 THEN NULL ELSE \"jobsDueAt\" END"
            : "CASE WHEN \"jobsDueAt\" = ?1 THEN ?5 ELSE LEAST(\"jobsDueAt\", ?5) END";
    var update =
        central
            .createNativeQuery(
                "UPDATE \"Orchestra\" SET \"jobsDueAt\" = "
                    + due
                    + ", \"jobsLastRunAt\" = ?2, \"jobsLastResult\" = ?3, \"jobsFailures\" = "
                    + failures
                    + " WHERE id = ?4")
            .setParameter(1, utc(until))
            .setParameter(2, utc(ranAt))
            .setParameter(
                3, result.length() > MAX_RESULT ? result.substring(0, MAX_RESULT) : result)
            .setParameter(4, orchestraId);
    if (next != null) {
      update.setParameter(5, utc(next));
    }
    update.executeUpdate();
  }

  private static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }
}
