package org.ripieno.central.fleet.control;

import org.ripieno.tenancy.OrchestraRoute;

/**
 * Told about a fleet migration run as it goes, for example to print progress on the command line or
 * to let the server's registry drop what it knew about a migrated database. Called from the
 * workers' threads; a listener that throws is logged and otherwise ignored.
 */
public interface FleetListener {

  FleetListener NONE = new FleetListener() {};

  /** The orchestras the run covers are known, all pending. */
  default void started(FleetProgress.Snapshot snapshot) {}

  /**
   * Work on one orchestra's database is about to begin, before the run connects to it: {@code
   * route} names the database and login the run will use (a command prints its {@code target:} line
   * here). Not called for an orchestra that has no database yet or cannot be routed.
   */
  default void starting(FleetProgress.Entry orchestra, OrchestraRoute route) {}

  /** One orchestra changed state. */
  default void changed(FleetProgress.Entry orchestra, FleetProgress.Snapshot snapshot) {}

  /** The run ended (also when it could not start: {@code snapshot.error()} says why). */
  default void finished(FleetProgress.Snapshot snapshot) {}
}
