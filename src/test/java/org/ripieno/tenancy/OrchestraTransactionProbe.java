package org.ripieno.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A bean deployed only with {@link TenancyInContainerIT}: writes to the current orchestra's
 * database in {@link OrchestraTransactional} methods, as the application's services do, so the test
 * sees what the interceptor commits and what it rolls back.
 */
@ApplicationScoped
public class OrchestraTransactionProbe {

  @Inject @OrchestraData EntityManager orchestra;

  @OrchestraTransactional
  public void addInstrument(String instrumentId) {
    insert(instrumentId);
  }

  @OrchestraTransactional
  public void addInstrumentThenFail(String instrumentId) {
    insert(instrumentId);
    throw new IllegalStateException("failed after writing " + instrumentId);
  }

  /** A new instrument with one position; returns the position's id. */
  @OrchestraTransactional
  public int addPositionOfANewInstrument(String instrumentId) {
    insert(instrumentId);
    return ((Number)
            orchestra
                .createNativeQuery(
                    "insert into \"Position\" (\"positionId\", \"instrumentId\", \"name\","
                        + " \"hierarchyLevel\") select ?, \"id\", 'Tutti', 3 from \"Instrument\""
                        + " where \"instrumentId\" = ? returning \"id\"")
                .setParameter(1, "POS-" + instrumentId)
                .setParameter(2, instrumentId)
                .getSingleResult())
        .intValue();
  }

  public long instruments(String instrumentId) {
    return ((Number)
            orchestra
                .createNativeQuery("select count(*) from \"Instrument\" where \"instrumentId\" = ?")
                .setParameter(1, instrumentId)
                .getSingleResult())
        .longValue();
  }

  private void insert(String instrumentId) {
    orchestra
        .createNativeQuery("insert into \"Instrument\" (\"instrumentId\", \"name\") values (?, ?)")
        .setParameter(1, instrumentId)
        .setParameter(2, "Probe " + instrumentId)
        .executeUpdate();
  }
}
