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
