package org.ripieno.tenancy;

import org.eclipse.persistence.logging.JavaLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;

/**
 * EclipseLink's log (java.util.logging, as {@code JavaLogger} is), except for the exceptions it
 * logs with their whole stack trace on their way to the application when the database is
 * unavailable: while a database is down that was one stack trace for every call refused. Ripieno
 * logs the failed trial once, in one line, where it finds the database gone (the breaker's guard),
 * and answers or records the rest ({@code ProblemMapper}, the jobs' run result), so these go to
 * FINE. Every other exception EclipseLink logs stays at its level.
 */
public final class UnavailableDatabaseLog extends JavaLog {

  @Override
  public void log(SessionLogEntry entry) {
    if (entry.hasException()
        && entry.getLevel() > SessionLog.FINE
        && DatabaseFailures.isUnavailable(entry.getException())) {
      entry.setLevel(SessionLog.FINE);
    }
    super.log(entry);
  }
}
