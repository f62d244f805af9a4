package org.ripieno.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.tenancy.OrchestraWorkDue;

/**
 * Brings an orchestra's jobs forward when its committed work falls due: the orchestra side fires
 * {@link OrchestraWorkDue} and knows nothing of central.
 */
@ApplicationScoped
public class WorkDueListener {

  private static final Logger LOG = Logger.getLogger(WorkDueListener.class.getName());

  @Inject JobsSchedule schedule;

  /**
   * A failure here cannot undo the orchestra's committed work, nor should it fail the request that
   * made it: it is logged, and the next full sweep finds the work.
   */
  void workDue(@Observes OrchestraWorkDue due) {
    try {
      schedule.lower(due.orchestraId(), due.at());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not bring the jobs of " + due.orchestraId() + " forward; the full sweep will",
          e);
    }
  }
}
