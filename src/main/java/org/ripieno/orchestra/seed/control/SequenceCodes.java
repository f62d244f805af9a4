package org.ripieno.orchestra.seed.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.entity.IdSequence;

/**
 * Codes from {@code IdSequence} on any entity manager in an open transaction, the way {@code
 * IdCodes} takes them (row locked, counter incremented), for work that runs outside a request, such
 * as provisioning. A missing counter row is created, so a database seeded before its counters
 * existed still gets codes that are never reused.
 */
public final class SequenceCodes implements Function<CodeType, String> {

  private final EntityManager entityManager;

  public SequenceCodes(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public String apply(CodeType type) {
    IdSequence sequence = sequence(type);
    sequence.setLastNumber(sequence.getLastNumber() + 1);
    sequence.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return type.format(sequence.getLastNumber());
  }

  /** Creates the counter rows of every code type that has none (counters start at 0). */
  public void ensureAll() {
    for (CodeType type : CodeType.values()) {
      sequence(type);
    }
  }

  private IdSequence sequence(CodeType type) {
    return entityManager
        .createNamedQuery("IdSequence.byEntityType", IdSequence.class)
        .setParameter("entityType", type.entityType())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseGet(
            () -> {
              IdSequence created = new IdSequence();
              created.setEntityType(type.entityType());
              created.setLastNumber(0);
              entityManager.persist(created);
              return created;
            });
  }
}
