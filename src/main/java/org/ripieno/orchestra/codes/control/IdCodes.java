package org.ripieno.orchestra.codes.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.orchestra.audit.entity.DeletedIds;
import org.ripieno.orchestra.codes.entity.IdSequence;
import org.ripieno.tenancy.OrchestraData;

/**
 * Human-readable codes from {@code IdSequence}: the counter row is locked ({@code SELECT ... FOR
 * UPDATE}) in the caller's transaction, so concurrent creations get distinct consecutive codes, and
 * a code is never handed out twice. Call inside an orchestra transaction.
 */
@ApplicationScoped
public class IdCodes {

  @Inject @OrchestraData EntityManager orchestra;

  public String next(CodeType type) {
    IdSequence sequence =
        orchestra
            .createNamedQuery("IdSequence.byEntityType", IdSequence.class)
            .setParameter("entityType", type.entityType())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "IdSequence has no row for " + type.entityType() + " (migration V3)"));
    sequence.setLastNumber(sequence.getLastNumber() + 1);
    sequence.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return type.format(sequence.getLastNumber());
  }

  /** Records a hard-deleted entity's code in {@code DeletedIds}. */
  public void recordDeleted(CodeType type, String code) {
    DeletedIds deleted = new DeletedIds();
    deleted.setEntityType(type.entityType());
    deleted.setDeletedId(code);
    orchestra.persist(deleted);
  }
}
