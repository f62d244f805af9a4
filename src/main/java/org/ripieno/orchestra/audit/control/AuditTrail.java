package org.ripieno.orchestra.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.persistence.EntityManager;
import org.ripieno.orchestra.audit.entity.AuditLog;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;

/**
 * Writes {@code AuditLog} (which the legacy system defined but never wrote): who did what to which
 * entity, with the values before and after, in the same transaction as the change itself. Call
 * inside an orchestra transaction.
 */
@ApplicationScoped
public class AuditTrail {

  /** The actions the register records. */
  public enum Action {
    CREATE,
    UPDATE,
    ARCHIVE,
    RESTORE,
    REORDER,
    ERASE,
    DELETE,
    /** Requests sent (staffing). */
    SEND,
    /** An answer recorded by a manager on a musician's behalf. */
    ANSWER,
    /** An accepted musician withdrawn. */
    WITHDRAW,
    /** A pending request, or a whole project's staffing, cancelled. */
    CANCEL,
    /** A request's link sent again. */
    RESEND;

    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject CurrentOrchestra current;

  /**
   * @param before a snapshot (record or map) of the values before the change, null on create
   * @param after a snapshot of the values after it, null on delete
   */
  public void record(
      Action action, String entityType, Integer entityId, Object before, Object after) {
    AuditLog entry = new AuditLog();
    entry.setAuditLogId(codes.next(CodeType.AUDIT_LOG));
    entry.setUserId(current.actingUserId().orElse(null));
    entry.setAction(action.value());
    entry.setEntityType(entityType);
    entry.setEntityId(entityId);
    entry.setOldValues(before == null ? null : JSON.toJson(before));
    entry.setNewValues(after == null ? null : JSON.toJson(after));
    orchestra.persist(entry);
  }
}
